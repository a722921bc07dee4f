package org.orderpool.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.orderpool.benchmarks.HoldoutFraudTraffic.Config;
import org.orderpool.benchmarks.HoldoutFraudTraffic.LabelledOrder;
import org.orderpool.benchmarks.HoldoutFraudTraffic.Pattern;
import org.orderpool.benchmarks.HoldoutFraudTraffic.Traffic;
import org.orderpool.contracts.FieldError;
import org.orderpool.contracts.FraudAssessment;
import org.orderpool.contracts.FraudDecision;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderDispute;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.fraud.topology.FraudCheckTopology;
import org.orderpool.fraud.topology.FraudSettings;
import org.orderpool.intake.domain.CardNumberGuard;
import org.orderpool.intake.domain.IntakeRules;
import org.orderpool.intake.domain.Normaliser;
import org.orderpool.intake.domain.OrderIds;
import org.orderpool.intake.domain.OrderValidator;
import org.orderpool.intake.domain.Shop;
import org.orderpool.intake.domain.ShopDirectory;
import org.orderpool.runtime.DeadLetterSettings;
import org.orderpool.runtime.catalogue.PoolCatalogue;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.testing.TopologyTests;

/**
 * Fraud-check's decisions on the second, independent labelled traffic ({@link HoldoutFraudTraffic}): recall per
 * fraud pattern, precision, and the share of legitimate orders sent to review or blocked. It drives the real
 * {@link FraudCheckTopology} with its default settings through a {@link TopologyTestDriver} (no broker): first what
 * the pool saw before the week (its customers' earlier orders on {@code orders.accepted} and the disputes on them on
 * {@code fraud.disputes}, at the time the pool received each, if the topology reads that topic), then the week's
 * orders in the order the pool accepted them; the driver's wall clock is advanced to each record's time first, and
 * decisions on the week's orders are read from {@code fraud.assessments}.
 *
 * <p>Before it measures, it checks the traffic itself: every pattern labelled and counted as configured, every
 * order (earlier ones too) valid for order-intake's contract (validator, canonical form, no card number anywhere, the
 * pool's order id), every dispute on an earlier order and received before the week, and the same seed giving the
 * same traffic. It prints figures; it asserts nothing about fraud-check.
 *
 * <pre>./mvnw -q -pl benchmarks exec:java@fraud-holdout -Dexec.args="seed=20261207 scale=1 detail=false"</pre>
 * ({@code state-dir=} a RAM disk's folder makes it faster; {@code detail=true} adds a line per scenario variant).
 */
public final class HoldoutFraudQualityBenchmark {

    /** Issue 18's targets, printed beside the figures. */
    private static final double RECALL_TARGET = 0.80;
    private static final double REVIEW_SHARE_TARGET = 0.02;

    private HoldoutFraudQualityBenchmark() {
    }

