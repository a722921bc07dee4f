package org.orderpool.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerIT {

    private final Path workDir = Path.of(System.getProperty("orderpool.test.dir", "target/test-work"))
            .resolve("broker-" + System.nanoTime());

    @Test
    void shouldKeepRecordsAcrossARestartOnTheSameLogDirectory() throws Exception {
        final Path logDir = workDir.resolve("kafka");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.create(0, logDir, Map.of()).start()) {
            createTopic(broker, "restart.check");
            try (KafkaProducer<String, String> producer = producer(broker)) {
                producer.send(new ProducerRecord<>("restart.check", "k", "before restart")).get(10, TimeUnit.SECONDS);
            }
        }

        try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.create(0, logDir, Map.of()).start()) {
            assertThat(readAll(again, "restart.check")).containsExactly("before restart");
        }
    }

    @Test
    void shouldRefuseToStartOnAPortInUseWithAClearMessage() {
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.create(0, workDir.resolve("a"), Map.of()).start()) {
            assertThatThrownBy(() -> EmbeddedKafkaBroker.create(first.port(), workDir.resolve("b"), Map.of()).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + first.port() + " is already in use");
        }
    }

    private static void createTopic(final EmbeddedKafkaBroker broker, final String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, String> producer(final EmbeddedKafkaBroker broker) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    private static List<String> readAll(final EmbeddedKafkaBroker broker, final String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            final TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                final ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    return records.records(partition).stream().map(r -> r.value()).toList();
                }
            }
            return List.of();
        }
    }
}
