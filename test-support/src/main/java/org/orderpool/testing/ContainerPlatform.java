package org.orderpool.testing;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The platform with a Docker engine: the apache/kafka image (KRaft) and Confluent Schema Registry, the
 * pair production runs, so the serde is proven against Confluent's own registry where Docker exists.
 */
final class ContainerPlatform implements KafkaPlatform {

    static final String KAFKA_IMAGE = "apache/kafka:4.2.1";
    static final String SCHEMA_REGISTRY_IMAGE = "confluentinc/cp-schema-registry:7.9.1";

    private final Network network;
    private final KafkaContainer kafka;
    private final GenericContainer<?> registry;

    private ContainerPlatform(final Network network, final KafkaContainer kafka, final GenericContainer<?> registry) {
        this.network = network;
        this.kafka = kafka;
        this.registry = registry;
    }

    @SuppressWarnings("resource")
    static ContainerPlatform start() {
        final Network network = Network.newNetwork();
        final KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
                .withNetwork(network)
                .withListener("kafka:19092")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        kafka.start();
        final GenericContainer<?> registry = new GenericContainer<>(SCHEMA_REGISTRY_IMAGE)
                .withNetwork(network)
                .withExposedPorts(8081)
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));
        registry.start();
        return new ContainerPlatform(network, kafka, registry);
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(8081);
    }

    @Override
    public String description() {
        return "Testcontainers: " + KAFKA_IMAGE + " on " + bootstrapServers() + " + " + SCHEMA_REGISTRY_IMAGE + " on "
                + schemaRegistryUrl();
    }

    @Override
    public void close() {
        registry.stop();
        kafka.stop();
        network.close();
    }
}
