package org.orderpool.serde;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Makes and shares the Avro serdes of one application: one registry client (with its cache) and one
 * auto-registration setting for every topic. Production turns auto-registration off (the deployment
 * registers schemas); the embedded stack and tests turn it on.
 */
public final class AvroSerdes {

    private final SchemaRegistryClient registry;
    private final boolean autoRegister;
    private final Map<SerdeKey, Serde<?>> serdes = new ConcurrentHashMap<>();

    public AvroSerdes(final SchemaRegistryClient registry, final boolean autoRegister) {
        this.registry = registry;
        this.autoRegister = autoRegister;
    }

    /** Serdes over a remote registry speaking Confluent's API, with caching. */
    public static AvroSerdes forRegistryUrl(final String registryUrl, final boolean autoRegister) {
        return new AvroSerdes(new CachingSchemaRegistryClient(
                new ConfluentRegistryHttpClient(registryUrl, null, Duration.ofSeconds(10))), autoRegister);
    }

    /** Serdes over a fresh in-memory registry, for TopologyTestDriver tests. */
    public static AvroSerdes inMemory() {
        return new AvroSerdes(new InMemorySchemaRegistry(), true);
    }

    public <T extends SpecificRecord> Serde<T> valueSerde(final Class<T> type) {
        return serde(type, false);
    }

    public <T extends SpecificRecord> Serde<T> keySerde(final Class<T> type) {
        return serde(type, true);
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> Serde<T> serde(final Class<T> type, final boolean isKey) {
        return (Serde<T>) serdes.computeIfAbsent(new SerdeKey(type, isKey),
                key -> new SpecificAvroSerde<>(registry, type, isKey, autoRegister));
    }

    private record SerdeKey(Class<?> type, boolean isKey) {
    }
}
