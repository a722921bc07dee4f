package org.orderpool.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka cluster on this machine: {@code n} KRaft nodes, each a child JVM running
 * {@code kafka.Kafka server.properties} on loopback, each acting as broker and controller (as the
 * production compose file runs them: {@code process.roles=broker,controller}, every node a voter of a
 * static quorum). Any node can be killed with SIGKILL and started again on its own, on its log
 * directory or on an empty one (formatted again for the same cluster and node id, so it must fetch
 * the metadata log and re-replicate every partition it hosts).
 *
 * <p>Storage is formatted with the logic of {@code kafka-storage format} (Kafka's {@link Formatter})
 * before a node's first start. Of durability the cluster sets only what Kafka's defaults already say
 * for three nodes (offsets and transaction logs replicated 3 times, {@code transaction.state.log.min.isr}
 * 2), scaled down for a smaller cluster; the caller passes the deployment's broker settings. Closing
 * the cluster kills every node: its data under the cluster directory is throw-away. Each node runs
 * under {@link ChildMain}, so it halts if this JVM dies.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCluster.class);
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String HOST = "127.0.0.1";
    private static final Duration NODE_START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final Map<String, String> brokerSettings;
    private final String clusterId = Uuid.randomUuid().toString();
    private final Map<Integer, KafkaNode> nodes = new TreeMap<>();
    private final Thread shutdownHook = new Thread(this::close, "kafka-cluster-stop");
    private boolean hooked;

    private KafkaCluster(final int size, final Path dir, final Map<String, String> brokerSettings) {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, not " + size);
        }
        this.dir = dir.toAbsolutePath();
        this.brokerSettings = Map.copyOf(brokerSettings);
        IntStream.rangeClosed(1, size).forEach(id -> nodes.put(id, new KafkaNode(id, FreePorts.pick(), FreePorts.pick())));
    }

    /**
     * @param size           how many nodes (3 as in production)
     * @param dir            where the nodes keep their logs, configuration and output, one directory each
     * @param brokerSettings broker settings that win over this class's (for example min.insync.replicas)
     */
    public static KafkaCluster create(final int size, final Path dir, final Map<String, String> brokerSettings) {
        return new KafkaCluster(size, dir, brokerSettings);
    }

    /** Starts every node that does not run, at the same time (a quorum needs a majority to elect a leader). */
    public synchronized KafkaCluster start() {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            hooked = true;
        }
        final long started = System.nanoTime();
        final List<KafkaNode> down = nodes.values().stream().filter(node -> !node.isRunning()).toList();
        down.forEach(KafkaNode::launch);
        down.forEach(node -> node.awaitRegistered(NODE_START_TIMEOUT));
        LOG.info("Kafka cluster of {} KRaft nodes ready on {} in {} ms, data in {}", nodes.size(), bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dir);
        return this;
    }

    /** Every node's client listener, for a client's bootstrap.servers. */
    public String bootstrapServers() {
        return nodes.values().stream().map(node -> HOST + ":" + node.port).collect(Collectors.joining(","));
    }

    /** How a client connects. */
    public Map<String, Object> clientSettings() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    public Set<Integer> nodeIds() {
        return Set.copyOf(nodes.keySet());
    }

    public synchronized boolean isRunning(final int nodeId) {
        return node(nodeId).isRunning();
    }

    /** The node's process id while it runs. */
    public synchronized Optional<Long> pid(final int nodeId) {
        return node(nodeId).pid();
    }

    /** SIGKILL: no controlled shutdown, no flush; returns once the process is gone. */
    public synchronized void kill(final int nodeId) {
        node(nodeId).kill();
    }

    /** Starts one node again (on its log directory as it is) and waits until the cluster has it registered. */
    public synchronized void start(final int nodeId) {
        final KafkaNode node = node(nodeId);
        if (!node.isRunning()) {
            node.launch();
            node.awaitRegistered(NODE_START_TIMEOUT);
        }
    }

    /**
     * Deletes a stopped node's log directory (its partitions and its copy of the metadata log) and
     * formats it again for the same cluster and node id, as a replacement disk would be: on its next
     * start the node fetches everything from the others.
     */
    public synchronized void wipe(final int nodeId) {
        node(nodeId).wipe();
    }

    /**
     * Waits until every replica of every partition, internal topics included, is in sync and every
     * partition has a leader.
     *
     * @return how long that took
     */
    public Duration awaitFullIsr(final Duration timeout) {
        final long started = System.nanoTime();
        final long deadline = started + timeout.toNanos();
        String lagging = "(not asked yet)";
        try (Admin admin = Admin.create(clientSettings())) {
            while (System.nanoTime() < deadline) {
                try {
                    final Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                            .get(10, TimeUnit.SECONDS);
                    final Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames()
                            .get(10, TimeUnit.SECONDS);
                    final List<String> notInSync = notInSync(topics);
                    if (notInSync.isEmpty()) {
                        return Duration.ofNanos(System.nanoTime() - started);
                    }
                    lagging = notInSync.size() + " partitions, for example " + notInSync.subList(0, Math.min(5, notInSync.size()));
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the ISR", e);
                } catch (final Exception notYet) {
                    lagging = "the cluster did not answer: " + notYet.getMessage();
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
            }
        }
        throw new IllegalStateException("the in-sync replicas were not complete within " + timeout.toSeconds() + " s: "
                + lagging);
    }

    /** Partitions without a leader or with a replica out of sync, as {@code topic-partition leader isr/replicas}. */
    static List<String> notInSync(final Map<String, TopicDescription> topics) {
        final List<String> notInSync = new ArrayList<>();
        topics.values().forEach(topic -> topic.partitions().forEach(partition -> {
            final boolean leaderless = partition.leader() == null || partition.leader().isEmpty();
            if (leaderless || partition.isr().size() < partition.replicas().size()) {
                notInSync.add(topic.name() + "-" + partition.partition() + " leader " + describe(partition));
            }
        }));
        return notInSync;
    }

    private static String describe(final TopicPartitionInfo partition) {
        return (partition.leader() == null ? "none" : partition.leader().idString()) + " isr "
                + partition.isr().stream().map(Node::idString).collect(Collectors.joining(",")) + " of "
                + partition.replicas().stream().map(Node::idString).collect(Collectors.joining(","));
    }

    /** Kills every node (the cluster's data is throw-away) and returns once all are gone. */
    @Override
    public synchronized void close() {
        nodes.values().forEach(KafkaNode::signalKill);
        nodes.values().forEach(KafkaNode::kill);
        if (hooked && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (final IllegalStateException shuttingDown) {
                // the hook runs already
            }
            hooked = false;
        }
    }

    private KafkaNode node(final int nodeId) {
        final KafkaNode node = nodes.get(nodeId);
        if (node == null) {
            throw new IllegalArgumentException("no node " + nodeId + " in this cluster; its nodes are " + nodes.keySet());
        }
        return node;
    }

    private String quorumVoters() {
        return nodes.values().stream().map(node -> node.id + "@" + HOST + ":" + node.controllerPort).collect(Collectors.joining(","));
    }

    /** One node: its ports (kept across restarts), its log directory, its process. */
    private final class KafkaNode {

        private final int id;
        private final int port;
        private final int controllerPort;
        private final Path home;
        private final Path logDir;
        private Process process;
        private int launches;

        private KafkaNode(final int id, final int port, final int controllerPort) {
            this.id = id;
            this.port = port;
            this.controllerPort = controllerPort;
            this.home = dir.resolve("node-" + id);
            this.logDir = home.resolve("data");
        }

        boolean isRunning() {
            return process != null && process.isAlive();
        }

        Optional<Long> pid() {
            return isRunning() ? Optional.of(process.pid()) : Optional.empty();
        }

        void launch() {
            for (final int taken : List.of(port, controllerPort)) {
                if (FreePorts.isTaken(taken)) {
                    throw new IllegalStateException("Cannot start Kafka node " + id + ": port " + taken
                            + " is in use by another process");
                }
            }
            try {
                Files.createDirectories(home);
                formatIfNew();
                final Path config = home.resolve("server.properties");
                try (OutputStream out = Files.newOutputStream(config)) {
                    properties().store(out, "Kafka node " + id + " of " + nodes.size());
                }
                final Path logback = home.resolve("logback.xml");
                Files.writeString(logback, LOGBACK, StandardCharsets.UTF_8);
                final List<String> command = new ArrayList<>(List.of(ClassPath.java(), "-Xms64m", "-Xmx448m", "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Djava.awt.headless=true",
                        "-Dlogback.configurationFile=" + logback, "-cp", ClassPath.current()));
                command.addAll(List.of(ChildMain.command("kafka.Kafka")));
                command.add(config.toString());
                final Path output = home.resolve("kafka-" + (++launches) + ".log");
                process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            } catch (final IOException e) {
                throw new UncheckedIOException("Cannot start Kafka node " + id + " in " + home, e);
            }
        }

        void awaitRegistered(final Duration timeout) {
            final long deadline = System.nanoTime() + timeout.toNanos();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + port,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000))) {
                while (System.nanoTime() < deadline) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("Kafka node " + id + " exited with code " + process.exitValue()
                                + " while starting. Last lines of its output:\n" + tail(home.resolve("kafka-" + launches + ".log")));
                    }
                    try {
                        if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream().anyMatch(node -> node.id() == id)) {
                            return;
                        }
                    } catch (final InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while starting Kafka node " + id, e);
                    } catch (final Exception notYet) {
                        // still starting
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                }
            }
            throw new IllegalStateException("Kafka node " + id + " did not join the cluster within " + timeout.toSeconds()
                    + " s. Last lines of its output:\n" + tail(home.resolve("kafka-" + launches + ".log")));
        }

        void signalKill() {
            if (process != null) {
                process.destroyForcibly();
            }
        }

        void kill() {
            if (process == null) {
                return;
            }
            process.destroyForcibly();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("Kafka node " + id + " (pid " + process.pid()
                            + ") survived SIGKILL for 30 s");
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }

        void wipe() {
            if (isRunning()) {
                throw new IllegalStateException("Kafka node " + id + " is running: kill it before wiping its log directory");
            }
            if (Files.exists(logDir)) {
                try (Stream<Path> files = Files.walk(logDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (final IOException e) {
                    throw new UncheckedIOException("cannot wipe " + logDir, e);
                }
            }
            formatIfNew();
        }

        private void formatIfNew() {
            KraftStorage.formatIfNew(logDir, clusterId, id, CONTROLLER_LISTENER, List.of(), "Kafka node " + id);
        }

        private Properties properties() {
            final Map<String, String> settings = new LinkedHashMap<>();
            settings.put("process.roles", "broker,controller");
            settings.put("node.id", Integer.toString(id));
            settings.put("controller.quorum.voters", quorumVoters());
            settings.put("listeners", "PLAINTEXT://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                    + controllerPort);
            settings.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
            settings.put("controller.listener.names", CONTROLLER_LISTENER);
            settings.put("inter.broker.listener.name", "PLAINTEXT");
            settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
            settings.put("log.dirs", logDir.toString());
            settings.put("auto.create.topics.enable", "false");
            settings.put("offsets.topic.replication.factor", Integer.toString(Math.min(3, nodes.size())));
            settings.put("transaction.state.log.replication.factor", Integer.toString(Math.min(3, nodes.size())));
            settings.put("transaction.state.log.min.isr", Integer.toString(Math.min(2, nodes.size())));
            // fewer internal partitions than Kafka's 50 each: a 2-core machine runs three brokers
            settings.put("offsets.topic.num.partitions", "6");
            settings.put("transaction.state.log.num.partitions", "6");
            settings.put("share.coordinator.state.topic.replication.factor", Integer.toString(Math.min(3, nodes.size())));
            settings.put("share.coordinator.state.topic.min.isr", Integer.toString(Math.min(2, nodes.size())));
            settings.put("group.initial.rebalance.delay.ms", "0");
            settings.put("num.network.threads", "2");
            settings.put("num.io.threads", "2");
            settings.put("background.threads", "2");
            settings.put("num.replica.fetchers", "1");
            settings.put("log.cleaner.threads", "1");
            settings.putAll(brokerSettings);
            final Properties properties = new Properties();
            properties.putAll(settings);
            return properties;
        }
    }

    private static final String LOGBACK = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <logger name="kafka" level="INFO"/>
              <logger name="org.apache.kafka" level="INFO"/>
              <logger name="kafka.log" level="WARN"/>
              <logger name="org.apache.kafka.storage" level="WARN"/>
              <logger name="state.change.logger" level="WARN"/>
              <logger name="kafka.server.KafkaConfig" level="WARN"/>
              <logger name="org.apache.kafka.common.config" level="WARN"/>
              <root level="WARN"><appender-ref ref="OUT"/></root>
            </configuration>
            """;

    private static String tail(final Path file) {
        try {
            final List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (final IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** Starts the nodes' JVMs on other threads; used by callers that start other things meanwhile. */
    public CompletableFuture<KafkaCluster> startInBackground() {
        return CompletableFuture.supplyAsync(this::start, runnable -> new Thread(runnable, "kafka-cluster-start").start());
    }
}
