package org.orderpool.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Makes checkouts for the simulated shops from a seeded random source: returning customers and
 * newcomers, baskets from each shop's range, shipping methods and destinations, and from time to time
 * a fraud pattern the pool should catch (card testing, one card across shops, mismatched countries).
 */
public final class OrderGenerator {

    private static final String[] FIRST = {"Camille", "Jonas", "Aiko", "Sam", "Lea", "Marco", "Ines", "Tom", "Nora", "Paul", "Zoe", "Hugo"};
    private static final String[] LAST = {"Martin", "Weber", "Sato", "Okafor", "Dubois", "Rossi", "Garcia", "Smith", "Jansen", "Novak"};
    /** Country, city, postal code, street; each customer gets a house number of their own. */
    private static final String[][] PLACES = {
        {"FR", "Lyon", "69003", "rue des Lilas"}, {"FR", "Paris", "75011", "rue Oberkampf"}, {"BE", "Ghent", "9000", "Canal Street"},
        {"DE", "Berlin", "10115", "Kaiserstrasse"}, {"NL", "Utrecht", "3511", "Oudegracht"}, {"ES", "Sevilla", "41001", "Calle Sierpes"},
        {"FR", "Nantes", "44000", "quai de la Fosse"}, {"PT", "Porto", "4000-001", "Rua das Flores"}};
    private static final Map<String, Long> PRICES = Map.ofEntries(Map.entry("SKU-TEA-01", 1250L), Map.entry("SKU-TEA-02", 990L),
            Map.entry("SKU-TEA-03", 850L), Map.entry("SKU-MUG-01", 1890L), Map.entry("SKU-MUG-02", 1890L), Map.entry("SKU-POT-01", 5900L),
            Map.entry("SKU-BOWL-01", 1450L), Map.entry("SKU-PLATE-01", 1690L), Map.entry("SKU-CANDLE-01", 2400L),
            Map.entry("SKU-SOAP-01", 1100L), Map.entry("SKU-BIKE-LIGHT-01", 2100L), Map.entry("SKU-BIKE-BELL-01", 500L),
            Map.entry("SKU-BIKE-BAG-01", 8900L), Map.entry("SKU-BIKE-TUBE-01", 700L), Map.entry("SKU-BOOK-01", 2200L),
            Map.entry("SKU-BOOK-02", 2800L), Map.entry("SKU-PRINT-01", 3500L), Map.entry("SKU-PRINT-02", 5500L),
            Map.entry("SKU-RUG-01", 24900L), Map.entry("SKU-CHAIR-01", 15900L));

    private final Random random;
    private final List<SimulatedShop> shops;
    private final int totalShare;
    private final List<SimOrder.Customer> returning = new ArrayList<>();
    private final Map<String, String[]> homes = new java.util.HashMap<>();
    private int sequence;

    public OrderGenerator(final long seed, final List<SimulatedShop> shops) {
        this.random = new Random(seed);
        this.shops = List.copyOf(shops);
        this.totalShare = shops.stream().mapToInt(SimulatedShop::trafficShare).sum();
    }

    /** A shop picked by its share of the traffic. */
    public SimulatedShop pickShop() {
        int ticket = random.nextInt(totalShare);
        for (final SimulatedShop shop : shops) {
            ticket -= shop.trafficShare();
            if (ticket < 0) {
                return shop;
            }
        }
        return shops.get(0);
    }

    /** An ordinary checkout at a shop. */
    public SimOrder order(final SimulatedShop shop, final Instant now) {
        final SimOrder.Customer customer = customer();
        final String[] place = homes.get(customer.email());
        final String fingerprint = "fp_" + Integer.toHexString(customer.email().hashCode());
        final SimOrder.Payment payment = new SimOrder.Payment("497010", String.format(Locale.ROOT, "%04d", Math.floorMod(fingerprint.hashCode(), 10_000)),
                fingerprint, place[0], "AUTHENTICATED", "AUTHORISED", homeIp(customer), place[0]);
        return build(shop, customer, place, payment, basket(shop), now, "ordinary");
    }

