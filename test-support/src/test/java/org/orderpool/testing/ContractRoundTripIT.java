package org.orderpool.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.ShopOrderKey;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.serde.AvroWireFormat;
import org.orderpool.serde.SchemaRegistryException;
import org.orderpool.testing.ContractSamples.Sample;
import org.orderpool.testing.KafkaTestClient.Contents;

/** The contract, the serde and the registry client against a real broker and a real registry. */
@RealKafka
class ContractRoundTripIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private KafkaTestClient kafka;

    @BeforeEach
    void connect(final KafkaPlatform platform) {
        kafka = new KafkaTestClient(platform);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void shouldReadBackAnEqualRecordFromEveryAvroTopicOfTheCatalogue() {
        final String prefix = KafkaTestClient.uniquePrefix("roundtrip");
        final List<Sample<?, ?>> samples = ContractSamples.forEveryAvroTopic().stream()
                .<Sample<?, ?>>map(s -> s.withNamePrefix(prefix)).toList();
        assertThat(samples.stream().map(s -> s.topic().name().substring(prefix.length())).collect(Collectors.toSet()))
                .as("a sample for every topic that carries Avro")
                .isEqualTo(Topics.all().stream().filter(t -> !t.subjects().isEmpty()).map(Topic::name).collect(Collectors.toSet()));
        kafka.createTopics(samples.stream().map(Sample::topic).toList());

        samples.forEach(this::send);

        for (final Sample<?, ?> sample : samples) {
            assertRoundTrip(sample);
        }
    }

    @Test
    void shouldStampAShopsRecordWithTheBrokersClockWhateverTimestampTheShopSet() {
        final String prefix = KafkaTestClient.uniquePrefix("stamps");
        final Topic<ShopOrderKey, SubmittedOrder> intake = Topics.SHOP_ORDERS_SUBMITTED.withNamePrefix(prefix);
        kafka.createTopics(List.of(intake));
        final Instant before = Instant.now();
        final SubmittedOrder order = ContractSamples.forEveryAvroTopic().stream().filter(s -> s.topic() == Topics.SHOP_ORDERS_SUBMITTED)
                .map(s -> (SubmittedOrder) s.value()).findFirst().orElseThrow();

        kafka.send(intake, new ShopOrderKey(order.getShopId(), order.getShopOrderRef()), order, before.minus(Duration.ofDays(8)));

        final ConsumerRecord<byte[], byte[]> stored = kafka.readRaw(intake.name(), 1, TIMEOUT).get(0);
        assertThat(stored.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(Instant.ofEpochMilli(stored.timestamp())).as("the broker's clock, so the 7-day retention cannot delete it at once")
                .isAfterOrEqualTo(before.minusSeconds(5));
    }

    @Test
    void shouldReportCorruptRecordsClearlyAndKeepReadingTheGoodOnes() {
        final Topic<String, Order> topic = Topics.ORDERS_ACCEPTED.withNamePrefix(KafkaTestClient.uniquePrefix("corrupt"));
        final Topic<String, Order> onePartition = new Topic<>(topic.name(), topic.key(), topic.value(), 1, topic.configs());
        kafka.createTopics(List.of(onePartition));
        final Order good = Fixtures.order("o-good").line("SKU-TEA-01", 1).build();

        kafka.sendRaw(topic.name(), bytes("o-1"), "{\"orderId\":\"o-1\"}".getBytes(StandardCharsets.UTF_8));
        kafka.sendRaw(topic.name(), bytes("o-2"), new byte[] {0, 1});
        kafka.sendRaw(topic.name(), bytes("o-3"), ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).put(new byte[] {2, 65, 2, 0}).array());
        kafka.send(onePartition, good.getOrderId(), good);

        final Contents<String, Order> contents = kafka.read(onePartition, 4, TIMEOUT);

        assertThat(contents.failures()).extracting(KafkaTestClient.DeserializationFailure::cause).satisfiesExactly(
                json -> assertThat(json).contains("expected magic byte 0x00").contains("looks like JSON"),
                tooShort -> assertThat(tooShort).contains("2 byte(s), shorter than the 5-byte header"),
                unknownId -> assertThat(unknownId).contains("names schema id 987654").contains("does not know"));
        assertThat(contents.failures()).extracting(KafkaTestClient.DeserializationFailure::offset).containsExactly(0L, 1L, 2L);
        assertThat(contents.values()).containsExactly(good);
    }

    @Test
    void shouldRefuseToProduceWithAutoRegistrationOffUntilTheSchemaIsRegistered() {
        final Topic<String, Order> topic = Topics.ORDERS_ACCEPTED.withNamePrefix(KafkaTestClient.uniquePrefix("noauto"));
        final AvroSerdes production = AvroSerdes.forRegistryUrl(kafka.platform().schemaRegistryUrl(), false);
        final Order order = Fixtures.order("o-prod").build();

        assertThatThrownBy(() -> topic.valueSerde(production).serializer().serialize(topic.name(), order))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("is not registered under subject '" + topic.name() + "-value'");

        final int id = production.registry().register(topic.name() + "-value", Order.getClassSchema());
        final byte[] bytes = topic.valueSerde(production).serializer().serialize(topic.name(), order);
        assertThat(AvroWireFormat.schemaId(topic.name(), bytes)).isEqualTo(id);
    }

    @Test
    void shouldHaveTheRealRegistryRefuseAnIncompatibleChangeAndAcceptACompatibleOne() {
        final String subject = KafkaTestClient.uniquePrefix("evolve") + "orders.accepted-value";
        final Schema released = Order.getClassSchema();
        final Schema withoutDefault = withField(released, "{\"name\":\"giftWrap\",\"type\":\"boolean\"}");
        final Schema withDefault = withField(released, "{\"name\":\"giftWrap\",\"type\":\"boolean\",\"default\":false}");
        final int v1 = kafka.serdes().registry().register(subject, released);

        assertThat(kafka.serdes().registry().isCompatible(subject, withoutDefault)).isFalse();
        assertThatThrownBy(() -> kafka.serdes().registry().register(subject, withoutDefault))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isIncompatible()).isTrue());
        assertThat(kafka.serdes().registry().isCompatible(subject, withDefault)).isTrue();
        final int v2 = kafka.serdes().registry().register(subject, withDefault);
        assertThat(v2).isNotEqualTo(v1);
        assertThat(kafka.serdes().registry().latest(subject).version()).isEqualTo(2);
        assertThat(kafka.serdes().registry().register(subject, released)).as("re-registering returns the same id").isEqualTo(v1);
    }

    private <K, V> void send(final Sample<K, V> sample) {
        kafka.send(sample.topic(), sample.key(), sample.value());
    }

    private <K, V> void assertRoundTrip(final Sample<K, V> sample) {
        final Contents<K, V> contents = kafka.read(sample.topic(), 1, TIMEOUT);
        assertThat(contents.failures()).as(sample.topic().name()).isEmpty();
        assertThat(contents.records()).as(sample.topic().name()).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(sample.key());
            assertThat(record.value()).isEqualTo(sample.value());
        });
        final ConsumerRecord<byte[], byte[]> raw = kafka.readRaw(sample.topic().name(), 1, TIMEOUT).get(0);
        final int schemaId = AvroWireFormat.schemaId(sample.topic().name(), raw.value());
        assertThat(kafka.serdes().registry().schemaById(schemaId)).as("the registry knows the writer schema of " + sample.topic())
                .isEqualTo(sample.topic().subjects().get(sample.topic().name() + "-value"));
    }

    private static byte[] bytes(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Schema withField(final Schema schema, final String fieldJson) {
        final String json = schema.toString();
        final int end = json.lastIndexOf(']');
        return new Schema.Parser().parse(json.substring(0, end) + "," + fieldJson + json.substring(end));
    }
}
