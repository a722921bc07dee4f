package org.orderpool.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.CarrierCalendarKey;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.PaymentState;
import org.orderpool.contracts.ReviewDecision;
import org.orderpool.contracts.ReviewVerdict;
import org.orderpool.contracts.ShopOrderKey;
import org.orderpool.contracts.StockMovement;
import org.orderpool.contracts.StockMovementType;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.contracts.client.KafkaDurability;
import org.orderpool.contracts.deploy.ContractDeployer;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.fraud.FraudCheckApplication;
import org.orderpool.infra.ApicurioRegistryServer;
import org.orderpool.infra.EmbeddedKafkaBroker;
import org.orderpool.infra.KafkaCluster;
import org.orderpool.intake.OrderIntakeApplication;
import org.orderpool.intake.domain.OrderIds;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.serde.CachingSchemaRegistryClient;
import org.orderpool.serde.ConfluentRegistryHttpClient;
import org.orderpool.shipping.CarrierCalendarPublisher;
import org.orderpool.shipping.ShippingSchedulerApplication;
import org.orderpool.simulator.OrderGenerator;
import org.orderpool.simulator.SimOrder;
import org.orderpool.simulator.SimulatedShop;
import org.orderpool.stock.StockReservationApplication;
import org.orderpool.testing.KafkaPlatform;
import org.orderpool.testing.KafkaTestClient;

/**
 * The chaos run: the four services as separate processes on a real broker, shops sending orders
 * (with duplicates, cancellations, scarce stock several shops race for, fraud bursts, invalid orders,
 * card numbers in free text and undecodable bytes; a hostile shop's key/value mismatches, skewed record timestamps
 * and orders sent on every channel; a careless operator's invalid calendar, paused carrier and cancellations at
 * the cut-off second), a service killed with SIGKILL at random moments
 * and started again (sometimes on an empty state directory), ops deciding held orders; then, once
 * every order has settled, DESIGN.md's six invariants checked from the topics ({@link InvariantChecker}).
 *
 * <p>With {@code infra=on} the run also breaks the infrastructure ({@link InfrastructureFaults}) on three
 * KRaft nodes and a registry of its own: brokers killed and restarted (once on an empty disk), the
 * registry down for 30-60 s, services frozen past their session timeout; then no good record may be
 * dead-lettered and no service may stop either ({@link InfrastructureFindings}).
 *
 * <pre>./mvnw -q -pl chaos -am install -DskipTests && ./mvnw -q -pl chaos exec:java@chaos -Dexec.args="orders=600 kills=24"</pre>
 * <pre>./mvnw -q -pl chaos exec:java@chaos -Dexec.args="infra=on orders=600 kills=24"</pre>
 */
public final class ChaosRun {

    /** Card numbers (test PANs of the card schemes) a careless shop pastes into an address line. */
    private static final List<String> CARD_NUMBERS = List.of("4111111111111111", "5555555555554444", "4012888888881881",
            "378282246310005", "6011111111111117");
    private static final Set<String> OPTIONS = Set.of("orders", "kills", "rate", "pace-seconds", "seed", "units", "guarantee", "report",
            "infra", "broker-kills", "registry-outages", "pauses");
    private static final List<String> SERVICES = List.of("order-intake", "fraud-check", "stock-reservation", "shipping-scheduler");

