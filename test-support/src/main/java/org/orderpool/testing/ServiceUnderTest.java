package org.orderpool.testing;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a service's Spring Boot application, with its local profile, against the test platform: on
 * the test's own topics (name prefix), with its own application id and a state directory of this JVM.
 */
public final class ServiceUnderTest {

    private ServiceUnderTest() {
    }

    public static ConfigurableApplicationContext start(final SpringApplicationBuilder application, final KafkaPlatform platform,
                                                       final String topicPrefix, final String serviceName, final String stateName,
                                                       final String... moreArgs) {
        final List<String> args = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + platform.bootstrapServers(),
                "--orderpool.schema-registry.url=" + platform.schemaRegistryUrl(),
                "--orderpool.topics.prefix=" + topicPrefix,
                "--spring.kafka.streams.application-id=" + applicationId(topicPrefix, serviceName),
                "--spring.kafka.streams.state-dir=" + KafkaTestClient.stateDir(topicPrefix + stateName),
                "--spring.kafka.streams.properties.commit.interval.ms=50"));
        args.addAll(List.of(moreArgs));
        return application.profiles("local").run(args.toArray(String[]::new));
    }

    public static String applicationId(final String topicPrefix, final String serviceName) {
        return topicPrefix + serviceName;
    }
}
