package org.orderpool.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in KRaft mode (one node acting as broker and controller) running inside
 * this JVM. The log directory is formatted on first start and reused afterwards, so a broker given a
 * persistent directory resumes where it stopped. Automatic topic creation is off: the pipeline creates
 * its topics explicitly, with the settings of the topic catalogue.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    /** The super user of a secured broker. */
    public static final String ADMIN = "admin";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String SCRAM = "SCRAM-SHA-512";

    private final int port;
    private final int controllerPort;
    private final Path logDir;
    private final Map<String, String> overrides;
    /** The super user's password when the broker runs secured (SASL and ACLs), or null for plaintext. */
    private final String adminPassword;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(final int port, final int controllerPort, final Path logDir, final Map<String, String> overrides,
                                final String adminPassword) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.logDir = logDir;
        this.overrides = overrides;
        this.adminPassword = adminPassword;
    }

    /**
     * @param port      client port, or 0 for a free one
     * @param logDir    where the broker keeps its data; reused when it already holds a formatted log
     * @param overrides broker settings that win over the defaults of this class
     */
    public static EmbeddedKafkaBroker create(final int port, final Path logDir, final Map<String, String> overrides) {
        return new EmbeddedKafkaBroker(port == 0 ? FreePorts.pick() : port, FreePorts.pick(), logDir, overrides, null);
    }

    /**
     * A broker secured as the production compose profile runs one: clients authenticate with
     * SASL/SCRAM-SHA-512, the controller listener with SASL/PLAIN, and the {@code StandardAuthorizer}
     * denies whatever no ACL allows. {@value #ADMIN} is the only super user; its SCRAM credential is
     * written when the log directory is formatted, so it can create the other users and the ACLs.
     */
    public static EmbeddedKafkaBroker createSecured(final int port, final Path logDir, final String adminPassword) {
        return new EmbeddedKafkaBroker(port == 0 ? FreePorts.pick() : port, FreePorts.pick(), logDir, Map.of(), adminPassword);
    }

    /** Client settings to reach this broker, as the super user when it is secured. */
    public Map<String, Object> adminClientSettings() {
        final Map<String, Object> settings = new HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
        if (adminPassword != null) {
            settings.put("security.protocol", "SASL_PLAINTEXT");
            settings.put("sasl.mechanism", SCRAM);
            settings.put("sasl.jaas.config", jaas("org.apache.kafka.common.security.scram.ScramLoginModule", ""));
        }
        return settings;
    }

    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            return this;
        }
        if (FreePorts.isTaken(port)) {
            throw new IllegalStateException("Cannot start the Kafka broker: port " + port
                    + " is already in use (is another broker or another instance of the stack running?)");
        }
        final long started = System.nanoTime();
        final KafkaConfig config = new KafkaConfig(brokerProperties(), false);
        formatIfNew();
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        awaitReady(Duration.ofSeconds(60));
        LOG.info("Kafka broker (KRaft) ready on {} in {} ms, data in {}", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), logDir);
        return this;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    private Properties brokerProperties() {
        final Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        props.put("listeners", "PLAINTEXT://localhost:" + port + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("auto.create.topics.enable", "false");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "6");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "6");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        if (adminPassword != null) {
            props.put("listeners", "SASL_PLAINTEXT://localhost:" + port + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort);
            props.put("advertised.listeners", "SASL_PLAINTEXT://localhost:" + port);
            props.put("inter.broker.listener.name", "SASL_PLAINTEXT");
            props.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
            props.put("sasl.enabled.mechanisms", SCRAM);
            props.put("sasl.mechanism.inter.broker.protocol", SCRAM);
            props.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                    jaas("org.apache.kafka.common.security.scram.ScramLoginModule", ""));
            props.put("sasl.mechanism.controller.protocol", "PLAIN");
            props.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
            props.put("listener.name.controller.plain.sasl.jaas.config", jaas("org.apache.kafka.common.security.plain.PlainLoginModule",
                    " user_" + ADMIN + "=\"" + adminPassword + "\""));
            props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            props.put("super.users", "User:" + ADMIN);
        }
        props.putAll(overrides);
        return props;
    }

    private String jaas(final String loginModule, final String more) {
        return loginModule + " required username=\"" + ADMIN + "\" password=\"" + adminPassword + "\"" + more + ";";
    }

    private void formatIfNew() {
        KraftStorage.formatIfNew(logDir, Uuid.randomUuid().toString(), 1, CONTROLLER_LISTENER, adminPassword == null ? List.of()
                : List.of(SCRAM + "=[name=" + ADMIN + ",password=" + adminPassword + "]"), "the Kafka broker");
    }

    private void awaitReady(final Duration timeout) {
        final Map<String, Object> adminConfig = adminClientSettings();
        final long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(adminConfig)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                } catch (final Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " did not become ready within "
                                + timeout.toSeconds() + " s", notYet);
                    }
                }
            }
        }
    }
}
