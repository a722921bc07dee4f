package org.orderpool.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.orderpool.contracts.client.KafkaDurability;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every Kafka client of a service the pool's durability settings ({@link KafkaDurability}, the
 * one place they are written): producers built from Spring's Kafka properties (the gateway's, a dead
 * letter producer) get them as defaults of {@code spring.kafka.producer.*}, and the Kafka Streams client
 * gets every setting its configuration does not name ({@link #applyTo(Properties)}), derived from the
 * replication factor the deployment chose. A service's or a deployment's own setting wins: the local
 * stack's profile sets replication 1 and no standby, and the rest follows from that.
 */
public final class KafkaDurabilityDefaults implements EnvironmentPostProcessor {

    static final Map<String, Object> PRODUCER_DEFAULTS = producerDefaults();

    @Override
    public void postProcessEnvironment(final ConfigurableEnvironment environment, final SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("orderpool-kafka-durability", PRODUCER_DEFAULTS));
    }

    /**
     * Adds the durability settings a Kafka Streams configuration lacks, for the replication factor it
     * names ({@link KafkaDurability#PRODUCTION_REPLICATION} when it names none).
     */
    public static Properties applyTo(final Properties streamsConfig) {
        final Object configured = streamsConfig.get(StreamsConfig.REPLICATION_FACTOR_CONFIG);
        final int replication = configured == null ? KafkaDurability.PRODUCTION_REPLICATION
                : Integer.parseInt(configured.toString());
        KafkaDurability.streams(replication).forEach(streamsConfig::putIfAbsent);
        return streamsConfig;
    }

    private static Map<String, Object> producerDefaults() {
        final Map<String, Object> defaults = new LinkedHashMap<>();
        KafkaDurability.producer().forEach((name, value) -> defaults.put(switch (name) {
            case ProducerConfig.ACKS_CONFIG -> "spring.kafka.producer.acks";
            case ProducerConfig.RETRIES_CONFIG -> "spring.kafka.producer.retries";
            default -> "spring.kafka.producer.properties[" + name + "]";
        }, value.toString()));
        return Map.copyOf(defaults);
    }
}
