package org.orderpool.localstack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.orderpool.carrier.CarrierSinkApplication;
import org.orderpool.contracts.deploy.ContractDeployer;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.dashboard.OpsDashboardApplication;
import org.orderpool.dashboard.security.DemoLogins;
import org.orderpool.fraud.FraudCheckApplication;
import org.orderpool.infra.ApicurioRegistryServer;
import org.orderpool.infra.EmbeddedKafkaBroker;
import org.orderpool.intake.OrderIntakeApplication;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.serde.CachingSchemaRegistryClient;
import org.orderpool.serde.ConfluentRegistryHttpClient;
import org.orderpool.shipping.ShippingSchedulerApplication;
import org.orderpool.shopsync.ShopSyncApplication;
import org.orderpool.simulator.ShopSimulator;
import org.orderpool.simulator.SimulatedShop;
import org.orderpool.simulator.ShopWebhookReceivers;
import org.orderpool.simulator.SimulatorSettings;
import org.orderpool.stock.StockReservationApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * The embedded default: a real Kafka broker (KRaft) and Apicurio Registry on this machine, with the
 * contract's topics created and schemas registered, demo stock and demo carrier calendars, and the
 * services (order-intake, fraud-check, stock-reservation, shipping-scheduler, carrier-sink), the ops
 * dashboard and the shop simulator running in this JVM with their local profile; all data under one
 * directory so that a restart resumes where it stopped. The demo shops' own webhook endpoints
 * ({@link ShopWebhookReceivers}) receive shop-sync's status webhooks, verify them and count them, and the stack
 * logs their counts every minute, unless {@code --shop-webhook-url} sends every demo shop's webhooks elsewhere.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    /** How often the console says what the demo shops' webhook receivers have verified so far. */
    private static final Duration RECEIVED_SUMMARY_EVERY = Duration.ofMinutes(1);

    private final StackLock lock;
    private final EmbeddedKafkaBroker broker;
    private final ApicurioRegistryServer registry;
    private final ContractDeployer.Result deployment;
    private final ConfigurableApplicationContext orderIntake;
    /** Every service, in the order they started. */
    private final List<ConfigurableApplicationContext> services;
    private final Path carrierDropFolder;
    private final ShopSimulator simulator;
    private final ShopWebhookReceivers receivers;
    private final ShopEdge edge;
    private final ScheduledExecutorService summaries;

    private LocalStack(final StackLock lock, final EmbeddedKafkaBroker broker, final ApicurioRegistryServer registry,
                       final ContractDeployer.Result deployment, final List<ConfigurableApplicationContext> services,
                       final Path carrierDropFolder, final ShopSimulator simulator, final ShopWebhookReceivers receivers,
                       final ShopEdge edge) {
        this.lock = lock;
        this.broker = broker;
        this.registry = registry;
        this.deployment = deployment;
        this.services = List.copyOf(services);
        this.orderIntake = services.get(0);
        this.carrierDropFolder = carrierDropFolder;
        this.simulator = simulator;
        this.receivers = receivers;
        this.edge = edge;
        this.summaries = receivers == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread thread = new Thread(r, "local-stack-shop-webhooks");
            thread.setDaemon(true);
            return thread;
        });
        if (summaries != null) {
            final long every = RECEIVED_SUMMARY_EVERY.toSeconds();
            summaries.scheduleAtFixedRate(() -> LOG.info("Shops heard back: {}", receivers.summary()), every, every, TimeUnit.SECONDS);
        }
    }

    private static final String[] QUIET = {"spring.main.banner-mode=off", "spring.main.log-startup-info=false"};
    /**
     * Spring Security is on this JVM's classpath (shop-sync's shop API uses it), and Spring Boot would put its default
     * login in front of every other service here: those that do not secure themselves start without it, as they run
     * in their own images. The ops dashboard is among them only while it has no security of its own.
     */
    static final String WITHOUT_WEB_SECURITY = "--spring.autoconfigure.exclude="
            + "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration";
    private static final String DASHBOARD_SECURITY = "org.orderpool.dashboard.security.ConsoleSecurity";
    private static final String USAGE = "use --data-dir=DIR, --kafka-port=N, --registry-port=N, --intake-port=N, --dashboard-port=N, "
            + "--shop-api-port=N, --shop-webhook-url=URL, --shop-webhook-port=N, --simulator=on|off, --simulator-rate=ORDERS_PER_MINUTE, --simulator-orders=N, "
            + "--simulator-minutes=N (0: no limit), --cut-off-every=MINUTES (0: the demo calendars' own)";

    /**
     * Where and how the stack runs.
     *
     * @param simulatorRate    checkouts per minute of the simulated shops; 0 switches the simulator off
     * @param simulatorOrders  stop the simulator after this many checkouts; 0 for no limit
     * @param simulatorMinutes stop the simulator after this many minutes; 0 for no limit
     * @param shopApiPort      shop-sync's shop API
     * @param shopWebhookUrl   where shop-sync sends every demo shop's status webhooks; null: to the demo shops' own
     *                         receivers on {@code shopWebhookPort}
     * @param shopWebhookPort  the demo shops' webhook receivers ({@code /shops/<shopId>/webhooks}, counts on {@code /})
     * @param cutOffEveryMinutes every carrier's cut-off every this many minutes with no packing lead time, so a parcel goes on
     *                         the next one; 0: the demo calendars' own ({@link DemoData#DEMO_CUT_OFF_MINUTES}, one minute to pack)
     */
    public record Settings(Path dataDir, int kafkaPort, int registryPort, int intakePort, int dashboardPort, double simulatorRate,
                           int simulatorOrders, int simulatorMinutes, int shopApiPort, String shopWebhookUrl, int shopWebhookPort,
                           int cutOffEveryMinutes) {

        public Settings {
            if (cutOffEveryMinutes < 0) {
                throw new IllegalArgumentException("--cut-off-every must be 0 (the demo calendars' own) or a number of minutes, not "
                        + cutOffEveryMinutes);
            }
        }

        public static Settings defaults() {
            return new Settings(Path.of(".local-stack"), 9092, 8081, 8090, 8080, SimulatorSettings.demo().ordersPerMinute(), 0, 0, 8091,
                    null, 8092, 0);
        }

        /** Every port chosen by the system, the simulator off: for tests. */
        public static Settings forTest(final Path dataDir) {
            return new Settings(dataDir, 0, 0, 0, 0, 0, 0, 0, 0, null, 0, 0);
        }

        public Settings withSimulator(final double perMinute, final int orders) {
            return new Settings(dataDir, kafkaPort, registryPort, intakePort, dashboardPort, perMinute, orders, simulatorMinutes, shopApiPort,
                    shopWebhookUrl, shopWebhookPort, cutOffEveryMinutes);
        }

        /** Every carrier's cut-off every {@code minutes} minutes, no packing lead time: parcels leave within a minute or so. */
        public Settings withCutOffEvery(final int minutes) {
            return new Settings(dataDir, kafkaPort, registryPort, intakePort, dashboardPort, simulatorRate, simulatorOrders, simulatorMinutes,
                    shopApiPort, shopWebhookUrl, shopWebhookPort, minutes);
        }

        static Settings fromArgs(final String[] args) {
            final Settings d = defaults();
            Path dataDir = d.dataDir;
            int kafka = d.kafkaPort;
            int registry = d.registryPort;
            int intake = d.intakePort;
            int dashboard = d.dashboardPort;
            double rate = d.simulatorRate;
            int orders = d.simulatorOrders;
            int minutes = d.simulatorMinutes;
            int shopApi = d.shopApiPort;
            String webhookUrl = d.shopWebhookUrl;
            int webhookPort = d.shopWebhookPort;
            int cutOffEvery = d.cutOffEveryMinutes;
            for (final String arg : args) {
                final String[] parts = arg.split("=", 2);
                if (parts.length != 2) {
                    throw new IllegalArgumentException("Unknown argument '" + arg + "'; " + USAGE);
                }
                final String value = parts[1];
                switch (parts[0]) {
                    case "--data-dir" -> dataDir = Path.of(value);
                    case "--kafka-port" -> kafka = Integer.parseInt(value);
                    case "--registry-port" -> registry = Integer.parseInt(value);
                    case "--intake-port" -> intake = Integer.parseInt(value);
                    case "--dashboard-port" -> dashboard = Integer.parseInt(value);
                    case "--shop-api-port" -> shopApi = Integer.parseInt(value);
                    case "--shop-webhook-url" -> webhookUrl = URI.create(value).toString();
                    case "--shop-webhook-port" -> webhookPort = Integer.parseInt(value);
                    case "--simulator" -> rate = switch (value) {
                        case "on" -> rate > 0 ? rate : SimulatorSettings.demo().ordersPerMinute();
                        case "off" -> 0;
                        default -> throw new IllegalArgumentException("--simulator takes on or off, not '" + value + "'; " + USAGE);
                    };
                    case "--simulator-rate" -> rate = Double.parseDouble(value);
                    case "--simulator-orders" -> orders = Integer.parseInt(value);
                    case "--simulator-minutes" -> minutes = Integer.parseInt(value);
                    case "--cut-off-every" -> cutOffEvery = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("Unknown option '" + parts[0] + "'; " + USAGE);
                }
            }
            return new Settings(dataDir, kafka, registry, intake, dashboard, rate, orders, minutes, shopApi, webhookUrl, webhookPort,
                    cutOffEvery);
        }
    }

    /** Whether the ops dashboard on the classpath brings its own login (then Spring Boot's web security stays on for it). */
    static boolean dashboardSecuresItself() {
        return ClassUtils.isPresent(DASHBOARD_SECURITY, LocalStack.class.getClassLoader());
    }

    public static LocalStack start(final Settings settings) {
        final StackLock lock = StackLock.acquire(settings.dataDir());
        EmbeddedKafkaBroker broker = null;
        ApicurioRegistryServer registry = null;
        final List<ConfigurableApplicationContext> services = new ArrayList<>();
        ShopSimulator simulator = null;
        ShopWebhookReceivers receivers = null;
        ShopEdge edge = null;
        try {
            OrphanedRegistry.stopIfLeftBehind(settings.dataDir());
            registry = ApicurioRegistryServer.createOwned(settings.registryPort(), settings.dataDir().resolve("registry"),
                    settings.dataDir().resolve("logs").resolve("registry.log"));
            final CompletableFuture<ApicurioRegistryServer> registryStarted = registry.startInBackground();
            broker = EmbeddedKafkaBroker.create(settings.kafkaPort(), settings.dataDir().resolve("kafka"), Map.of()).start();
            try {
                registryStarted.join();
            } catch (final CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
            }
            OrphanedRegistry.remember(settings.dataDir(), registry);
            final ContractDeployer.Result deployment = new ContractDeployer(broker.bootstrapServers(),
                    new CachingSchemaRegistryClient(new ConfluentRegistryHttpClient(registry.confluentApiUrl(), null, Duration.ofSeconds(10))),
                    (short) 1).deployAll();
            final String[] connection = {
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--orderpool.schema-registry.url=" + registry.confluentApiUrl(),
                "--spring.kafka.streams.state-dir=" + settings.dataDir().resolve("state").toAbsolutePath()};
            final Path carrierDrop = settings.dataDir().resolve("carrier-drop").toAbsolutePath();
            final String[] unsecured = with(connection, WITHOUT_WEB_SECURITY);
            // the gateway on a port of its own; shops reach it on the shop-facing host (ShopEdge, intake-port)
            services.add(OrderIntakeApplication.builder().profiles("local").properties(QUIET)
                    .run(with(unsecured, "--server.port=0")));
            services.add(FraudCheckApplication.builder().profiles("local").properties(QUIET).run(unsecured));
            services.add(StockReservationApplication.builder().profiles("local").properties(QUIET).run(unsecured));
            services.add(ShippingSchedulerApplication.builder().profiles("local").properties(QUIET).run(unsecured));
            services.add(CarrierSinkApplication.builder().profiles("local").properties(QUIET)
                    .run(with(unsecured, "--orderpool.carrier-sink.drop-folder=" + carrierDrop)));
            String[] shopSync = with(connection, "--server.port=" + settings.shopApiPort());
            if (settings.shopWebhookUrl() != null) {
                shopSync = with(shopSync, "--SHOP_WEBHOOK_URL=" + settings.shopWebhookUrl());
            } else {
                receivers = ShopWebhookReceivers.start(SimulatedShop.demoShops(), settings.shopWebhookPort());
                for (final SimulatedShop shop : SimulatedShop.demoShops()) {
                    shopSync = with(shopSync, "--orderpool.shop-sync.shops." + shop.shopId() + ".webhook-url="
                            + receivers.endpoint(shop.shopId()));
                }
            }
            services.add(ShopSyncApplication.builder().profiles("local").properties(QUIET).run(shopSync));
            final String[] dashboard = dashboardSecuresItself() ? connection : unsecured;
            services.add(OpsDashboardApplication.builder().profiles("local").properties(QUIET)
                    .run(with(dashboard, "--server.port=" + settings.dashboardPort())));
            DemoData.seed(broker.bootstrapServers(), registry.confluentApiUrl(), settings.cutOffEveryMinutes());
            final String intakeUrl = "http://localhost:" + services.get(0).getEnvironment().getProperty("local.server.port");
            final String shopApiUrl = "http://localhost:"
                    + services.get(services.size() - 2).getEnvironment().getProperty("local.server.port");
            edge = ShopEdge.start(settings.intakePort(), URI.create(intakeUrl), URI.create(shopApiUrl));
            simulator = settings.simulatorRate() <= 0 ? null : new ShopSimulator(SimulatorSettings.demo().limitedTo(settings.simulatorRate(),
                    settings.simulatorOrders(), Duration.ofMinutes(settings.simulatorMinutes())), SimulatedShop.demoShops(),
                    URI.create(edge.url()), broker.bootstrapServers(),
                    new BoundTopics(AvroSerdes.forRegistryUrl(registry.confluentApiUrl(), true), "")).start();
            return new LocalStack(lock, broker, registry, deployment, services, carrierDrop, simulator, receivers, edge);
        } catch (final RuntimeException e) {
            closeQuietly(simulator, edge, reversed(services), receivers, broker, registry, lock);
            throw e;
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return registry.confluentApiUrl();
    }

    public ContractDeployer.Result deployment() {
        return deployment;
    }

    /**
     * The shop-facing host: where a shop sends its orders (order-intake's gateway) and reads them back (shop-sync's
     * shop API) at one address, {@code --intake-port} (8090); see {@link ShopEdge}.
     */
    public String shopFacingUrl() {
        return edge.url();
    }

    /** Base URL of order-intake's webhook gateway itself (shops use {@link #shopFacingUrl()}). */
    public String intakeUrl() {
        return "http://localhost:" + orderIntake.getEnvironment().getProperty("local.server.port");
    }

    /** Where carrier-sink drops each carrier's manifests: {@code <folder>/<carrierId>/<manifestId>.csv|.pdf}. */
    public Path carrierDropFolder() {
        return carrierDropFolder;
    }

    /** Base URL of shop-sync's shop API ({@code /shops/{shopId}/orders/...}, a bearer token per shop). */
    public String shopApiUrl() {
        return "http://localhost:" + services.get(services.size() - 2).getEnvironment().getProperty("local.server.port");
    }

    /** The ops dashboard's address. */
    public String dashboardUrl() {
        return "http://localhost:" + services.get(services.size() - 1).getEnvironment().getProperty("local.server.port");
    }

    /** The shop simulator, when it runs. */
    public java.util.Optional<ShopSimulator> simulator() {
        return java.util.Optional.ofNullable(simulator);
    }

    /** The demo shops' webhook receivers, unless {@code --shop-webhook-url} sends the webhooks elsewhere. */
    public java.util.Optional<ShopWebhookReceivers> shopWebhookReceivers() {
        return java.util.Optional.ofNullable(receivers);
    }

    /**
     * Stops the simulator, then the services (last started first), then the shops' webhook receivers (after saying what
     * they counted), then the broker and the registry the services use.
     */
    @Override
    public void close() {
        if (summaries != null) {
            summaries.shutdownNow();
        }
        closeQuietly(simulator, edge, reversed(services), () -> {
            if (receivers != null) {
                LOG.info("Shops heard back: {}", receivers.summary());
                receivers.close();
            }
        }, broker, registry, lock);
    }

    private static AutoCloseable reversed(final List<ConfigurableApplicationContext> services) {
        return () -> {
            for (int i = services.size() - 1; i >= 0; i--) {
                closeQuietly(services.get(i));
            }
        };
    }

    private static String[] with(final String[] args, final String more) {
        final String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = more;
        return all;
    }

    private static void closeQuietly(final AutoCloseable... resources) {
        for (final AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (final Exception e) {
                System.err.println("While stopping: " + e.getMessage());
            }
        }
    }

    public static void main(final String[] args) throws InterruptedException {
        // The shop simulator and the shop-facing host POST to Tomcat, which closes a connection idle for its 5 s keep-alive
        // timeout; the JDK's client must drop it first, or a POST sent as Tomcat closes it is lost (the client does not
        // retry a POST). Read once, when the first HTTP client is built.
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", "2");
        }
        final Settings settings = Settings.fromArgs(args);
        final long started = System.nanoTime();
        final LocalStack stack;
        try {
            stack = start(settings);
        } catch (final StackLock.AlreadyRunningException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        } catch (final RuntimeException e) {
            System.err.println("The local stack could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the local stack...");
            stack.close();
            System.out.println("Stopped. Data kept in " + settings.dataDir().toAbsolutePath());
            stopped.countDown();
        }, "local-stack-stop"));
        System.out.printf("""

                Order pool local stack is up in %.1f s (data in %s)
                  Kafka broker (KRaft)      %s
                  Schema registry (Apicurio, Confluent-compatible API)
                                            %s
                  Topics created now        %d of %d in the contract; schemas registered: %d
                  shop-facing host          %s: POST /shops/{shopId}/orders (order-intake's
                                            gateway; demo shops: tea-house, ceramics-studio,
                                            bike-corner, book-nook; see README), GET
                                            /shops/{shopId}/orders/{ref} (shop-sync's shop API)
                  fraud-check               running (orders.accepted -> orders.cleared or review)
                  stock-reservation         running (orders.cleared -> orders.reserved); demo stock:
                                            50 units of every catalogue SKU
                  shipping-scheduler        running (orders.reserved -> shipping.parcels, manifests);
                                            demo cut-offs: colis-express every %d min, relais-pro every %d min
                  carrier-sink              manifests as CSV + PDF slip in %s
                  shop-sync                 shop API %s/shops/{shopId}/orders/{ref}
                                            (Authorization: Bearer demo-token-<shopId>); status webhooks
                                            %s
                  shop simulator            %s
                  OPS CONSOLE               %s
                                            %s
                  Press Ctrl-C to stop.
                %n""", (System.nanoTime() - started) / 1e9, settings.dataDir().toAbsolutePath(), stack.bootstrapServers(),
                stack.schemaRegistryUrl(), stack.deployment().createdTopics().size(),
                org.orderpool.contracts.topic.Topics.all().size(), stack.deployment().schemaIds().size(), stack.shopFacingUrl(),
                DemoData.DEMO_CUT_OFF_MINUTES.get("colis-express"), DemoData.DEMO_CUT_OFF_MINUTES.get("relais-pro"),
                stack.carrierDropFolder(), stack.shopApiUrl(), stack.shopWebhookReceivers()
                        .map(r -> "to the demo shops' receivers " + r.baseUrl() + "/shops/<shopId>/webhooks,\n"
                                + "                                            which verify and count them (GET " + r.baseUrl()
                                + "/; a summary logged every minute)")
                        .orElse("to " + settings.shopWebhookUrl() + " (every demo shop)"), settings.simulatorRate() <= 0 ? "off (--simulator=on to start it)"
                        : String.format("%.0f checkouts/min from tea-house (pool JSON), ceramics-studio (Shopify),%n"
                        + "                                            bike-corner (WooCommerce), book-nook (Kafka)%s",
                        settings.simulatorRate(), (settings.simulatorOrders() > 0 ? ", " + settings.simulatorOrders() + " in all" : "")
                                + (settings.simulatorMinutes() > 0 ? ", for " + settings.simulatorMinutes() + " min" : "")),
                stack.dashboardUrl(), DemoLogins.describe());
        stopped.await();
    }
}
