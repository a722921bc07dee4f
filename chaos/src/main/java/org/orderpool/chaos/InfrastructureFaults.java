package org.orderpool.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.orderpool.infra.ApicurioRegistryServer;
import org.orderpool.infra.KafkaCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The faults of the infrastructure under a chaos run, each on a thread of its own beside the
 * service kills: a random broker among those leading partitions killed with SIGKILL and restarted
 * once the others took over its partitions (once per run on an empty log directory, which must fetch
 * everything again; the next kill waits until every ISR is full), the schema registry killed for 30-60 s (a service is restarted
 * meanwhile, so it starts with no cached schema against a registry that is not there), and a service
 * frozen with SIGSTOP past its session timeout and the transaction timeout, then woken with SIGCONT:
 * the zombie must be fenced, nothing it writes after waking may become visible.
 */
final class InfrastructureFaults {

    private static final Logger LOG = LoggerFactory.getLogger(InfrastructureFaults.class);
    private static final Duration ISR_TIMEOUT = Duration.ofMinutes(3);
    /** What a woken zombie's log says when Kafka fenced it (or it found its group moved on without it). */
    private static final Pattern FENCED = Pattern.compile("being fenced|ProducerFenced|InvalidProducerEpoch|TaskMigrated"
            + "|CommitFailed|bump the epoch");
    /** Failing that, what says its group had moved on without it. */
    private static final Pattern LEFT_BEHIND = Pattern.compile("UNKNOWN_MEMBER_ID|ILLEGAL_GENERATION|UnknownMemberId"
            + "|IllegalGeneration|is not valid|Lost previously assigned");
    /** What a stream thread logs (at INFO, see {@link #ZOMBIE_LOGGING}) once it has its tasks and processes them. */
    private static final String RUNNING = "to RUNNING";
    /** How long a woken zombie is left alone (no SIGKILL) to find out it was fenced, and say so. */
    private static final Duration AFTER_WAKING = Duration.ofSeconds(10);
    /**
     * What the services log in this run beyond their own configuration (Kafka at WARN): how a member
     * finds out it left the group and how its producer is fenced, the evidence a zombie leaves.
     */
    static final List<String> ZOMBIE_LOGGING = List.of(
            "--logging.level.org.apache.kafka.clients.consumer.internals.AbstractCoordinator=INFO",
            "--logging.level.org.apache.kafka.clients.consumer.internals.ConsumerCoordinator=INFO",
            "--logging.level.org.apache.kafka.clients.producer.internals.TransactionManager=INFO",
            "--logging.level.org.apache.kafka.streams.processor.internals.StreamThread=INFO");

    /**
     * How much of each fault a run gets. {@code pause} is how long a paused service stays frozen. With
     * {@code overlapping} (the short run) every track starts its faults within the first half of the load,
     * so they overlap each other and end well before the load does; otherwise they are spread over it.
     */
    record Plan(int brokerKills, boolean emptyDisk, int registryOutages, Duration minRegistryDown, Duration maxRegistryDown,
                int pauses, Duration pause, boolean overlapping) {

        static final Plan NONE = new Plan(0, false, 0, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO, false);

        boolean isOn() {
            return brokerKills > 0 || registryOutages > 0 || pauses > 0;
        }
    }

    /** What a pause's zombie said once woken. */
    record Fencing(String service, String evidence) {
    }

    private final KafkaCluster cluster;
    private final ApicurioRegistryServer registry;
    private final Plan plan;
    private final Random random;
    private final FaultLog faults;
    private final List<Thread> tracks = new ArrayList<>();
    private final List<Fencing> fencings = new ArrayList<>();
    private final List<String> trackFailures = new CopyOnWriteArrayList<>();
    /** How long the registry took to answer after its last start (its first, then each restart's). */
    private Duration registryStartTime;

    /** @param registryStartTime how long the registry took to answer after its first start */
    InfrastructureFaults(final KafkaCluster cluster, final ApicurioRegistryServer registry, final Plan plan, final long seed,
                         final FaultLog faults, final Duration registryStartTime) {
        this.registryStartTime = registryStartTime;
        this.cluster = cluster;
        this.registry = registry;
        this.plan = plan;
        this.random = new Random(seed * 31 + 19);
        this.faults = faults;
    }

    Plan plan() {
        return plan;
    }

    FaultLog faults() {
        return faults;
    }

    KafkaCluster cluster() {
        return cluster;
    }

    /**
     * Starts the three tracks, spread over {@code load} (how long the shops send orders), or its first half.
     *
     */
    void start(final Duration load, final List<ServiceProcess> services) {
        final Duration window = plan.overlapping() ? load.dividedBy(2) : load;
        track("chaos-brokers", () -> killBrokers(window));
        track("chaos-registry", () -> stopRegistry(window, services));
        track("chaos-pauses", () -> pauseServices(window, services));
    }

    /** Waits for every track, then makes sure every broker and the registry run again. */
    void finish() {
        tracks.forEach(InfrastructureFaults::joinQuietly);
        cluster.nodeIds().stream().filter(id -> !cluster.isRunning(id)).forEach(cluster::start);
        if (!registry.isRunning()) {
            registry.start();
        }
        cluster.awaitFullIsr(ISR_TIMEOUT);
    }