    /**
     * How hard to push. {@code pace} is the mean time between two kills. {@code infra} adds the faults of
     * the infrastructure (brokers, registry, frozen services); without them the run uses one broker.
     */
    public record Settings(int orders, int kills, double ordersPerSecond, Duration pace, long seed, int unitsPerSku, Duration settleTimeout,
                           String guarantee, InfrastructureFaults.Plan infra, Timing timing) {

        public Settings(final int orders, final int kills, final double ordersPerSecond, final Duration pace, final long seed,
                        final int unitsPerSku, final Duration settleTimeout, final String guarantee, final InfrastructureFaults.Plan infra) {
            this(orders, kills, ordersPerSecond, pace, seed, unitsPerSku, settleTimeout, guarantee, infra, Timing.LONG);
        }

        public Settings(final int orders, final int kills, final double ordersPerSecond, final Duration pace, final long seed,
                        final int unitsPerSku, final Duration settleTimeout) {
            this(orders, kills, ordersPerSecond, pace, seed, unitsPerSku, settleTimeout, "exactly_once_v2");
        }

        public Settings(final int orders, final int kills, final double ordersPerSecond, final Duration pace, final long seed,
                        final int unitsPerSku, final Duration settleTimeout, final String guarantee) {
            this(orders, kills, ordersPerSecond, pace, seed, unitsPerSku, settleTimeout, guarantee, InfrastructureFaults.Plan.NONE);
        }

        /** How long the load takes at its rate. */
        public Duration loadDuration() {
            return Duration.ofMillis((long) (1000 * orders / ordersPerSecond));
        }

        public static Settings of(final Map<String, String> options) {
            final Settings defaults = new Settings(600, 24, 5, Duration.ofSeconds(6), 7, 12, Duration.ofMinutes(5));
            final boolean infra = "on".equals(options.getOrDefault("infra", "off"));
            final InfrastructureFaults.Plan plan = infra ? new InfrastructureFaults.Plan(
                    Integer.parseInt(options.getOrDefault("broker-kills", "8")), true,
                    Integer.parseInt(options.getOrDefault("registry-outages", "2")), Duration.ofSeconds(30), Duration.ofSeconds(60),
                    Integer.parseInt(options.getOrDefault("pauses", "3")), Duration.ofSeconds(20), false) : InfrastructureFaults.Plan.NONE;
            return new Settings(Integer.parseInt(options.getOrDefault("orders", Integer.toString(defaults.orders))),
                    Integer.parseInt(options.getOrDefault("kills", Integer.toString(defaults.kills))),
                    Double.parseDouble(options.getOrDefault("rate", Double.toString(defaults.ordersPerSecond))),
                    Duration.ofSeconds(Long.parseLong(options.getOrDefault("pace-seconds", Long.toString(defaults.pace.toSeconds())))),
                    Long.parseLong(options.getOrDefault("seed", Long.toString(defaults.seed))),
                    Integer.parseInt(options.getOrDefault("units", Integer.toString(defaults.unitsPerSku))),
                    infra ? Duration.ofMinutes(8) : defaults.settleTimeout, options.getOrDefault("guarantee", defaults.guarantee), plan);
        }
    }

    /**
     * How long the run's slow paths take: how long a backordered order waits for stock, how late a
     * duplicate, a cancellation or an unpaid order's payment may come after the order, how long an unpaid
     * order may wait for its payment (null: every unpaid order is paid or cancelled, none is left to time
     * out), and whether the carriers' next cut-off is brought forward to a few seconds later once nothing but
     * shipping is left (every order terminal or SCHEDULED), instead of the run waiting up to a minute for it.
     */
    public record Timing(Duration backorderWait, Duration latestDuplicate, Duration latestCancellation, Duration latestPayment,
                         Duration paymentTimeout, boolean cutOffOnceOnlyShippingIsLeft) {

        /**
         * The documented long runs: cut-offs on the minute, orders left unpaid are cancelled by intake's
         * payment timeout (intake looks for due payments once a minute, so they settle within 20-80 s).
         */
        public static final Timing LONG = new Timing(Duration.ofSeconds(40), Duration.ofSeconds(15), Duration.ofSeconds(20),
                Duration.ofSeconds(15), Duration.ofSeconds(20), false);

        /**
         * The suite's short runs: every late effect within a few seconds, and the last cut-off
         * {@link #LAST_CUT_OFF_DELAY} after only shipping is left, so the run does not wait most of a minute for the
         * last manifests; unpaid orders are paid
         * or cancelled by their shop (a payment timeout waits for intake's once-a-minute look, restarted by
         * every kill of intake: the long runs and order-intake's own tests cover it).
         */
        public static final Timing SHORT = new Timing(Duration.ofSeconds(10), Duration.ofSeconds(8), Duration.ofSeconds(8),
                Duration.ofSeconds(6), null, true);

        /** How soon the brought-forward cut-off comes: time for shipping-scheduler to read the changed calendars. */
        static final Duration LAST_CUT_OFF_DELAY = Duration.ofSeconds(4);
        /**
         * Where in each minute the short runs' cut-offs fall until then: late, so that the minute the last orders are
         * scheduled in has not closed yet (a closed cut-off's minute takes no other cut-off: it names the manifest).
         */
        static final int CUT_OFF_SECOND = 59;
    }

    /** The orders that arrived unpaid (AWAITING_PAYMENT): paid later, cancelled by their shop, or left to time out. */
    public record Payments(int unpaid, int paidLater, int cancelledUnpaid, int leftUnpaid) {
    }