    public static void main(final String[] args) {
        final BenchmarkOptions options = BenchmarkOptions.parse(args, Map.of("seed", "20261207", "scale", "1",
                "detail", "false", "state-dir", ""));
        final long seed = options.number("seed");
        final Config config = Config.defaults().scaled(Double.parseDouble(options.text("scale")));
        final long started = System.nanoTime();
        final Traffic traffic = HoldoutFraudTraffic.generateWithHistory(config, seed);
        checkTraffic(config, seed, traffic);
        final long checked = System.nanoTime();
        final Map<String, FraudAssessment> assessments = assess(traffic, config.weekStart(),
                options.text("state-dir"));
        report(config, seed, traffic, assessments, Boolean.parseBoolean(options.text("detail")));
        System.out.printf(Locale.ROOT, "(traffic generated and checked in %.1f s, assessed in %.1f s)%n",
                (checked - started) / 1e9, (System.nanoTime() - checked) / 1e9);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The traffic is what it says it is, or the benchmark stops before measuring anything. */
    static void checkTraffic(final Config config, final long seed, final Traffic all) {
        final List<LabelledOrder> traffic = all.week();
        final Map<Pattern, Integer> counts = new EnumMap<>(Pattern.class);
        for (final LabelledOrder labelled : traffic) {
            if (labelled.pattern() == null) {
                throw new IllegalStateException("order " + labelled.order().getOrderId() + " has no label");
            }
            counts.merge(labelled.pattern(), 1, Integer::sum);
        }
        for (final Pattern pattern : Pattern.values()) {
            final int made = counts.getOrDefault(pattern, 0);
            if (made != config.orders(pattern)) {
                throw new IllegalStateException("pattern " + pattern.label() + ": " + made + " orders generated, "
                        + config.orders(pattern) + " configured");
            }
        }
        final OrderValidator validator = new OrderValidator(PoolCatalogue.fromClasspath().skus(),
                new ShopDirectory(HoldoutFraudTraffic.SHOP_IDS.stream().map(id -> new Shop(id, id, "unused")).toList()),
                IntakeRules.defaults());
        final Set<String> orderIds = new HashSet<>();
        Instant previous = Instant.MIN;
        for (final LabelledOrder labelled : traffic) {
            final Order order = labelled.order();
            final String id = order.getOrderId();
            if (!orderIds.add(id)) {
                throw new IllegalStateException("order id " + id + " is used twice");
            }
            if (!id.equals(OrderIds.forShopOrder(order.getShopId(), order.getShopOrderRef()))) {
                throw new IllegalStateException("order " + id + " does not carry the pool's id of "
                        + order.getShopId() + "/" + order.getShopOrderRef());
            }
            if (!order.getAcceptedAt().equals(labelled.acceptedAt()) || labelled.acceptedAt().isBefore(previous)
                    || labelled.acceptedAt().isBefore(config.weekStart())
                    || !labelled.acceptedAt().isBefore(config.weekEnd())) {
                throw new IllegalStateException("order " + id + " accepted at " + labelled.acceptedAt()
                        + ": not its acceptedAt, out of order, or outside the week");
            }
            previous = labelled.acceptedAt();
            final SubmittedOrder submitted = asSubmitted(order);
            final List<FieldError> errors = validator.validate(submitted, order.getAcceptedAt());
            if (!errors.isEmpty()) {
                throw new IllegalStateException("order " + id + " (" + labelled.pattern().label() + ") is not valid: "
                        + errors);
            }
            if (!Normaliser.normalise(submitted).equals(submitted)) {
                throw new IllegalStateException("order " + id + " is not in canonical form (trimmed, codes upper case, "
                        + "e-mail lower case)");
            }
            if (!CardNumberGuard.scan(submitted).isEmpty()) {
                throw new IllegalStateException("order " + id + " holds what looks like a card number: "
                        + CardNumberGuard.scan(submitted));
            }
        }
        checkHistory(config, all, validator, orderIds);
        if (!HoldoutFraudTraffic.generateWithHistory(config, seed).equals(all)) {
            throw new IllegalStateException("seed " + seed + " gave different traffic on a second run");
        }
        if (HoldoutFraudTraffic.generate(config, seed + 1).equals(traffic)) {
            throw new IllegalStateException("seeds " + seed + " and " + (seed + 1) + " gave the same traffic");
        }
    }

    /**
     * The earlier orders are valid, unique and before the week, in order; every dispute is on one of them, received
     * after it and before the week, in order.
     */
    private static void checkHistory(final Config config, final Traffic all, final OrderValidator validator,
                                     final Set<String> orderIds) {
        final Map<String, Order> earlier = new HashMap<>();
        Instant previous = Instant.MIN;
        for (final Order order : all.history()) {
            final String id = order.getOrderId();
            if (!orderIds.add(id)
                    || !id.equals(OrderIds.forShopOrder(order.getShopId(), order.getShopOrderRef()))) {
                throw new IllegalStateException("earlier order " + id + " is used twice or is not the pool's id");
            }
            if (order.getAcceptedAt().isBefore(previous) || !order.getAcceptedAt().isBefore(config.weekStart())) {
                throw new IllegalStateException("earlier order " + id + " accepted at " + order.getAcceptedAt()
                        + ": out of order or not before the week");
            }
            previous = order.getAcceptedAt();
            final SubmittedOrder submitted = asSubmitted(order);
            final List<FieldError> errors = validator.validate(submitted, order.getAcceptedAt());
            if (!errors.isEmpty() || !Normaliser.normalise(submitted).equals(submitted)
                    || !CardNumberGuard.scan(submitted).isEmpty()) {
                throw new IllegalStateException("earlier order " + id + " is not valid, not canonical, or holds "
                        + "what looks like a card number: " + errors);
            }
            earlier.put(id, order);
        }
        final Set<String> disputeIds = new HashSet<>();
        previous = Instant.MIN;
        for (final OrderDispute dispute : all.disputes()) {
            final Order order = earlier.get(dispute.getOrderId());
            if (order == null || !order.getShopId().equals(dispute.getShopId())
                    || !order.getShopOrderRef().equals(dispute.getShopOrderRef())) {
                throw new IllegalStateException("dispute " + dispute.getDisputeId() + " is not on an earlier order "
                        + "of its shop: " + dispute.getOrderId());
            }
            if (!disputeIds.add(dispute.getDisputeId()) || dispute.getReceivedAt().isBefore(previous)
                    || !dispute.getReceivedAt().isAfter(order.getAcceptedAt())
                    || !dispute.getReceivedAt().isBefore(config.weekStart())) {
                throw new IllegalStateException("dispute " + dispute.getDisputeId() + " received at "
                        + dispute.getReceivedAt() + ": used twice, out of order, or not between its order and the "
                        + "week");
            }
            previous = dispute.getReceivedAt();
        }
    }

    /** The order as a shop would have submitted it, for order-intake's own validator. */
    private static SubmittedOrder asSubmitted(final Order order) {
        return SubmittedOrder.newBuilder().setShopId(order.getShopId()).setShopOrderRef(order.getShopOrderRef())
                .setChannel(order.getChannel()).setPlatformEventId(null).setCustomer(order.getCustomer())
                .setShippingAddress(order.getShippingAddress()).setBillingAddress(order.getBillingAddress())
                .setLines(order.getLines()).setShippingMethod(order.getShippingMethod().name())
                .setShippingCost(order.getShippingCost()).setDiscount(order.getDiscount())
                .setAddedTax(order.getAddedTax()).setTotal(order.getTotal()).setPayment(order.getPayment())
                .setPlacedAt(order.getPlacedAt()).setReceivedAt(order.getAcceptedAt()).build();
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Each order's assessment (the last one, if fraud-check wrote several), by order id. The earlier orders and the
     * disputes go in first, in the pool's time order (a dispute at the time the pool received it), with the wall clock
     * advanced to each; then the week. Disputes go in only if fraud-check's topology reads {@code fraud.disputes}.
     *
     * @param stateDir where the driver keeps its stores, or empty for the test default under {@code target/}: the
     *                 driver commits (flushes RocksDB, fsyncs checkpoints) after every record and clock advance, so a
     *                 RAM disk makes the run several times faster on a busy disk
     */
    private static Map<String, FraudAssessment> assess(final Traffic traffic, final Instant weekStart,
                                                       final String stateDir) {
        final BoundTopics topics = new BoundTopics(AvroSerdes.inMemory(), "");
        final Map<String, FraudAssessment> assessments = new HashMap<>();
        final Map<String, Object> settings = new HashMap<>(DeadLetterSettings.forTopic(Topics.FRAUD_CHECK_DLQ.name()));
        if (!stateDir.isBlank()) {
            settings.put(StreamsConfig.STATE_DIR_CONFIG, Path.of(stateDir, "ttd-" + System.nanoTime()).toString());
        }
        final Topology topology = new FraudCheckTopology(topics, FraudSettings.defaults()).build();
        final boolean readsDisputes = readsTopic(topology, topics.name(Topics.FRAUD_DISPUTES));
        final List<Event> events = beforeTheWeek(traffic, readsDisputes);
        final Instant start = events.isEmpty() ? weekStart : events.get(0).at();
        System.out.printf(Locale.ROOT, "before the week: %d earlier orders, %d disputes (%s)%n",
                traffic.history().size(), traffic.disputes().size(), readsDisputes ? "fed to fraud.disputes"
                        : "not fed: fraud-check's topology does not read fraud.disputes");
        try (TopologyTestDriver driver = TopologyTests.driver(topology, "fraud-holdout", settings, start)) {
            final TestInputTopic<String, Order> accepted = TopologyTests.input(driver, topics, Topics.ORDERS_ACCEPTED);
            final TestInputTopic<String, OrderDispute> disputes = readsDisputes
                    ? TopologyTests.input(driver, topics, Topics.FRAUD_DISPUTES) : null;
            final TestOutputTopic<String, FraudAssessment> out = TopologyTests.output(driver, topics,
                    Topics.FRAUD_ASSESSMENTS);
            Instant wallClock = start;
            for (final Event event : events) {
                wallClock = advance(driver, wallClock, event.at());
                if (event.order() != null) {
                    accepted.pipeInput(event.order().getOrderId(), event.order(), event.at());
                } else {
                    disputes.pipeInput(event.dispute().getOrderId(), event.dispute(), event.at());
                }
            }
            // assessments of earlier orders are not measured
            out.readKeyValuesToList();
            for (final LabelledOrder labelled : traffic.week()) {
                final Instant at = labelled.acceptedAt();
                wallClock = advance(driver, wallClock, at);
                accepted.pipeInput(labelled.order().getOrderId(), labelled.order(), at);
                drain(out, assessments);
            }
            driver.advanceWallClockTime(Duration.ofMinutes(1));
            drain(out, assessments);
        }
        return assessments;
    }

    /** Something the pool took before the week: an earlier order or a dispute, at the pool's time. */
    record Event(Instant at, Order order, OrderDispute dispute) {
    }

    /** The earlier orders and (if fed) the disputes, merged in the pool's time order; an order before a dispute. */
    static List<Event> beforeTheWeek(final Traffic traffic, final boolean withDisputes) {
        final List<Event> events = new ArrayList<>();
        traffic.history().forEach(order -> events.add(new Event(order.getAcceptedAt(), order, null)));
        if (withDisputes) {
            traffic.disputes().forEach(dispute -> events.add(new Event(dispute.getReceivedAt(), null, dispute)));
        }
        // stable: each list is already in time order
        events.sort(Comparator.comparing(Event::at).thenComparing(event -> event.order() == null));
        return events;
    }

    private static Instant advance(final TopologyTestDriver driver, final Instant wallClock, final Instant to) {
        if (to.isAfter(wallClock)) {
            driver.advanceWallClockTime(Duration.between(wallClock, to));
            return to;
        }
        return wallClock;
    }

    static boolean readsTopic(final Topology topology, final String topic) {
        for (final TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            for (final TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source && reads(source, topic)) {
                    return true;
                }
            }
        }
        for (final TopologyDescription.GlobalStore store : topology.describe().globalStores()) {
            if (reads(store.source(), topic)) {
                return true;
            }
        }
        return false;
    }

    private static boolean reads(final TopologyDescription.Source source, final String topic) {
        return source.topicSet() != null ? source.topicSet().contains(topic)
                : source.topicPattern() != null && source.topicPattern().matcher(topic).matches();
    }

    private static void drain(final TestOutputTopic<String, FraudAssessment> out,
                              final Map<String, FraudAssessment> assessments) {
        for (final KeyValue<String, FraudAssessment> record : out.readKeyValuesToList()) {
            assessments.put(record.value.getOrderId(), record.value);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static final class Tally {
        private int orders;
        private int review;
        private int block;
        private int unassessed;

        private void add(final FraudAssessment assessment) {
            orders++;
            if (assessment == null) {
                unassessed++;
            } else if (assessment.getDecision() == FraudDecision.REVIEW) {
                review++;
            } else if (assessment.getDecision() == FraudDecision.BLOCK) {
                block++;
            }
        }

        private int flagged() {
            return review + block;
        }
    }

    private static void report(final Config config, final long seed, final Traffic all,
                               final Map<String, FraudAssessment> assessments, final boolean detail) {
        final List<LabelledOrder> traffic = all.week();
        final Map<Pattern, Tally> byPattern = new EnumMap<>(Pattern.class);
        final Map<Pattern, Map<String, Tally>> byVariant = new EnumMap<>(Pattern.class);
        for (final Pattern pattern : Pattern.values()) {
            byPattern.put(pattern, new Tally());
            byVariant.put(pattern, new TreeMap<>());
        }
        for (final LabelledOrder labelled : traffic) {
            final FraudAssessment assessment = assessments.get(labelled.order().getOrderId());
            byPattern.get(labelled.pattern()).add(assessment);
            byVariant.get(labelled.pattern()).computeIfAbsent(variantKey(labelled.variant()), v -> new Tally())
                    .add(assessment);
        }
        final Tally target = new Tally();
        final Tally friendly = byPattern.get(Pattern.FRIENDLY_FRAUD);
        final Tally legitimate = new Tally();
        int unassessed = 0;
        for (final Pattern pattern : Pattern.values()) {
            final Tally tally = byPattern.get(pattern);
            final Tally into = pattern.inRecallTarget() ? target : pattern.fraud() ? null : legitimate;
            if (into != null) {
                into.orders += tally.orders;
                into.review += tally.review;
                into.block += tally.block;
            }
            unassessed += tally.unassessed;
        }
        final int fraudOrders = target.orders + friendly.orders;
        System.out.printf(Locale.ROOT, "Holdout fraud quality (HoldoutFraudTraffic, seed %d): %d orders accepted "
                + "%s .. %s (one week, %s)%n", seed, traffic.size(), config.weekStart(), config.weekEnd(),
                HoldoutFraudTraffic.POOL_ZONE);
        System.out.printf(Locale.ROOT, "fraud %d orders (%s of all; %d in the recall target, %s), legitimate %d%n",
                fraudOrders, percent(fraudOrders, traffic.size()), target.orders, percent(target.orders,
                        traffic.size()), legitimate.orders);
        System.out.println("fraud-check: FraudCheckTopology with FraudSettings.defaults(), TopologyTestDriver, "
                + "wall clock at each order's acceptance time");
        System.out.println();
        System.out.printf(Locale.ROOT, "%-24s %-11s %7s %7s %7s %9s%n", "pattern", "label", "orders", "review",
                "block", "flagged");
        for (final Pattern pattern : Pattern.values()) {
            final Tally tally = byPattern.get(pattern);
            final String label = pattern.inRecallTarget() ? "fraud" : pattern.fraud() ? "fraud (*)" : "legitimate";
            System.out.printf(Locale.ROOT, "%-24s %-11s %7d %7d %7d %9s%s%n", pattern.label(), label, tally.orders,
                    tally.review, tally.block, percent(tally.flagged(), tally.orders),
                    pattern.fraud() ? "  recall" : "");
            if (detail) {
                byVariant.get(pattern).forEach((variant, v) -> System.out.printf(Locale.ROOT,
                        "    %-60s %5d %5d %5d %8s%n", variant, v.orders, v.review, v.block,
                        percent(v.flagged(), v.orders)));
            }
        }
        System.out.println("(*) friendly fraud is the real cardholder's genuine-looking order, disputed later; it is "
                + "reported, not counted in the recall target");
        System.out.println();
        final int flaggedFraud = target.flagged() + friendly.flagged();
        final int flaggedAll = flaggedFraud + legitimate.flagged();
        double lowest = 1;
        String lowestPattern = "-";
        for (final Pattern pattern : Pattern.values()) {
            final Tally tally = byPattern.get(pattern);
            if (pattern.inRecallTarget() && tally.orders > 0 && ratio(tally.flagged(), tally.orders) < lowest) {
                lowest = ratio(tally.flagged(), tally.orders);
                lowestPattern = pattern.label();
            }
        }
        System.out.printf(Locale.ROOT, "recall, target patterns: %d of %d = %s (lowest: %s %s); with friendly fraud: "
                + "%d of %d = %s%n", target.flagged(), target.orders, percent(target.flagged(), target.orders),
                lowestPattern, percentOf(lowest), flaggedFraud, fraudOrders, percent(flaggedFraud, fraudOrders));
        System.out.printf(Locale.ROOT, "precision (fraud among flagged orders): %d of %d = %s%n", flaggedFraud,
                flaggedAll, percent(flaggedFraud, flaggedAll));
        System.out.printf(Locale.ROOT, "legitimate orders: sent to review %d of %d = %.2f %%, blocked %d = %.2f %%%n",
                legitimate.review, legitimate.orders, 100 * ratio(legitimate.review, legitimate.orders),
                legitimate.block, 100 * ratio(legitimate.block, legitimate.orders));
        if (unassessed > 0) {
            System.out.printf(Locale.ROOT, "orders without an assessment on fraud.assessments: %d (counted as "
                    + "accepted)%n", unassessed);
        }
        System.out.printf(Locale.ROOT, "issue 18 targets: recall >= %s on every target pattern: %s; legitimate to "
                + "review <= %s: %s; no legitimate order blocked: %s%n", percentOf(RECALL_TARGET),
                lowest >= RECALL_TARGET ? "met" : "not met", percentOf(REVIEW_SHARE_TARGET),
                ratio(legitimate.review, legitimate.orders) <= REVIEW_SHARE_TARGET ? "met" : "not met",
                legitimate.block == 0 ? "met" : "not met");
    }

    /** Variants that name a BIN or a company are grouped by their kind. */
    private static String variantKey(final String variant) {
        return variant.replaceAll("BIN [0-9]+", "BIN").replaceAll("office NAT .*", "office NAT");
    }

    private static double ratio(final int part, final int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static String percent(final int part, final int whole) {
        return whole == 0 ? "-" : percentOf(ratio(part, whole));
    }

    private static String percentOf(final double ratio) {
        return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }
}