    /**
     * A fraud pattern: a small burst of orders the pool's shared view should flag.
     *
     * @return the orders of the burst, in the order they are sent
     */
    public List<SimOrder> fraudBurst(final Instant now) {
        final List<SimOrder> burst = new ArrayList<>();
        final String fingerprint = "fp_stolen_" + Integer.toHexString(random.nextInt());
        switch (random.nextInt(3)) {
            case 0 -> { // card testing: many small orders, some declined, one card
                final SimulatedShop shop = pickShop();
                for (int i = 0; i < 5; i++) {
                    final SimOrder.Payment payment = new SimOrder.Payment("531000", "7731", fingerprint, "FR", "NOT_PERFORMED",
                            i % 2 == 0 ? "DECLINED" : "AUTHORISED", "198.51.100.66", "FR");
                    burst.add(build(shop, customer(), home(), payment, List.of(new SimOrder.Line(shop.skus().get(0), 1,
                            PRICES.getOrDefault(shop.skus().get(0), 1000L))), now, "fraud:card-testing"));
                }
            }
            case 1 -> { // one card in several shops with different e-mails
                for (final SimulatedShop shop : shops) {
                    final SimOrder.Payment payment = new SimOrder.Payment("402400", "0311", fingerprint, "FR", "ATTEMPTED", "AUTHORISED",
                            "192.0.2.99", "FR");
                    burst.add(build(shop, customer(), home(), payment, basket(shop), now, "fraud:card-across-shops"));
                }
            }
            default -> { // card, IP and destination from three countries, no 3-D Secure, an expensive basket
                final SimulatedShop shop = pickShop();
                final SimOrder.Payment payment = new SimOrder.Payment("411111", "1881", fingerprint, "US", "NOT_PERFORMED", "AUTHORISED",
                        "100.64.12.9", "NG");
                final String sku = shop.skus().get(shop.skus().size() - 1);
                burst.add(build(shop, customer(), home(), payment, List.of(new SimOrder.Line(sku, 2, PRICES.getOrDefault(sku, 1000L))), now,
                        "fraud:mismatched-countries"));
            }
        }
        return burst;
    }

    /** An order a shop's platform should never have sent: no lines and an unknown SKU, for intake to refuse with reasons. */
    public SimOrder invalid(final SimulatedShop shop, final Instant now) {
        final SimOrder order = order(shop, now);
        return new SimOrder(shop, order.shopOrderRef(), order.customer(), order.address(),
                List.of(new SimOrder.Line("SKU-DOES-NOT-EXIST", 1, 1000)), order.shippingMethod(), order.shippingCents(), order.payment(),
                order.placedAt(), "invalid:unknown-sku");
    }

    public boolean chance(final double probability) {
        return random.nextDouble() < probability;
    }

    public Random random() {
        return random;
    }

    private SimOrder build(final SimulatedShop shop, final SimOrder.Customer customer, final String[] place, final SimOrder.Payment payment,
                           final List<SimOrder.Line> lines, final Instant now, final String kind) {
        ++sequence;
        // Shopify and WooCommerce number their orders; the others use references of their own.
        final String ref = shop.platform() == SimulatedShop.Platform.SHOPIFY || shop.platform() == SimulatedShop.Platform.WOOCOMMERCE
                ? Long.toString(now.getEpochSecond() * 1_000 + sequence % 1_000)
                : shop.shopId().substring(0, 2).toUpperCase(Locale.ROOT) + "-SIM-" + now.getEpochSecond() + "-" + sequence;
        final double methodDice = random.nextDouble();
        final String method = methodDice < 0.7 ? "STANDARD" : methodDice < 0.85 ? "EXPRESS" : "PICKUP_POINT";
        return new SimOrder(shop, ref, customer, new SimOrder.Address(customer.firstName() + " " + customer.lastName(), place[3], place[2],
                place[1], place[0]), lines, method, method.equals("EXPRESS") ? 990 : 490, payment, now, kind);
    }

    private List<SimOrder.Line> basket(final SimulatedShop shop) {
        final List<String> range = new ArrayList<>(shop.skus());
        final int lineCount = 1 + (random.nextDouble() < 0.3 ? random.nextInt(Math.min(3, range.size())) : 0);
        final List<SimOrder.Line> lines = new ArrayList<>();
        for (int i = 0; i < lineCount; i++) {
            final String sku = range.remove(random.nextInt(range.size()));
            lines.add(new SimOrder.Line(sku, 1 + random.nextInt(shop.maxUnitsPerLine()), PRICES.getOrDefault(sku, 1000L)));
        }
        return lines;
    }

    /** The customer's own connection (in the 198.18.0.0/15 benchmarking range). */
    private static String homeIp(final SimOrder.Customer customer) {
        final int hash = customer.email().hashCode();
        return "198." + (18 + (hash >>> 16 & 1)) + "." + (hash >>> 8 & 0xff) + "." + (hash & 0xff);
    }

    /** A street address somewhere the pool delivers: country, city, postal code, street and number. */
    private String[] home() {
        final String[] place = PLACES[random.nextInt(PLACES.length)];
        return new String[] {place[0], place[1], place[2], (1 + random.nextInt(240)) + " " + place[3]};
    }

    /** A returning customer now and then (once there are enough of them), otherwise a new one with a home of their own. */
    private SimOrder.Customer customer() {
        if (returning.size() >= 100 && random.nextDouble() < 0.3) {
            return returning.get(random.nextInt(returning.size()));
        }
        final String first = FIRST[random.nextInt(FIRST.length)];
        final String last = LAST[random.nextInt(LAST.length)];
        final SimOrder.Customer customer = new SimOrder.Customer((first + "." + last + "." + random.nextInt(10_000) + "@example.org")
                .toLowerCase(Locale.ROOT), first, last);
        homes.put(customer.email(), home());
        if (returning.size() < 2_000) {
            returning.add(customer);
        }
        return customer;
    }
}