    /** What a run did and found. */
    public record Report(Settings settings, int submitted, int duplicates, int cancellations, int undecodable, int cardNumbers,
                         Hostility hostility, Map<String, Integer> killsPerService, int wipedStates, Map<OrderStatus, Long> outcomes,
                         Duration loadTime, Duration settleTime, List<InvariantChecker.Invariant> invariants,
                         InfrastructureFindings infra, Payments payments, Duration servicesStartedAfter, Duration runTime,
                         Duration onlyShippingLeftAfter) {

        public boolean holds() {
            return invariants.stream().allMatch(InvariantChecker.Invariant::holds) && (infra == null || infra.holds());
        }

        public int kills() {
            return killsPerService.values().stream().mapToInt(Integer::intValue).sum();
        }

        public String markdown() {
            final StringBuilder md = new StringBuilder();
            md.append("# Chaos run\n\n");
            md.append("Processing guarantee: `").append(settings.guarantee()).append("`. ");
            md.append(String.format(Locale.ROOT, "%d orders submitted at about %.0f/s (+%d duplicates, %d cancellations, %d undecodable records,"
                            + " %d orders with a card number in an address line), %d units of each SKU to race for, seed %d.%n%n",
                    submitted, settings.ordersPerSecond(), duplicates, cancellations, undecodable, cardNumbers, settings.unitsPerSku(),
                    settings.seed()));
            md.append(String.format(Locale.ROOT, "A hostile shop sent %d records keyed by another order than their value, %d orders"
                            + " stamped %d days back or %d minutes ahead (each twice), %d orders on all three channels (shared topic, own topic,"
                            + " gateway, which answered %s). A careless operator published %d invalid calendar(s), paused a carrier %d"
                            + " time(s) and cancelled %d orders at the cut-off second.%n%n", hostility.keyMismatches(),
                    hostility.skewedTimestamps(), HostileShop.STAMPED_BACK.toDays(), HostileShop.STAMPED_AHEAD.toMinutes(),
                    hostility.multiChannelOrders(),
                    hostility.gatewayAnswers(), hostility.invalidCalendars(), hostility.pausedCarriers(), hostility.cutOffCancellations()));
            md.append(String.format(Locale.ROOT, "%d orders arrived unpaid (AWAITING_PAYMENT): %d paid later, %d cancelled by their shop"
                            + " before paying, %d never paid (%s).%n%n", payments.unpaid(), payments.paidLater(), payments.cancelledUnpaid(),
                    payments.leftUnpaid(), settings.timing().paymentTimeout() == null ? "none"
                            : "cancelled by intake's payment timeout of " + settings.timing().paymentTimeout().toSeconds() + " s"));
            md.append(String.format(Locale.ROOT, "**%d SIGKILLs** (%s), %d of them followed by a restart on an empty state directory."
                            + " The services were up %d s into the run; load took %d s; every order settled %d s after the faults ended%s;"
                            + " the run took %d s.%n%n", kills(),
                    killsPerService.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")),
                    wipedStates, servicesStartedAfter.toSeconds(), loadTime.toSeconds(), settleTime.toSeconds(), onlyShippingLeftAfter == null ? ""
                            : String.format(Locale.ROOT, " (only shipping was left after %.1f s: the next cut-off was brought forward)",
                            onlyShippingLeftAfter.toMillis() / 1000.0), runTime.toSeconds()));
            md.append("Outcomes: ").append(outcomes.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "))).append("\n\n");
            md.append("| invariant | checked | breaches |\n|---|---|---|\n");
            for (final InvariantChecker.Invariant invariant : invariants) {
                md.append("| ").append(invariant.name()).append(" | ").append(invariant.checked()).append(" | ")
                        .append(invariant.holds() ? "0" : "**" + invariant.breaches().size() + "**").append(" |\n");
            }
            for (final InvariantChecker.Invariant invariant : invariants) {
                if (!invariant.holds()) {
                    md.append("\n## Breaches of ").append(invariant.name()).append("\n\n");
                    invariant.breaches().stream().limit(30).forEach(b -> md.append("- ").append(b).append('\n'));
                }
            }
            if (infra != null) {
                md.append('\n').append(infra.markdown());
            }
            md.append('\n').append(holds() ? "Every invariant holds.\n" : invariants.stream().allMatch(InvariantChecker.Invariant::holds)
                    ? "**The services did not ride out the infrastructure's faults.**\n" : "**INVARIANTS BROKEN.**\n");
            return md.toString();
        }
    }

    /** What the hostile shop and the careless operator did in a run. */
    public record Hostility(int keyMismatches, int skewedTimestamps, int multiChannelOrders, Map<String, Integer> gatewayAnswers,
                            int invalidCalendars,
                            int pausedCarriers, int cutOffCancellations) {
    }

    /** The carrier the careless operator pauses for a while, and the one it gives an invalid calendar. */
    private static final String PAUSED_CARRIER = "relais-pro";
    private static final String MISCONFIGURED_CARRIER = "colis-express";

    private final Settings settings;
    private final KafkaPlatform platform;
    private final String prefix;
    private final Path workDir;
    private final Random random;
    private final BoundTopics topics;
    private final Set<String> submitted = ConcurrentHashMap.newKeySet();
    private final List<byte[]> undecodable = new CopyOnWriteArrayList<>();
    private final int gatewayPort = freePort();
    private final Set<String> cardNumbersSent = ConcurrentHashMap.newKeySet();
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Map<String, Long> submittedAt = new ConcurrentHashMap<>();
    private final FaultLog faults;
    /** The brokers and registry this run breaks, or null when it only kills services (on one broker). */
    private final InfrastructureFaults infra;
    private int duplicates;
    private int cancellations;
    private int wipedStates;
    private int invalidCalendars;
    private int pausedCarriers;
    private int unpaid;
    /** How long into the settling only shipping was left (every order terminal or SCHEDULED); null: never, or not looked for. */
    private Duration onlyShippingLeftAfter;
    /** How long into the run the services were up (topics deployed, stock and calendars seeded, four processes started). */
    private Duration servicesStartedAfter = Duration.ZERO;
    private int paidLater;
    private int cancelledUnpaid;
    private int leftUnpaid;

    public ChaosRun(final Settings settings, final KafkaPlatform platform, final String prefix, final Path workDir) {
        this(settings, platform, prefix, workDir, null);
    }

    private ChaosRun(final Settings settings, final KafkaPlatform platform, final String prefix, final Path workDir,
                     final InfrastructureFaults infra) {
        this.infra = infra;
        this.faults = infra == null ? new FaultLog() : infra.faults();
        this.settings = settings;
        this.platform = platform;
        this.prefix = prefix;
        this.workDir = workDir;
        this.random = new Random(settings.seed());
        this.topics = new BoundTopics(new AvroSerdes(new CachingSchemaRegistryClient(new WaitingRegistry(
                new ConfluentRegistryHttpClient(platform.schemaRegistryUrl()))), true), prefix);
    }

    public static void main(final String[] args) throws Exception {
        final Map<String, String> options = new LinkedHashMap<>();
        for (final String arg : args) {
            final String[] parts = arg.split("=", 2);
            if (parts.length != 2 || !OPTIONS.contains(parts[0])) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; use orders=N kills=N rate=N pace-seconds=N seed=N units=N"
                        + " guarantee=exactly_once_v2|at_least_once report=PATH infra=on|off broker-kills=N registry-outages=N pauses=N");
            }
            options.put(parts[0], parts[1]);
        }
        final Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "chaos");
        final Settings settings = Settings.of(options);
        final Report report;
        if (settings.infra().isOn()) {
            report = onOwnInfrastructure(settings, "chaos.", work);
        } else {
            try (ApicurioRegistryServer registry = ApicurioRegistryServer.create(0, null, work.resolve("registry.log")).start();
                 EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.create(0, work.resolve("kafka"), Map.of()).start()) {
                report = new ChaosRun(settings, KafkaPlatform.existing(broker.bootstrapServers(), registry.confluentApiUrl(),
                        "embedded broker"), "chaos.", work).run();
            }
        }
        final Path file = Path.of(options.getOrDefault("report", "target/chaos-report.md"));
        Files.writeString(file, report.markdown());
        System.out.println(report.markdown());
        System.out.println("Report: " + file.toAbsolutePath());
        System.exit(report.holds() ? 0 : 1);
    }

    /**
     * The run with the infrastructure's faults: a three-node KRaft cluster as production runs it (each
     * node broker and controller, the brokers' settings of {@link KafkaDurability#broker(int)}) and a
     * registry keeping its schemas on disk, both child processes of this JVM, stopped when the run ends.
     */
    static Report onOwnInfrastructure(final Settings settings, final String prefix, final Path work) throws IOException {
        final ApicurioRegistryServer registry = ApicurioRegistryServer.create(0, work.resolve("registry-data"), work.resolve("registry.log"));
        try (KafkaCluster cluster = KafkaCluster.create(KafkaDurability.PRODUCTION_REPLICATION, work.resolve("kafka"),
                KafkaDurability.broker(KafkaDurability.PRODUCTION_REPLICATION))) {
            final long starting = System.nanoTime();
            final CompletableFuture<Duration> registryStarted = registry.startInBackground()
                    .thenApply(started -> Duration.ofNanos(System.nanoTime() - starting));
            cluster.start();
            final Duration registryStartTime = registryStarted.join();
            final KafkaPlatform platform = KafkaPlatform.existing(cluster.bootstrapServers(), registry.confluentApiUrl(),
                    "three KRaft nodes (broker and controller each) and Apicurio Registry, child processes");
            return new ChaosRun(settings, platform, prefix, work, new InfrastructureFaults(cluster, registry, settings.infra(),
                    settings.seed(), new FaultLog(), registryStartTime)).run();
        } finally {
            registry.close();
        }
    }

    public Report run() throws IOException {
        final long runStarted = System.nanoTime();
        final List<SimulatedShop> shops = SimulatedShop.demoShops();
        final List<Topic<?, ?>> contract = new ArrayList<>(Topics.all().stream().<Topic<?, ?>>map(t -> t.withNamePrefix(prefix)).toList());
        shops.forEach(shop -> contract.add(Topics.shopIntake(shop.shopId()).withNamePrefix(prefix)));
        new ContractDeployer(platform.bootstrapServers(), new CachingSchemaRegistryClient(new ConfluentRegistryHttpClient(
                platform.schemaRegistryUrl(), null, Duration.ofSeconds(10))), replication()).deploy(contract);
        final ScheduledExecutorService later = Executors.newScheduledThreadPool(2);
        final Thread supervisor = new Thread(this::restartWhatStoppedOnItsOwn, "chaos-supervisor");
        supervisor.setDaemon(true);
        try (ShopProducer producer = new ShopProducer(platform.bootstrapServers(), topics);
             KafkaTestClient kafka = new KafkaTestClient(platform);
             StatusTail statuses = new StatusTail(platform, topics)) {
            final List<CarrierCalendar> calendars = seed(producer, shops);
            final HostileShop hostileShop = new HostileShop(producer, URI.create("http://localhost:" + gatewayPort), this::submitted);
            startServices();
            awaitStarted();
            servicesStartedAfter = Duration.ofNanos(System.nanoTime() - runStarted);
            final CarelessOperator operator = new CarelessOperator(producer, kafka, topics, calendars, random,
                    settings.timing().cutOffOnceOnlyShippingIsLeft() ? Timing.CUT_OFF_SECOND : 0);
            statuses.onHeld(orderId -> later.schedule(() -> decide(producer, orderId), 1 + random.nextInt(3), TimeUnit.SECONDS));
            if (infra != null) {
                supervisor.start();
                infra.start(settings.loadDuration(), services);
            }

            final long loadStarted = System.nanoTime();
            final Thread killer = new Thread(this::killAtRandom, "chaos-killer");
            killer.start();
            sendOrders(producer, kafka, shops, later, hostileShop, operator);
            final Duration loadTime = Duration.ofNanos(System.nanoTime() - loadStarted);
            joinQuietly(killer);
            if (infra != null) {
                infra.finish();
            }
            for (final ServiceProcess service : services) {
                service.faultLock().lock();
                try {
                    if (!service.isAlive()) {
                        service.start();
                    }
                } finally {
                    service.faultLock().unlock();
                }
            }

            final long settleStarted = System.nanoTime();
            final long deadline = settleStarted + settings.settleTimeout().toNanos();
            boolean broughtForward = !settings.timing().cutOffOnceOnlyShippingIsLeft();
            while (!statuses.allTerminal(submitted) && System.nanoTime() < deadline) {
                if (!broughtForward && statuses.allTerminalOr(submitted, OrderStatus.SCHEDULED)) {
                    final Instant cutOff = Instant.now().plus(Timing.LAST_CUT_OFF_DELAY);
                    // past the minute's own cut-off (its last seconds), that one comes sooner anyway
                    if (cutOff.atZone(ZoneOffset.UTC).getSecond() < Timing.CUT_OFF_SECOND) {
                        operator.useCalendars(cutOffsAt(producer, calendars, cutOff.atZone(ZoneOffset.UTC).getSecond()));
                    }
                    broughtForward = true;
                    onlyShippingLeftAfter = Duration.ofNanos(System.nanoTime() - settleStarted);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
            }
            final Duration settleTime = Duration.ofNanos(System.nanoTime() - settleStarted);
            final List<Path> logs = services.stream().flatMap(s -> s.logs().stream()).toList();
            final List<InvariantChecker.DeadLetter> deadLetters = new ArrayList<>(operator.expectedDeadLetters());
            undecodable.forEach(bytes -> deadLetters.add(InvariantChecker.DeadLetter.once(Topics.ORDER_INTAKE_DLQ, bytes)));
            final List<InvariantChecker.Invariant> invariants = new InvariantChecker(kafka, prefix).check(new InvariantChecker.Expectations(
                    Set.copyOf(submitted), deadLetters, Set.copyOf(cardNumbersSent), logs, infra != null));
            final Map<String, Integer> kills = new LinkedHashMap<>();
            services.forEach(s -> kills.put(s.name(), s.kills()));
            final Hostility hostility = new Hostility(hostileShop.keyMismatches(), hostileShop.skewedTimestamps(),
                    hostileShop.multiChannelOrders(), hostileShop.gatewayAnswers(), invalidCalendars, pausedCarriers,
                    operator.cutOffSecondCancellations());
            final InfrastructureFindings findings = infra == null ? null : InfrastructureFindings.of(infra, faults, services, logs,
                    faults.aftermath(Map.copyOf(submittedAt), statuses.settledAt()),
                    FaultLog.Latency.of(Map.copyOf(submittedAt), statuses.settledAt()), prefix, producer.sendsThatWaited());
            return new Report(settings, submitted.size(), duplicates, cancellations, undecodable.size(), cardNumbersSent.size(), hostility,
                    kills, wipedStates, statuses.outcomes(submitted), loadTime, settleTime, invariants, findings,
                    new Payments(unpaid, paidLater, cancelledUnpaid, leftUnpaid), servicesStartedAfter,
                    Duration.ofNanos(System.nanoTime() - runStarted),
                    onlyShippingLeftAfter);
        } finally {
            supervisor.interrupt();
            later.shutdownNow();
            services.forEach(ServiceProcess::stop);
        }
    }

    private short replication() {
        return infra == null ? 1 : (short) infra.cluster().nodeIds().size();
    }

    /**
     * What an orchestrator does ({@code restart: unless-stopped}): a service whose process ended without
     * being killed is started again; the report counts it, since no fault should stop a service.
     */
    private void restartWhatStoppedOnItsOwn() {
        final Map<ServiceProcess, Integer> handled = new ConcurrentHashMap<>();
        while (!Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
            for (final ServiceProcess service : services) {
                if (service.faultLock().tryLock()) {
                    try {
                        if (service.unexpectedExits() > handled.getOrDefault(service, 0) && !service.isAlive()) {
                            handled.put(service, service.unexpectedExits());
                            service.start();
                        }
                    } finally {
                        service.faultLock().unlock();
                    }
                }
            }
        }
    }

    private void submitted(final String orderId) {
        submitted.add(orderId);
        submittedAt.putIfAbsent(orderId, System.nanoTime());
    }

    /**
     * Scarce stock (the shops race for it) and carriers with a cut-off every minute, on the minute (the short
     * runs': at {@link Timing#CUT_OFF_SECOND} past it); returns the calendars.
     */
    private List<CarrierCalendar> seed(final ShopProducer producer, final List<SimulatedShop> shops) {
        shops.stream().flatMap(shop -> shop.skus().stream()).distinct().forEach(sku -> producer.send(Topics.STOCK_MOVEMENTS, sku,
                movement(sku, settings.unitsPerSku(), "chaos-seed-" + sku)));
        final List<CarrierCalendar> calendars = CarrierCalendarPublisher.defaultCalendars(Instant.now()).stream()
                .map(c -> CarrierCalendar.newBuilder(c).setPackingLeadTimeMinutes(0).setCutOffEveryMinutes(1).build()).toList();
        if (settings.timing().cutOffOnceOnlyShippingIsLeft()) {
            return cutOffsAt(producer, calendars, Timing.CUT_OFF_SECOND);
        }
        calendars.forEach(calendar -> producer.send(Topics.SHIPPING_CARRIER_CALENDARS,
                new CarrierCalendarKey(calendar.getCarrierId(), calendar.getWarehouseId()), calendar));
        return calendars;
    }

    /**
     * Publishes the calendars with their cut-offs at {@code second} past each minute: a cut-off every minute
     * counts from local midnight, so a fixed offset from UTC of one hour and {@code 60 - second} seconds moves
     * each one to that second.
     */
    private static List<CarrierCalendar> cutOffsAt(final ShopProducer producer, final List<CarrierCalendar> calendars, final int second) {
        final String zone = ZoneOffset.ofTotalSeconds(3600 + (60 - second) % 60).getId();
        final List<CarrierCalendar> moved = calendars.stream().map(c -> CarrierCalendar.newBuilder(c).setTimeZone(zone)
                .setUpdatedAt(Instant.now()).build()).toList();
        moved.forEach(calendar -> producer.send(Topics.SHIPPING_CARRIER_CALENDARS,
                new CarrierCalendarKey(calendar.getCarrierId(), calendar.getWarehouseId()), calendar));
        return moved;
    }

    private void startServices() {
        final List<String> common = List.of("--spring.profiles.active=local",
                "--spring.kafka.bootstrap-servers=" + platform.bootstrapServers(),
                "--orderpool.schema-registry.url=" + platform.schemaRegistryUrl(),
                "--orderpool.topics.prefix=" + prefix,
                "--spring.kafka.streams.properties.processing.guarantee=" + settings.guarantee(),
                // a killed member leaves no goodbye: let the group notice within seconds, not the default 45 s
                "--spring.kafka.streams.properties.session.timeout.ms=6000",
                "--spring.kafka.streams.properties.heartbeat.interval.ms=1500",
                // the local profile's replication is the one broker's; the cluster's is production's
                "--spring.kafka.streams.replication-factor=" + replication());
        final Map<String, String> mains = Map.of("order-intake", OrderIntakeApplication.class.getName(),
                "fraud-check", FraudCheckApplication.class.getName(), "stock-reservation", StockReservationApplication.class.getName(),
                "shipping-scheduler", ShippingSchedulerApplication.class.getName());
        final Map<String, List<String>> own = Map.of(
                "order-intake", List.of("--server.port=" + gatewayPort),
                "fraud-check", List.of(),
                "stock-reservation", List.of("--orderpool.stock.check-every=2s",
                        "--orderpool.stock.default-policy.max-backorder-wait=" + settings.timing().backorderWait().toSeconds() + "s",
                        "--orderpool.stock.shops.tea-house.max-backorder-wait=" + settings.timing().backorderWait().toSeconds() + "s"),
                "shipping-scheduler", List.of("--orderpool.shipping.check-every=1s"));
        for (final String name : SERVICES) {
            final List<String> args = new ArrayList<>(common);
            if (infra != null) {
                args.addAll(InfrastructureFaults.ZOMBIE_LOGGING);
            }
            args.add("--spring.kafka.streams.application-id=" + prefix + name);
            args.addAll(own.get(name));
            if ("order-intake".equals(name) && settings.timing().paymentTimeout() != null) {
                SimulatedShop.demoShops().forEach(shop -> args.add("--orderpool.intake.shops." + shop.shopId() + ".payment-timeout="
                        + settings.timing().paymentTimeout().toSeconds() + "s"));
            }
            final ServiceProcess service = new ServiceProcess(name, mains.get(name), args, workDir.resolve("state").resolve(name),
                    workDir.resolve("logs"));
            services.add(service);
            service.start();
        }
    }

    private void awaitStarted() {
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!services.stream().allMatch(ServiceProcess::hasStarted)) {
            if (System.nanoTime() > deadline || services.stream().anyMatch(s -> !s.isAlive())) {
                throw new IllegalStateException("the services did not start: see the logs in " + workDir.resolve("logs"));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        }
    }

    /**
     * Kills services in shuffled rounds (so each gets killed), at random moments around the pace; a service
     * another fault holds (frozen, restarted while the registry is down) waits for a later turn of its round.
     */
    private void killAtRandom() {
        final List<ServiceProcess> round = new ArrayList<>();
        for (int kill = 0; kill < settings.kills(); kill++) {
            if (round.isEmpty()) {
                round.addAll(services);
                Collections.shuffle(round, random);
            }
            final long pauseMillis = (long) (settings.pace().toMillis() * (0.4 + 1.2 * random.nextDouble()));
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pauseMillis));
            final ServiceProcess victim = round.stream().filter(s -> s.faultLock().tryLock()).findFirst().orElseGet(() -> {
                round.get(0).faultLock().lock();
                return round.get(0);
            });
            round.remove(victim);
            try {
                final long killed = System.nanoTime();
                victim.kill();
                final boolean wipe = random.nextInt(4) == 0;
                if (wipe) {
                    victim.wipeState();
                    wipedStates++;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(random.nextInt(1500)));
                victim.start();
                faults.add(FaultLog.Kind.SERVICE_KILL, victim.name(), killed, System.nanoTime(), wipe ? "restarted on an empty state directory" : "");
            } finally {
                victim.faultLock().unlock();
            }
        }
    }

    private void sendOrders(final ShopProducer producer, final KafkaTestClient kafka, final List<SimulatedShop> shops,
                            final ScheduledExecutorService later, final HostileShop hostileShop, final CarelessOperator operator) {
        final List<SubmittedOrder> recent = new ArrayList<>();
        final OrderGenerator generator = new OrderGenerator(settings.seed(), shops);
        final long intervalNanos = (long) (1e9 / settings.ordersPerSecond());
        long next = System.nanoTime();
        for (int i = 0; i < settings.orders(); i++) {
            next += intervalNanos;
            LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
            final Instant now = Instant.now();
            final SimulatedShop shop = generator.pickShop();
            final double dice = random.nextDouble();
            final List<SubmittedOrder> orders = new ArrayList<>();
            if (i == settings.orders() / 5) {
                operator.publishInvalidCalendar(MISCONFIGURED_CARRIER);
                invalidCalendars++;
            }
            if (i == settings.orders() / 3) {
                operator.pauseCarrier(PAUSED_CARRIER, Duration.ofSeconds(30), later);
                pausedCarriers++;
            }
            if (i % 25 == 5 && !recent.isEmpty()) {
                hostileShop.sendUnderAnotherKey(recent.get(random.nextInt(recent.size())));
                continue;
            }
            if (i % 25 == 10 || i % 25 == 15) {
                hostileShop.sendWithSkewedTimestamp(generator.order(shop, now).toSubmitted(now), i % 25 == 10);
                continue;
            }
            if (i % 30 == 7) {
                hostileShop.sendOnEveryChannel(generator.order(shop, now));
                continue;
            }
            if (i % 40 == 20) { // bytes no shop's serializer would write
                final byte[] garbage = ("{\"not\":\"avro\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
                kafka.sendRaw(topics.name(Topics.SHOP_ORDERS_SUBMITTED), null, garbage);
                undecodable.add(garbage);
                continue;
            }
            if (dice < 0.03) {
                generator.fraudBurst(now).forEach(order -> orders.add(order.toSubmitted(now)));
            } else if (dice < 0.06) {
                orders.add(generator.invalid(shop, now).toSubmitted(now));
            } else if (dice < 0.08 || i % 40 == 30) {
                final String pan = CARD_NUMBERS.get(random.nextInt(CARD_NUMBERS.size()));
                final SubmittedOrder order = generator.order(shop, now).toSubmitted(now);
                order.getShippingAddress().setLine2("card " + pan + " exp 12/29, please charge it");
                cardNumbersSent.add(pan);
                orders.add(order);
            } else if (i % 12 == 6) {
                final SimOrder order = generator.order(shop, now);
                orders.add(order.toSubmitted(now, PaymentState.PENDING));
                settlePayment(producer, order, later);
            } else {
                orders.add(generator.order(shop, now).toSubmitted(now));
            }
            for (final SubmittedOrder order : orders) {
                submit(producer, order);
                if (recent.size() < 200) {
                    recent.add(order);
                }
                if (i % 20 == 3) {
                    operator.cancelAtTheCutOffSecond(OrderIds.forShopOrder(order.getShopId(), order.getShopOrderRef()),
                            (orderId, requestedAt) -> cancel(producer, order, requestedAt), later);
                }
                if (random.nextDouble() < 0.10) {
                    duplicates++;
                    later.schedule(() -> submit(producer, order), random.nextInt((int) settings.timing().latestDuplicate().toMillis()),
                            TimeUnit.MILLISECONDS);
                }
                if (random.nextDouble() < 0.08) {
                    cancellations++;
                    later.schedule(() -> cancel(producer, order, Instant.now()),
                            random.nextInt((int) settings.timing().latestCancellation().toMillis()), TimeUnit.MILLISECONDS);
                }
            }
            if (i % 50 == 49) { // a supplier delivers a little of something
                final List<String> skus = shops.stream().flatMap(s -> s.skus().stream()).distinct().toList();
                final String sku = skus.get(random.nextInt(skus.size()));
                producer.send(Topics.STOCK_MOVEMENTS, sku, movement(sku, 6, "chaos-restock-" + UUID.randomUUID()));
            }
        }
    }

    /**
     * What happens to an order that arrived unpaid, in turn: four of six are paid a few seconds later (the
     * platform's paid update: the same order, PAID), one is cancelled by its shop while it waits, one is never
     * paid (with no payment timeout in the run, it is paid late instead).
     */
    private void settlePayment(final ShopProducer producer, final SimOrder order, final ScheduledExecutorService later) {
        unpaid++;
        final long after = 1_000 + random.nextInt((int) settings.timing().latestPayment().toMillis() - 999);
        // in turn, so that a short run has each: of every six, one cancelled, one never paid, four paid
        if (unpaid % 6 == 2) {
            cancelledUnpaid++;
            final SubmittedOrder waiting = order.toSubmitted(Instant.now(), PaymentState.PENDING);
            later.schedule(() -> cancel(producer, waiting, Instant.now()), after, TimeUnit.MILLISECONDS);
        } else if (unpaid % 6 == 5 && settings.timing().paymentTimeout() != null) {
            leftUnpaid++;
        } else {
            paidLater++;
            later.schedule(() -> submit(producer, order.toSubmitted(Instant.now(), PaymentState.PAID)), after, TimeUnit.MILLISECONDS);
        }
    }

    private void submit(final ShopProducer producer, final SubmittedOrder order) {
        producer.send(Topics.SHOP_ORDERS_SUBMITTED, new ShopOrderKey(order.getShopId(), order.getShopOrderRef()), order);
        submitted(OrderIds.forShopOrder(order.getShopId(), order.getShopOrderRef()));
    }

    private void cancel(final ShopProducer producer, final SubmittedOrder order, final Instant requestedAt) {
        final String orderId = OrderIds.forShopOrder(order.getShopId(), order.getShopOrderRef());
        producer.send(Topics.ORDERS_CANCELLATIONS, orderId, OrderCancellation.newBuilder().setCancellationId(UUID.randomUUID().toString())
                .setOrderId(orderId).setShopId(order.getShopId()).setShopOrderRef(order.getShopOrderRef())
                .setReason("customer changed their mind").setRequestedAt(requestedAt).build());
    }

    /** Ops at work: a held order is approved or blocked a moment later. */
    private void decide(final ShopProducer producer, final String orderId) {
        producer.send(Topics.FRAUD_REVIEW_DECISIONS, orderId, ReviewDecision.newBuilder().setDecisionId("chaos-" + orderId).setOrderId(orderId)
                .setVerdict(Math.floorMod(orderId.hashCode(), 2) == 0 ? ReviewVerdict.APPROVE : ReviewVerdict.BLOCK)
                .setOperator("ops.chaos").setDecidedAt(Instant.now()).build());
    }

    private static StockMovement movement(final String sku, final int units, final String id) {
        return StockMovement.newBuilder().setMovementId(id).setSku(sku).setWarehouseId("pool-wh-1").setType(StockMovementType.RECEIPT)
                .setQuantityDelta(units).setNote("chaos run").setOccurredAt(Instant.now()).build();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("no free port for the intake gateway", e);
        }
    }

    private static void joinQuietly(final Thread thread) {
        try {
            thread.join();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
