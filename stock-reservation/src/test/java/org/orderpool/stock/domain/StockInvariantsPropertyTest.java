package org.orderpool.stock.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderpool.stock.domain.OrderReservation.State;

/**
 * Thousands of random interleavings of orders (1 to 3 SKUs, shops with different policies, some with a
 * fair-share cap), cancellations, updates of their lines, restocks, damage, redelivered movements, manifests and the passing
 * of time, with every internal message delivered in random order. After every step the ledgers must
 * hold; once everything is delivered, every order must be settled and every held unit must belong to
 * a reserved order.
 */
class StockInvariantsPropertyTest {

    private static final List<String> SKUS = List.of("SKU-1", "SKU-2", "SKU-3", "SKU-4", "SKU-5");
    private static final int STEPS = 400;
    private static final Set<State> SETTLED = EnumSet.of(State.RESERVED, State.BACKORDERED, State.OUT_OF_STOCK, State.CANCELLED, State.SHIPPED,
            State.WITHDRAWN);
    private static final Set<State> TERMINAL = EnumSet.of(State.OUT_OF_STOCK, State.CANCELLED);

    static List<Long> seeds() {
        final List<Long> seeds = new ArrayList<>();
        for (long seed = 1; seed <= 1_000; seed++) {
            seeds.add(seed);
        }
        return seeds;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldNeverOversellOrLeakAReservationWhateverTheInterleaving(final long seed) {
        final Random random = new Random(seed);
        final StockPool pool = new StockPool(random, SKUS, 3);
        final List<String> movementIds = new ArrayList<>();
        int orderCount = 0;
        for (int step = 0; step < STEPS; step++) {
            final int dice = random.nextInt(100);
            if (dice < 45) {
                pool.deliverOne();
            } else if (dice < 63) {
                pool.cleared("o-" + (++orderCount), "shop-" + random.nextInt(3), randomLines(random), randomPolicy(random));
            } else if (dice < 70 && orderCount > 0) {
                final String orderId = "o-" + (1 + random.nextInt(orderCount));
                pool.cancel(orderId);
                if (random.nextBoolean()) {
                    pool.withdraw(orderId); // reserved and cancelled in time: shipping-scheduler withdraws its parcels
                }
            } else if (dice < 80) {
                final String id = "m-" + step;
                movementIds.add(id);
                pool.movement(SKUS.get(random.nextInt(SKUS.size())), id, 1 + random.nextInt(6));
            } else if (dice < 84) {
                pool.movement(SKUS.get(random.nextInt(SKUS.size())), "damage-" + step, -(1 + random.nextInt(3)));
            } else if (dice < 88 && !movementIds.isEmpty()) {
                final String again = movementIds.get(random.nextInt(movementIds.size()));
                SKUS.forEach(sku -> pool.movement(sku, again, 5)); // a redelivery: applied once at most
            } else if (dice < 94 && orderCount > 0) {
                final String orderId = "o-" + (1 + random.nextInt(orderCount));
                if (pool.orders.get(orderId).state() == State.RESERVED) {
                    pool.manifest(orderId);
                }
            } else if (dice < 97 && orderCount > 0) {
                pool.update("o-" + (1 + random.nextInt(orderCount)), randomLines(random)); // the shop changed its lines
            } else {
                pool.passTime(Duration.ofHours(random.nextInt(6)));
            }
            assertLedgersHold(pool, "seed " + seed + " step " + step);
        }

        pool.drain();
        assertLedgersHold(pool, "seed " + seed + " after delivering everything");
        assertSettled(pool, seed);
        pool.passTime(Duration.ofDays(30));
        pool.drain();
        assertSettled(pool, seed);
        assertThat(pool.orders.values()).extracting(OrderReservation::state).doesNotContain(State.BACKORDERED, State.PENDING);
    }

    private static void assertLedgersHold(final StockPool pool, final String where) {
        for (final SkuLedger ledger : pool.ledgers.values()) {
            assertThat(ledger.reserved()).as(where + " " + ledger.sku() + " reserved <= on hand").isLessThanOrEqualTo(ledger.onHand());
            assertThat(ledger.available()).as(where + " " + ledger.sku() + " available").isNotNegative();
            assertThat(ledger.reserved()).as(where + " " + ledger.sku() + " reserved is the sum of its holds")
                    .isEqualTo(ledger.holds().values().stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(ledger.snapshot().heldByShop().values().stream().mapToInt(Integer::intValue).sum());
        }
    }

    private static void assertSettled(final StockPool pool, final long seed) {
        assertThat(pool.isQuiet()).isTrue();
        for (final OrderReservation order : pool.orders.values()) {
            assertThat(order.state()).as("seed " + seed + " " + order.orderId()).isIn(SETTLED);
            final List<State> announced = pool.announced.getOrDefault(order.orderId(), List.of());
            assertThat(announced.stream().filter(TERMINAL::contains).count()).as("seed " + seed + " " + order.orderId() + " " + announced)
                    .isLessThanOrEqualTo(1);
            if (!announced.isEmpty() && TERMINAL.contains(announced.get(announced.size() - 1))) {
                assertThat(order.state()).isEqualTo(announced.get(announced.size() - 1));
            }
            // whichever owner says it (the SKU's for an order with one SKU), RESERVED is said once and is stock's last word
            assertThat(announced.stream().filter(State.RESERVED::equals).count()).as("seed " + seed + " " + order.orderId() + " " + announced)
                    .isLessThanOrEqualTo(1);
            if (announced.contains(State.RESERVED)) {
                assertThat(announced.get(announced.size() - 1)).as("seed " + seed + " " + order.orderId() + " " + announced)
                        .isEqualTo(State.RESERVED);
                assertThat(order.state()).as("seed " + seed + " " + order.orderId()).isIn(State.RESERVED, State.SHIPPED, State.WITHDRAWN);
            }
        }
        for (final SkuLedger ledger : pool.ledgers.values()) {
            final Map<String, Integer> expected = pool.orders.values().stream()
                    .filter(o -> o.state() == State.RESERVED && o.lines().containsKey(ledger.sku()))
                    .collect(Collectors.toMap(OrderReservation::orderId, o -> o.lines().get(ledger.sku())));
            assertThat(ledger.holds()).as("seed " + seed + " " + ledger.sku() + ": units held belong exactly to reserved orders")
                    .isEqualTo(expected);
            final int shipped = pool.orders.values().stream().filter(o -> o.state() == State.SHIPPED)
                    .mapToInt(o -> o.lines().getOrDefault(ledger.sku(), 0)).sum();
            assertThat(ledger.onHand()).as("seed " + seed + " " + ledger.sku() + ": on hand is what came in minus what shipped")
                    .isEqualTo(pool.booked.getOrDefault(ledger.sku(), 0) - shipped);
        }
    }

    private static Map<String, Integer> randomLines(final Random random) {
        final Map<String, Integer> lines = new LinkedHashMap<>();
        final int count = 1 + random.nextInt(3);
        while (lines.size() < count) {
            lines.put(SKUS.get(random.nextInt(SKUS.size())), 1 + random.nextInt(3));
        }
        return lines;
    }

    private static ShopStockPolicy randomPolicy(final Random random) {
        final ShopStockPolicy policy = random.nextBoolean() ? ShopStockPolicy.backorderFor(Duration.ofHours(12))
                : ShopStockPolicy.outOfStockAtOnce();
        return random.nextInt(4) == 0 ? policy.withFairShareCap(0.5) : policy;
    }
}
