package org.orderpool.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.topic.Topics;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * A service started as the services start (Spring Boot, this module's auto-configuration, Kafka
 * Streams not started) gets the pool's durability settings (and its guarantee's commit interval) on its Streams client
 * and on the producers Spring builds, unless its configuration says otherwise.
 */
class KafkaDurabilityDefaultsTest {

    @Test
    void shouldGiveAServiceWithoutDurabilitySettingsProductionsOnes() {
        try (ConfigurableApplicationContext service = start()) {
            final Properties streams = service.getBean(StreamsBuilderFactoryBean.class).getStreamsConfiguration();

            assertThat(streams).containsEntry("processing.guarantee", "exactly_once_v2").containsEntry("replication.factor", 3)
                    .containsEntry("topic.min.insync.replicas", "2").containsEntry("num.standby.replicas", 1)
                    .containsEntry("producer.acks", "all").containsEntry("producer.enable.idempotence", true)
                    .containsEntry("producer.transaction.timeout.ms", 10_000)
                    .containsEntry("producer.delivery.timeout.ms", 120_000).containsEntry("commit.interval.ms", 30);
        }
    }

    @Test
    void shouldDeriveTheInternalTopicsDurabilityFromTheReplicationADeploymentChose() {
        try (ConfigurableApplicationContext service = start("--spring.kafka.streams.replication-factor=1",
                "--spring.kafka.streams.properties.num.standby.replicas=0",
                "--spring.kafka.streams.properties.processing.guarantee=at_least_once")) {
            final Properties streams = service.getBean(StreamsBuilderFactoryBean.class).getStreamsConfiguration();

            assertThat(streams.get("replication.factor").toString()).isEqualTo("1");
            assertThat(streams).containsEntry("topic.min.insync.replicas", "1").containsEntry("num.standby.replicas", "0")
                    .containsEntry("processing.guarantee", "at_least_once").containsEntry("producer.acks", "all")
                    .as("at least once's commit interval (CommitIntervalDefaults)").containsEntry("commit.interval.ms", 100);
        }
    }

    @Test
    void shouldGiveProducersBuiltFromSpringsKafkaPropertiesAcksAllAndIdempotence() {
        try (ConfigurableApplicationContext service = start()) {
            final Map<String, Object> producer = service.getBean(KafkaProperties.class).buildProducerProperties();

            assertThat(producer).containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
                    .containsEntry("retries", Integer.MAX_VALUE).containsEntry("delivery.timeout.ms", "120000");
        }
    }

    @Test
    void shouldLetAServiceChooseItsOwnProducerSettings() {
        try (ConfigurableApplicationContext service = start("--spring.kafka.producer.properties.delivery.timeout.ms=10000")) {
            assertThat(service.getBean(KafkaProperties.class).buildProducerProperties())
                    .containsEntry("delivery.timeout.ms", "10000")
                    .containsEntry("acks", "all");
        }
    }

    private static ConfigurableApplicationContext start(final String... args) {
        return new SpringApplicationBuilder(TestService.class).web(WebApplicationType.NONE)
                .properties("spring.kafka.streams.application-id=durability-test", "spring.kafka.streams.auto-startup=false",
                        "spring.kafka.bootstrap-servers=localhost:1")
                .run(args);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableKafkaStreams
    static class TestService {

        @Bean
        ServiceIdentity serviceIdentity() {
            return new ServiceIdentity("durability-test", Topics.ORDER_INTAKE_DLQ);
        }
    }
}
