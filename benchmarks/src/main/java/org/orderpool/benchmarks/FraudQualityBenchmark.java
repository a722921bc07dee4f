package org.orderpool.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.orderpool.contracts.Address;
import org.orderpool.contracts.AuthorisationStatus;
import org.orderpool.contracts.FraudAssessment;
import org.orderpool.contracts.FraudDecision;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.PaymentFacts;
import org.orderpool.contracts.PaymentMethod;
import org.orderpool.contracts.ThreeDSecureResult;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.fraud.topology.FraudCheckTopology;
import org.orderpool.fraud.topology.FraudSettings;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.TopologyTests;

/**
 * The quality of fraud-check's decisions at the default thresholds: generates a week of labelled
 * traffic (legitimate customers of four shops, some travelling or ordering often, plus injected fraud
 * patterns), runs it through the real fraud-check topology in event-time order, and reports per
 * pattern how much was caught (REVIEW or BLOCK), the precision of what was flagged, and the share of
 * legitimate orders sent to review or blocked. Arguments: {@code seed=N customers=N}.
 */
public final class FraudQualityBenchmark {

    private static final List<String> SHOPS = List.of("tea-house", "ceramics-studio", "bike-corner", "book-nook");
    private static final Map<String, Long> BASKETS = Map.of("tea-house", 3_500L, "ceramics-studio", 6_000L, "bike-corner", 8_000L,
            "book-nook", 2_500L);
    private static final List<String> HOME_COUNTRIES = List.of("FR", "DE", "BE", "NL");

    private FraudQualityBenchmark() {
    }

    private record Labelled(Order order, Instant at, String label) {
    }

    private record Customer(String email, String fingerprint, String ip, String country, Address address) {
    }

    public static void main(final String[] args) throws Exception {
        final BenchmarkOptions options = BenchmarkOptions.parse(args, Map.of("seed", "7", "customers", "1500"));
        final Random random = new Random(options.number("seed"));
        final List<Labelled> traffic = traffic(random, options.integer("customers"));
        traffic.sort(Comparator.comparing(Labelled::at));
        final Map<String, String> labels = new HashMap<>();
        traffic.forEach(t -> labels.put(t.order().getOrderId(), t.label()));

        final BoundTopics topics = new BoundTopics(AvroSerdes.inMemory(), "");
        final Map<String, int[]> perLabel = new LinkedHashMap<>(); // total, review, block
        try (TopologyTestDriver driver = TopologyTests.driver(new FraudCheckTopology(topics, FraudSettings.defaults()).build(),
                "fraud-quality", Map.of(), traffic.get(0).at())) {
            final TestInputTopic<String, Order> accepted = TopologyTests.input(driver, topics, Topics.ORDERS_ACCEPTED);
            final TestOutputTopic<String, FraudAssessment> assessments = TopologyTests.output(driver, topics, Topics.FRAUD_ASSESSMENTS);
            Instant clock = traffic.get(0).at();
            for (final Labelled labelled : traffic) {
                // fraud-check decides on the pool's clock (acceptance time, never later than its wall clock): move both
                if (labelled.at().isAfter(clock)) {
                    driver.advanceWallClockTime(Duration.between(clock, labelled.at()));
                    clock = labelled.at();
                }
                accepted.pipeInput(labelled.order().getOrderId(), Order.newBuilder(labelled.order()).setAcceptedAt(labelled.at()).build(),
                        labelled.at());
            }
            for (final FraudAssessment assessment : assessments.readValuesToList()) {
                final int[] counts = perLabel.computeIfAbsent(labels.get(assessment.getOrderId()), l -> new int[3]);
                counts[0]++;
                if (assessment.getDecision() == FraudDecision.REVIEW) {
                    counts[1]++;
                } else if (assessment.getDecision() == FraudDecision.BLOCK) {
                    counts[2]++;
                }
            }
        }
        report(perLabel);
    }

    private static void report(final Map<String, int[]> perLabel) {
        int fraudFlagged = 0;
        int flagged = 0;
        int fraudTotal = 0;
        System.out.println();
        System.out.println("| traffic | orders | review | block | caught (recall) |");
        System.out.println("|---|---|---|---|---|");
        for (final Map.Entry<String, int[]> entry : perLabel.entrySet()) {
            final int[] c = entry.getValue();
            final boolean legit = entry.getKey().equals("legitimate");
            System.out.printf("| %s | %d | %d | %d | %s |%n", entry.getKey(), c[0], c[1], c[2],
                    legit ? "-" : String.format("%.1f %%", 100.0 * (c[1] + c[2]) / c[0]));
            flagged += c[1] + c[2];
            if (!legit) {
                fraudFlagged += c[1] + c[2];
                fraudTotal += c[0];
            }
        }
        final int[] legit = perLabel.getOrDefault("legitimate", new int[3]);
        System.out.printf("%nAll fraud patterns: recall %.1f %% (%d of %d); precision of flagged orders %.1f %% (%d of %d)%n",
                100.0 * fraudFlagged / fraudTotal, fraudFlagged, fraudTotal, 100.0 * fraudFlagged / flagged, fraudFlagged, flagged);
        System.out.printf("Legitimate orders sent to review: %.2f %% (%d of %d); blocked: %.2f %% (%d)%n",
                100.0 * legit[1] / legit[0], legit[1], legit[0], 100.0 * legit[2] / legit[0], legit[2]);
    }