    private void killBrokers(final Duration window) {
        final List<Integer> nodes = new ArrayList<>(cluster.nodeIds());
        final int emptyDiskAt = plan.emptyDisk() && plan.brokerKills() > 0 ? random.nextInt(plan.brokerKills()) : -1;
        final long slot = window.toMillis() / Math.max(1, plan.brokerKills());
        for (int kill = 0; kill < plan.brokerKills(); kill++) {
            pause(Duration.ofMillis(plan.overlapping() ? slot / 8 + (long) (random.nextDouble() * slot / 4)
                    : slot / 4 + (long) (random.nextDouble() * slot / 2)));
            // a broker that leads nothing (a restarted one, until the preferred leaders are elected again) moves no leader
            final Map<Integer, Integer> leaders = partitionLeaders();
            final List<Integer> leading = nodes.stream().filter(id -> leaders.getOrDefault(id, 0) > 0).toList();
            final List<Integer> candidates = leading.isEmpty() ? nodes : leading;
            final int node = candidates.get(random.nextInt(candidates.size()));
            final int led = leaders.getOrDefault(node, 0);
            final long started = System.nanoTime();
            cluster.kill(node);
            final boolean wiped = kill == emptyDiskAt;
            if (wiped) {
                cluster.wipe(node);
            }
            pause(Duration.ofMillis(3_000 + random.nextInt(plan.overlapping() ? 2_000 : 5_000)));
            final long relaunched = System.nanoTime();
            cluster.start(node);
            final long rejoined = System.nanoTime();
            final Duration isr = cluster.awaitFullIsr(ISR_TIMEOUT);
            final long over = System.nanoTime();
            faults.add(wiped ? FaultLog.Kind.BROKER_EMPTY_DISK : FaultLog.Kind.BROKER_KILL, "node " + node, started, over,
                    String.format(Locale.ROOT, "led %d partitions; down %.1f s; rejoined %.1f s after its restart, every ISR full"
                                    + " again %.1f s after it%s", led, seconds(relaunched - started), seconds(rejoined - relaunched),
                            seconds(over - relaunched), wiped ? " (all its replicas fetched again from the others)" : ""));
            LOG.info("Broker node {} killed{} and back; ISR full after {} ms", node, wiped ? " (empty disk)" : "", isr.toMillis());
        }
    }

    private void stopRegistry(final Duration window, final List<ServiceProcess> services) {
        final long slot = window.toMillis() / Math.max(1, plan.registryOutages());
        for (int outage = 0; outage < plan.registryOutages(); outage++) {
            pause(Duration.ofMillis(slot / 5 + (long) (random.nextDouble() * slot / 4)));
            final Duration down = plan.minRegistryDown().plusMillis(
                    (long) (random.nextDouble() * plan.maxRegistryDown().minus(plan.minRegistryDown()).toMillis()));
            final long started = System.nanoTime();
            registry.kill();
            LOG.info("Schema registry killed for {} s", down.toSeconds());
            pause(Duration.ofSeconds(3));
            // a service that starts now has no schema cached and a registry that does not answer
            final ServiceProcess cold = services.get(random.nextInt(services.size()));
            cold.faultLock().lock();
            final long coldKilled = System.nanoTime();
            try {
                cold.kill();
                cold.start();
            } finally {
                cold.faultLock().unlock();
            }
            faults.add(FaultLog.Kind.SERVICE_KILL, cold.name(), coldKilled, System.nanoTime(),
                    "restarted while the registry was down");
            // started again so that it answers about `down` after the kill: its start takes seconds of its own
            pause(down.minus(registryStartTime).minus(Duration.ofNanos(System.nanoTime() - started)));
            registry.start();
            final Duration startTook = Duration.ofNanos(System.nanoTime() - started).minus(down).plus(registryStartTime);
            registryStartTime = startTook.isNegative() ? Duration.ZERO : startTook;
            final long over = System.nanoTime();
            faults.add(FaultLog.Kind.REGISTRY_OUTAGE, "Apicurio Registry", started, over,
                    String.format(Locale.ROOT, "killed, started again after %d s, answering %.1f s after the kill;"
                            + " %s restarted meanwhile", down.toSeconds(), seconds(over - started), cold.name()));
        }
    }

