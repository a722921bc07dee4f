package org.orderpool.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A service's Spring Boot application running, with its local profile, against the test platform: on
 * the test's own topics (every topic of the catalogue, under a name prefix), with its own application
 * id and a state directory of this JVM, plus a {@link KafkaTestClient} to talk to it.
 */
public final class ServiceUnderTest implements AutoCloseable {

    private final Supplier<SpringApplicationBuilder> application;
    private final KafkaPlatform platform;
    private final String prefix;
    private final String serviceName;
    private final String[] moreArgs;
    private final KafkaTestClient kafka;
    private ConfigurableApplicationContext context;

    private ServiceUnderTest(final Supplier<SpringApplicationBuilder> application, final KafkaPlatform platform, final String prefix,
                             final String serviceName, final String[] moreArgs) {
        this.application = application;
        this.platform = platform;
        this.prefix = prefix;
        this.serviceName = serviceName;
        this.moreArgs = moreArgs;
        this.kafka = new KafkaTestClient(platform);
    }

    /**
     * Creates the prefixed topics and starts the service on them.
     *
     * @param application makes the service's application builder (a builder runs once, and a restart needs another)
     */
    public static ServiceUnderTest start(final Supplier<SpringApplicationBuilder> application, final KafkaPlatform platform, final String prefix,
                                         final String serviceName, final String... moreArgs) {
        final ServiceUnderTest service = new ServiceUnderTest(application, platform, prefix, serviceName, moreArgs);
        service.kafka.createTopics(Topics.all().stream().<Topic<?, ?>>map(t -> t.withNamePrefix(prefix)).toList());
        service.run("state");
        return service;
    }

    /** Starts the service on topics deployed beforehand (by the contract deployer, say), with its own login if the broker is secured. */
    public static ServiceUnderTest startOnDeployedTopics(final Supplier<SpringApplicationBuilder> application, final KafkaPlatform platform,
                                                         final String prefix, final String serviceName, final String... moreArgs) {
        final ServiceUnderTest service = new ServiceUnderTest(application, platform, prefix, serviceName, moreArgs);
        service.run("state");
        return service;
    }

    /**
     * Starts a second instance of the same service (same topics, same application id, its own state
     * directory): Kafka Streams shares the partitions between the two.
     */
    public ServiceUnderTest anotherInstance(final String stateName) {
        final ServiceUnderTest other = new ServiceUnderTest(application, platform, prefix, serviceName, moreArgs);
        other.run(stateName);
        return other;
    }

    /** Stops the service and starts it again on an empty state directory: its state comes back from the changelogs. */
    public void restartWithEmptyState(final String stateName) {
        restartWithEmptyState(stateName, () -> { });
    }

    /** Like {@link #restartWithEmptyState(String)}, doing {@code whileDown} (waiting for a cut-off, say) while the service is down. */
    public void restartWithEmptyState(final String stateName, final Runnable whileDown) {
        context.close();
        whileDown.run();
        run(stateName);
    }

    public KafkaTestClient kafka() {
        return kafka;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public String applicationId() {
        return prefix + serviceName;
    }

    /** The catalogue topic as this test's service sees it. */
    public <K, V> Topic<K, V> topic(final Topic<K, V> topic) {
        return topic.withNamePrefix(prefix);
    }

    @Override
    public void close() {
        if (context == null) {
            return; // closed before
        }
        context.close();
        context = null;
        kafka.close();
    }

    private void run(final String stateName) {
        final List<String> args = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + platform.bootstrapServers(),
                "--orderpool.schema-registry.url=" + platform.schemaRegistryUrl(),
                "--orderpool.topics.prefix=" + prefix,
                "--spring.kafka.streams.application-id=" + applicationId(),
                "--spring.kafka.streams.state-dir=" + KafkaTestClient.stateDir(prefix + stateName),
                "--spring.kafka.streams.properties.commit.interval.ms=50"));
        args.addAll(List.of(moreArgs));
        context = application.get().profiles("local").run(args.toArray(String[]::new));
    }
}
