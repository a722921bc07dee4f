package org.orderpool.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.orderpool.benchmarks.HoldoutFraudTraffic.Config;
import org.orderpool.benchmarks.HoldoutFraudTraffic.LabelledOrder;
import org.orderpool.benchmarks.HoldoutFraudTraffic.Pattern;
import org.orderpool.benchmarks.HoldoutFraudTraffic.Traffic;
import org.orderpool.contracts.DisputeKind;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderDispute;

/** The holdout traffic's history: earlier orders and the disputes on them, as the generator documents them. */
class HoldoutFraudTrafficTest {

    private static final long SEED = 20261207L;
    private static final Set<String> HONEST_REASONS = Set.of("product_not_received", "duplicate", "unrecognized",
            "general");

    /** A small week with enough friendly fraud and honest customers for disputes of both kinds. */
    private static Config smallWeek() {
        final Map<Pattern, Integer> orders = new EnumMap<>(Pattern.class);
        for (final Pattern pattern : Pattern.values()) {
            orders.put(pattern, 3);
        }
        orders.put(Pattern.FRIENDLY_FRAUD, 40);
        orders.put(Pattern.ORDINARY, 600);
        return new Config(Config.DEFAULT_FIRST_DAY, orders);
    }

    @Test
    void shouldGiveTheSameTrafficForTheSameSeedAndOtherTrafficForAnother() {
        final Traffic traffic = HoldoutFraudTraffic.generateWithHistory(smallWeek(), SEED);

        assertThat(HoldoutFraudTraffic.generateWithHistory(smallWeek(), SEED)).isEqualTo(traffic);
        assertThat(HoldoutFraudTraffic.generate(smallWeek(), SEED)).isEqualTo(traffic.week());
        assertThat(HoldoutFraudTraffic.generateWithHistory(smallWeek(), SEED + 1).history())
                .isNotEqualTo(traffic.history());
    }

    @Test
    void shouldPassTheBenchmarksOwnChecksOfTheTrafficEarlierOrdersIncluded() {
        final Traffic traffic = HoldoutFraudTraffic.generateWithHistory(smallWeek(), SEED);

        // order-intake's validator, canonical form, card number guard, ids, times; throws on the first problem
        HoldoutFraudQualityBenchmark.checkTraffic(smallWeek(), SEED, traffic);
        assertThat(traffic.history()).isNotEmpty();
    }

    @Test
    void shouldPutEveryDisputeOnAnEarlierOrderOfAWeekCustomerAtItsShopReceivedBeforeTheWeek() {
        final Config config = smallWeek();
        final Traffic traffic = HoldoutFraudTraffic.generateWithHistory(config, SEED);
        final Map<String, Order> earlier = traffic.history().stream()
                .collect(Collectors.toMap(Order::getOrderId, order -> order));
        final Set<String> weekCustomers = traffic.week().stream().map(o -> email(o.order()))
                .collect(Collectors.toSet());

        assertThat(traffic.history()).isNotEmpty().allSatisfy(order -> {
            assertThat(order.getAcceptedAt()).isBefore(config.weekStart())
                    .isAfter(config.weekStart().minus(Duration.ofDays(HoldoutFraudTraffic.HISTORY_DAYS + 1)));
            assertThat(weekCustomers).contains(email(order));
        });
        assertThat(traffic.disputes()).isNotEmpty().allSatisfy(dispute -> {
            final Order order = earlier.get(dispute.getOrderId());
            assertThat(order).as("the order of dispute %s", dispute.getDisputeId()).isNotNull();
            assertThat(dispute.getShopId()).isEqualTo(order.getShopId());
            assertThat(dispute.getShopOrderRef()).isEqualTo(order.getShopOrderRef());
            assertThat(dispute.getDisputeId()).startsWith(order.getShopId() + ":");
            assertThat(dispute.getAmount()).isEqualTo(order.getTotal());
            assertThat(dispute.getOpenedAt()).isAfter(order.getAcceptedAt());
            assertThat(dispute.getReceivedAt()).isAfterOrEqualTo(dispute.getOpenedAt())
                    .isBefore(config.weekStart());
            assertThat(weekCustomers).contains(email(order));
        });
        assertThat(traffic.disputes()).extracting(OrderDispute::getReceivedAt).isSorted();
        assertThat(traffic.history()).extracting(Order::getAcceptedAt).isSorted();
    }

    @Test
    void shouldLabelFriendlyFraudstersWhoDisputedBeforeFraudAndHonestDisputersLegitimate() {
        final Traffic traffic = HoldoutFraudTraffic.generateWithHistory(smallWeek(), SEED);
        final Map<String, Order> earlier = traffic.history().stream()
                .collect(Collectors.toMap(Order::getOrderId, order -> order));
        final Map<String, List<OrderDispute>> disputesByCustomer = traffic.disputes().stream()
                .collect(Collectors.groupingBy(d -> email(earlier.get(d.getOrderId()))));
        final Map<String, Pattern> markedPattern = new HashMap<>();
        int friendly = 0;
        int honest = 0;
        for (final LabelledOrder labelled : traffic.week()) {
            final String variant = labelled.variant();
            final List<OrderDispute> disputes = disputesByCustomer.getOrDefault(email(labelled.order()), List.of());
            if (variant.matches(".*, disputed (an|[0-9]+) earlier orders?")) {
                friendly++;
                assertThat(labelled.pattern()).isEqualTo(Pattern.FRIENDLY_FRAUD);
                assertThat(labelled.pattern().fraud()).isTrue();
                assertThat(labelled.pattern().inRecallTarget()).isFalse();
                final int count = variant.endsWith("an earlier order") ? 1
                        : Integer.parseInt(variant.replaceAll(".*, disputed ([0-9]+) earlier orders", "$1"));
                assertThat(disputes).hasSize(count);
            } else if (variant.matches(".*, (earlier [a-z_]+ chargeback|issuer's inquiry on an earlier order)")) {
                honest++;
                assertThat(labelled.pattern().fraud()).as("honest disputer %s", variant).isFalse();
                assertThat(disputes).singleElement().satisfies(dispute -> {
                    assertThat(HONEST_REASONS).contains(dispute.getReason());
                    assertThat(dispute.getKind()).isEqualTo(variant.contains("inquiry") ? DisputeKind.INQUIRY
                            : DisputeKind.CHARGEBACK);
                    assertThat(variant).contains(dispute.getKind() == DisputeKind.INQUIRY ? "inquiry"
                            : dispute.getReason());
                });
            } else {
                continue;
            }
            markedPattern.merge(email(labelled.order()), labelled.pattern(),
                    (a, b) -> a.fraud() == b.fraud() ? a : null);
        }

        assertThat(friendly).isPositive();
        assertThat(honest).isPositive();
        // every customer with a dispute has week orders that say so, and only fraud or only legitimate ones
        assertThat(markedPattern.keySet()).containsExactlyInAnyOrderElementsOf(disputesByCustomer.keySet());
        assertThat(markedPattern.values()).doesNotContainNull();
    }

    private static String email(final Order order) {
        return order.getCustomer().getEmail();
    }
}