    private void pauseServices(final Duration window, final List<ServiceProcess> services) {
        final long slot = window.toMillis() / Math.max(1, plan.pauses());
        for (int pause = 0; pause < plan.pauses(); pause++) {
            pause(Duration.ofMillis(plan.overlapping() ? slot / 5 + (long) (random.nextDouble() * slot / 5)
                    : slot / 2 + (long) (random.nextDouble() * slot / 3)));
            final ServiceProcess victim = services.get(random.nextInt(services.size()));
            victim.faultLock().lock();
            long started = System.nanoTime();
            try {
                // a zombie is a member that had partitions: freeze it only once it processes them
                for (int attempt = 0; attempt < 3 && !(victim.isAlive() && victim.hasLogged(RUNNING)); attempt++) {
                    if (!victim.isAlive()) {
                        victim.start();
                    }
                    awaitRunning(victim);
                }
                pause(Duration.ofMillis(1_000 + random.nextInt(3_000)));
                started = System.nanoTime();
                victim.pause();
                pause(plan.pause());
                final Path log = victim.currentLog();
                final long resumedAt = size(log);
                victim.resume();
                pause(AFTER_WAKING);
                synchronized (fencings) {
                    fencings.add(new Fencing(victim.name(), firstFencingLine(log, resumedAt, size(log))));
                }
            } finally {
                victim.faultLock().unlock();
            }
            faults.add(FaultLog.Kind.SERVICE_PAUSE, victim.name(), started, started + plan.pause().toNanos(),
                    "frozen " + plan.pause().toSeconds() + " s (session timeout 6 s, transaction timeout 10 s), then left"
                            + " alone " + AFTER_WAKING.toSeconds() + " s");
        }
    }

    /** Faults the run meant to cause and could not (a broker that did not come back, a registry that did not start). */
    List<String> trackFailures() {
        return List.copyOf(trackFailures);
    }

    /** For each pause, the first line the woken zombie logged within {@link #AFTER_WAKING} that shows Kafka fenced it. */
    List<Fencing> fencings() {
        synchronized (fencings) {
            return List.copyOf(fencings);
        }
    }

    /** Replication and min.insync.replicas of a contract topic and of a Kafka Streams changelog, as the cluster has them. */
    Map<String, String> durabilityOf(final String prefix) {
        final Map<String, String> found = new LinkedHashMap<>();
        try (Admin admin = Admin.create(cluster.clientSettings())) {
            final Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(30, TimeUnit.SECONDS);
            final List<String> sample = new ArrayList<>();
            names.stream().filter(n -> n.equals(prefix + "orders.status")).forEach(sample::add);
            names.stream().filter(n -> n.startsWith(prefix) && n.endsWith("-changelog")).sorted().limit(1).forEach(sample::add);
            names.stream().filter(n -> n.equals("__transaction_state")).forEach(sample::add);
            final Map<String, TopicDescription> topics = admin.describeTopics(sample).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            final Map<ConfigResource, Config> configs = admin.describeConfigs(sample.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).all().get(30, TimeUnit.SECONDS);
            for (final String name : sample) {
                final String minIsr = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name))
                        .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value();
                found.put(name, "replication " + topics.get(name).partitions().get(0).replicas().size()
                        + ", min.insync.replicas " + minIsr);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final Exception e) {
            found.put("(cannot describe the topics)", e.getMessage());
        }
        return found;
    }

    /** How many partitions (internal topics included) each node leads. */
    private Map<Integer, Integer> partitionLeaders() {
        final Map<Integer, Integer> leaders = new LinkedHashMap<>();
        try (Admin admin = Admin.create(cluster.clientSettings())) {
            final Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(10, TimeUnit.SECONDS);
            admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                    .flatMap(topic -> topic.partitions().stream()).filter(partition -> partition.leader() != null)
                    .forEach(partition -> leaders.merge(partition.leader().id(), 1, Integer::sum));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final Exception e) {
            LOG.warn("Cannot tell which broker leads what ({}); picking among all", e.getMessage());
        }
        return leaders;
    }

    private static String firstFencingLine(final Path log, final long from, final long to) {
        try {
            final byte[] bytes = Files.readAllBytes(log);
            final int start = (int) Math.min(from, bytes.length);
            final String after = new String(bytes, start, (int) Math.max(0, Math.min(to, bytes.length) - start),
                    StandardCharsets.ISO_8859_1);
            return after.lines().filter(line -> FENCED.matcher(line).find()).findFirst()
                    .or(() -> after.lines().filter(line -> LEFT_BEHIND.matcher(line).find()).findFirst())
                    .map(line -> line.replaceAll("\\S+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-", ""))
                    .map(line -> line.length() > 300 ? line.substring(0, 300) + "..." : line)
                    .orElse("(no line about fencing or a rebalance after waking)");
        } catch (final IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static long size(final Path log) {
        try {
            return Files.size(log);
        } catch (final IOException e) {
            return 0;
        }
    }

    private static void awaitRunning(final ServiceProcess service) {
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!service.hasLogged(RUNNING) && service.isAlive() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        }
    }

    private void track(final String name, final Runnable faults) {
        final Thread thread = new Thread(() -> {
            try {
                faults.run();
            } catch (final RuntimeException e) {
                LOG.error("The {} track failed", name, e);
                trackFailures.add(name + ": " + e);
            }
        }, name);
        tracks.add(thread);
        thread.start();
    }

    private static void pause(final Duration duration) {
        if (!duration.isNegative()) {
            LockSupport.parkNanos(duration.toNanos());
        }
    }

    private static double seconds(final long nanos) {
        return nanos / 1e9;
    }

    private static void joinQuietly(final Thread thread) {
        try {
            thread.join(TimeUnit.MINUTES.toMillis(10));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