    private static List<Labelled> traffic(final Random random, final int customerCount) {
        final Instant start = Instant.parse("2026-11-16T00:00:00Z");
        final List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < customerCount; i++) {
            final String country = HOME_COUNTRIES.get(random.nextInt(HOME_COUNTRIES.size()));
            customers.add(new Customer("customer" + i + "@example.org", "fp_c" + i, "198.51." + (i / 250) + "." + (i % 250), country,
                    address("Customer " + i, i + " Main Street", country)));
        }
        final List<Labelled> traffic = new ArrayList<>();
        int n = 0;
        // legitimate: each customer orders 1 to 4 times in the week, mostly at home, some while travelling
        for (final Customer customer : customers) {
            final int orders = 1 + random.nextInt(4);
            for (int k = 0; k < orders; k++) {
                final String shop = SHOPS.get(random.nextInt(SHOPS.size()));
                final Instant at = start.plusSeconds(random.nextInt(7 * 24 * 3_600));
                final boolean travelling = random.nextInt(20) == 0;
                traffic.add(new Labelled(order("legit-" + (n++), shop, customer.email(), customer.fingerprint(), customer.country(),
                        travelling ? "203.0.113.9" : customer.ip(), travelling ? "ES" : customer.country(), customer.address(),
                        basket(random, shop), random.nextInt(10) < 8, false), at, "legitimate"));
            }
        }
        // card testing bursts: one e-mail, many cards, small amounts, declines, within half an hour
        for (int burst = 0; burst < 15; burst++) {
            final Instant at = start.plusSeconds(random.nextInt(7 * 24 * 3_600));
            final String email = "tester" + burst + "@mailbox.example";
            final int cards = 4 + random.nextInt(5);
            for (int c = 0; c < cards; c++) {
                traffic.add(new Labelled(order("testing-" + (n++), SHOPS.get(random.nextInt(SHOPS.size())), email, "fp_t" + burst + "_" + c, "US",
                        "192.0.2." + burst, "FR", address("Card Tester", "1 Drop Street", "FR"), 300 + random.nextInt(700), false, c % 2 == 0),
                        at.plusSeconds(c * 120L), "card testing burst"));
            }
        }
        // one stolen card across many shops within two hours, different e-mails
        for (int card = 0; card < 15; card++) {
            final Instant at = start.plusSeconds(random.nextInt(7 * 24 * 3_600));
            final int uses = 3 + random.nextInt(3);
            for (int u = 0; u < uses; u++) {
                traffic.add(new Labelled(order("card-shops-" + (n++), SHOPS.get(u % SHOPS.size()), "buyer" + card + "x" + u + "@example.net",
                        "fp_s" + card, "GB", "192.0.2.1" + (u % 10), "DE", address("Buyer " + u, u + " Kant Strasse", "DE"),
                        basket(random, SHOPS.get(u % SHOPS.size())) * 2, false, false), at.plusSeconds(u * 1_500L), "one card across shops"));
            }
        }
        // mismatched countries: card, IP and shipping all different, large amount, no 3-D Secure
        for (int m = 0; m < 40; m++) {
            final String shop = SHOPS.get(random.nextInt(SHOPS.size()));
            traffic.add(new Labelled(order("mismatch-" + (n++), shop, "new" + m + "@example.com", "fp_m" + m, "US", "192.0.2.200", "NG",
                    address("Parcel Forwarder", m + " Depot Road", "FR"), 18_000 + random.nextInt(30_000), false, false),
                    start.plusSeconds(random.nextInt(7 * 24 * 3_600)), "mismatched countries"));
        }
        // account takeover: a known customer's e-mail, a new card, a new address abroad, a big basket
        for (int t = 0; t < 40; t++) {
            final Customer victim = customers.get(random.nextInt(customers.size()));
            final String shop = SHOPS.get(random.nextInt(SHOPS.size()));
            traffic.add(new Labelled(order("takeover-" + (n++), shop, victim.email(), "fp_ato" + t, "RO", "192.0.2.77", "RO",
                    address(victim.email(), "9 Unknown Street", "PL"), basket(random, shop) * 8, false, false),
                    start.plusSeconds(random.nextInt(7 * 24 * 3_600)), "account takeover, new address"));
        }
        return traffic;
    }

    private static long basket(final Random random, final String shop) {
        return Math.max(500, Math.round(BASKETS.get(shop) * Math.exp(random.nextGaussian() * 0.4)));
    }

    private static Address address(final String name, final String line1, final String country) {
        return Address.newBuilder().setName(name).setLine1(line1).setPostalCode("10115").setCity("City").setCountryCode(country).build();
    }

    private static Order order(final String orderId, final String shopId, final String email, final String fingerprint, final String cardCountry,
                               final String ip, final String ipCountry, final Address shipTo, final long total, final boolean threeDs,
                               final boolean declined) {
        final PaymentFacts payment = PaymentFacts.newBuilder().setMethod(PaymentMethod.CARD).setCardBin("497010").setCardLastFour("0042")
                .setCardFingerprint(fingerprint).setCardCountry(cardCountry).setClientIp(ip).setClientIpCountry(ipCountry)
                .setThreeDSecure(threeDs ? ThreeDSecureResult.AUTHENTICATED : ThreeDSecureResult.NOT_PERFORMED)
                .setAuthorisation(declined ? AuthorisationStatus.DECLINED : AuthorisationStatus.AUTHORISED).build();
        final Order base = Fixtures.order(orderId).shop(shopId).email(email).shipTo(shipTo).payment(payment)
                .line("SKU-TEA-01", 1, total - 490).build();
        return base;
    }
}
