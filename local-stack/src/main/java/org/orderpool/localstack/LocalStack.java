package org.orderpool.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.orderpool.contracts.deploy.ContractDeployer;
import org.orderpool.infra.ApicurioRegistryServer;
import org.orderpool.infra.EmbeddedKafkaBroker;
import org.orderpool.intake.OrderIntakeApplication;
import org.orderpool.serde.CachingSchemaRegistryClient;
import org.orderpool.fraud.FraudCheckApplication;
import org.orderpool.serde.ConfluentRegistryHttpClient;
import org.orderpool.stock.StockReservationApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded default: a real Kafka broker (KRaft) and Apicurio Registry on this machine, with the
 * contract's topics created and schemas registered, demo stock, and the services (order-intake,
 * fraud-check and stock-reservation so far) running
 * in this JVM with their local profile; all data under one directory so that a restart resumes where
 * it stopped. The other services, shop simulator, carrier sink and dashboard join as their issues land.
 */
public final class LocalStack implements AutoCloseable {

    private final StackLock lock;
    private final EmbeddedKafkaBroker broker;
    private final ApicurioRegistryServer registry;
    private final ContractDeployer.Result deployment;
    private final ConfigurableApplicationContext orderIntake;
    private final ConfigurableApplicationContext fraudCheck;
    private final ConfigurableApplicationContext stockReservation;

    private LocalStack(final StackLock lock, final EmbeddedKafkaBroker broker, final ApicurioRegistryServer registry,
                       final ContractDeployer.Result deployment, final ConfigurableApplicationContext orderIntake,
                       final ConfigurableApplicationContext fraudCheck, final ConfigurableApplicationContext stockReservation) {
        this.lock = lock;
        this.broker = broker;
        this.registry = registry;
        this.deployment = deployment;
        this.orderIntake = orderIntake;
        this.fraudCheck = fraudCheck;
        this.stockReservation = stockReservation;
    }

    private static final String[] QUIET = {"spring.main.banner-mode=off", "spring.main.log-startup-info=false"};
    private static final String USAGE = "use --data-dir=DIR, --kafka-port=N, --registry-port=N, --intake-port=N";

    /** Where and how the stack runs. */
    public record Settings(Path dataDir, int kafkaPort, int registryPort, int intakePort) {

        public static Settings defaults() {
            return new Settings(Path.of(".local-stack"), 9092, 8081, 8090);
        }

        static Settings fromArgs(final String[] args) {
            Settings settings = defaults();
            for (final String arg : args) {
                final String[] parts = arg.split("=", 2);
                if (parts.length != 2) {
                    throw new IllegalArgumentException("Unknown argument '" + arg + "'; " + USAGE);
                }
                settings = switch (parts[0]) {
                    case "--data-dir" -> new Settings(Path.of(parts[1]), settings.kafkaPort(), settings.registryPort(), settings.intakePort());
                    case "--kafka-port" -> new Settings(settings.dataDir(), Integer.parseInt(parts[1]), settings.registryPort(), settings.intakePort());
                    case "--registry-port" -> new Settings(settings.dataDir(), settings.kafkaPort(), Integer.parseInt(parts[1]), settings.intakePort());
                    case "--intake-port" -> new Settings(settings.dataDir(), settings.kafkaPort(), settings.registryPort(), Integer.parseInt(parts[1]));
                    default -> throw new IllegalArgumentException("Unknown option '" + parts[0] + "'; " + USAGE);
                };
            }
            return settings;
        }
    }

    public static LocalStack start(final Settings settings) {
        final StackLock lock = StackLock.acquire(settings.dataDir());
        EmbeddedKafkaBroker broker = null;
        ApicurioRegistryServer registry = null;
        ConfigurableApplicationContext orderIntake = null;
        ConfigurableApplicationContext fraudCheck = null;
        ConfigurableApplicationContext stockReservation = null;
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
            orderIntake = OrderIntakeApplication.builder().profiles("local").properties(QUIET)
                    .run(with(connection, "--server.port=" + settings.intakePort()));
            fraudCheck = FraudCheckApplication.builder().profiles("local").properties(QUIET).run(connection);
            stockReservation = StockReservationApplication.builder().profiles("local").properties(QUIET).run(connection);
            DemoData.seed(broker.bootstrapServers(), registry.confluentApiUrl());
            return new LocalStack(lock, broker, registry, deployment, orderIntake, fraudCheck, stockReservation);
        } catch (final RuntimeException e) {
            closeQuietly(stockReservation, fraudCheck, orderIntake, broker, registry, lock);
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

    /** Base URL of order-intake's webhook gateway. */
    public String intakeUrl() {
        return "http://localhost:" + orderIntake.getEnvironment().getProperty("local.server.port");
    }

    /** Stops the services first, then the broker and the registry they use. */
    @Override
    public void close() {
        closeQuietly(stockReservation, fraudCheck, orderIntake, broker, registry, lock);
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
                  order-intake gateway      %s/shops/{shopId}/orders (demo shops: tea-house,
                                            ceramics-studio, bike-corner, book-nook; see README)
                  fraud-check               running (orders.accepted -> orders.cleared or review)
                  stock-reservation         running (orders.cleared -> orders.reserved); demo stock:
                                            50 units of every catalogue SKU
                  Carrier calendars         colis-express, relais-pro (shipping.carrier-calendars)
                  Not yet part of the stack: shipping-scheduler, shop simulator, carrier sink and
                  ops dashboard (they join as their issues land).
                  Press Ctrl-C to stop.
                %n""", (System.nanoTime() - started) / 1e9, settings.dataDir().toAbsolutePath(), stack.bootstrapServers(),
                stack.schemaRegistryUrl(), stack.deployment().createdTopics().size(),
                org.orderpool.contracts.topic.Topics.all().size(), stack.deployment().schemaIds().size(), stack.intakeUrl());
        stopped.await();
    }
}
