package org.orderpool.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.orderpool.serde.sample.SampleEvent;
import org.orderpool.serde.sample.SampleEventV2;

class SpecificAvroSerdeTest {

    private static final String TOPIC = "sample.events";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final SpecificAvroSerde<SampleEvent> serde = new SpecificAvroSerde<>(registry, SampleEvent.class, false, true);

    @Test
    void shouldWriteMagicByteThenBigEndianSchemaIdThenAvroBinaryBody() {
        // Given a registry that already holds 257 other schemas, so our id needs two bytes
        for (int i = 0; i < 257; i++) {
            registry.register("filler-" + i, Schema.createFixed("F" + i, null, "filler", 1));
        }

        final byte[] bytes = serde.serializer().serialize(TOPIC, new SampleEvent("ab", 3, -1L));

        // 0x00 | 0x00000102 (id 258) | "ab" = len 2 zigzag 0x04, 'a' 'b' | 3 zigzag 0x06 | -1 zigzag 0x01
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("00" + "00000102" + "046162" + "06" + "01");
        assertThat(registry.latest("sample.events-value").id()).isEqualTo(258);
    }

    @Test
    void shouldReadBackAnEqualRecord() {
        final SampleEvent event = new SampleEvent("order-1", 42, 1_999L);

        final SampleEvent read = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, event));

        assertThat(read).isEqualTo(event);
    }

    @Test
    void shouldUseKeySubjectForKeys() {
        final SpecificAvroSerde<SampleEvent> keySerde = new SpecificAvroSerde<>(registry, SampleEvent.class, true, true);

        keySerde.serializer().serialize(TOPIC, new SampleEvent("k", 1, 1L));

        assertThat(registry.latest("sample.events-key").schema()).isEqualTo(SampleEvent.getClassSchema());
        assertThatThrownBy(() -> registry.latest("sample.events-value")).isInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void shouldPassNullThroughForTombstones() {
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void shouldExplainBytesShorterThanTheHeader() {
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic 'sample.events'")
                .hasMessageContaining("3 byte(s), shorter than the 5-byte header");
    }

    @Test
    void shouldExplainAWrongMagicByteAndRecogniseJson() {
        final byte[] json = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("first byte is 0x7b, expected magic byte 0x00")
                .hasMessageContaining("looks like JSON");
    }

    @Test
    void shouldExplainAnUnknownSchemaId() {
        final byte[] bytes = ByteBuffer.allocate(8).put((byte) 0).putInt(9_999).put(new byte[] {2, 65, 2}).array();

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("names schema id 9999")
                .hasMessageContaining("does not know");
    }

    @Test
    void shouldExplainABodyThatDoesNotMatchItsSchema() {
        final byte[] good = serde.serializer().serialize(TOPIC, new SampleEvent("abc", 1, 1L));
        final byte[] truncated = java.util.Arrays.copyOf(good, 7);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot be decoded as " + SampleEvent.class.getName());
    }

    @Test
    void shouldRejectTrailingBytesAfterTheRecord() {
        final byte[] good = serde.serializer().serialize(TOPIC, new SampleEvent("abc", 1, 1L));
        final byte[] padded = java.util.Arrays.copyOf(good, good.length + 3);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, padded))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("bytes left over");
    }

    @Test
    void shouldRefuseToProduceAnUnregisteredSchemaWhenAutoRegistrationIsOff() {
        final SpecificAvroSerde<SampleEvent> production = new SpecificAvroSerde<>(registry, SampleEvent.class, false, false);

        assertThatThrownBy(() -> production.serializer().serialize(TOPIC, new SampleEvent("a", 1, 1L)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("is not registered under subject 'sample.events-value'")
                .hasMessageContaining("auto-registration is off");
    }

    @Test
    void shouldUseTheRegisteredIdWhenAutoRegistrationIsOff() {
        final int id = registry.register("sample.events-value", SampleEvent.getClassSchema());
        final SpecificAvroSerde<SampleEvent> production = new SpecificAvroSerde<>(registry, SampleEvent.class, false, false);

        final byte[] bytes = production.serializer().serialize(TOPIC, new SampleEvent("a", 1, 1L));

        assertThat(AvroWireFormat.schemaId(TOPIC, bytes)).isEqualTo(id);
    }

    @Test
    void shouldReadRecordsWrittenWithAnOlderCompatibleSchema() throws Exception {
        // Given a record written by a producer that still uses version 1
        final byte[] v1Bytes = serde.serializer().serialize(TOPIC, new SampleEvent("old", 7, 70L));

        // When a reader built against version 2 reads it
        final SpecificAvroDeserializer<SampleEventV2> v2Reader = new SpecificAvroDeserializer<>(registry, SampleEventV2.class);
        final SampleEventV2 read = v2Reader.deserialize(TOPIC, v1Bytes);

        // Then the new field takes its default
        assertThat(read.getId()).isEqualTo("old");
        assertThat(read.getCount()).isEqualTo(7);
        assertThat(read.getNote()).isEqualTo("none");
    }

    @Test
    void shouldReadWriterSchemaFieldsItDoesNotKnowWithoutFailing() throws Exception {
        // Given bytes written with a schema that has an extra field the reader class lacks
        final Schema writer = new Schema.Parser().parse("""
                {"type":"record","name":"SampleEvent","namespace":"org.orderpool.serde.sample","fields":[
                 {"name":"id","type":"string"},{"name":"extra","type":"string","default":""},
                 {"name":"count","type":"int"},{"name":"amountMinor","type":"long"}]}""");
        final int id = registry.register("sample.events-value", writer);
        final GenericRecord record = new GenericData.Record(writer);
        record.put("id", "x");
        record.put("extra", "ignored by old readers");
        record.put("count", 5);
        record.put("amountMinor", 6L);

        final SampleEvent read = serde.deserializer().deserialize(TOPIC, wireFormat(id, writer, record));

        assertThat(read).isEqualTo(new SampleEvent("x", 5, 6L));
    }

    @Test
    void shouldAskTheRegistryOncePerSchemaWhenCached() {
        final CountingRegistry counting = new CountingRegistry(registry);
        final SpecificAvroSerde<SampleEvent> cached =
                new SpecificAvroSerde<>(new CachingSchemaRegistryClient(counting), SampleEvent.class, false, true);
        final SpecificAvroSerde<SampleEvent> otherInstance =
                new SpecificAvroSerde<>(new CachingSchemaRegistryClient(counting), SampleEvent.class, false, true);
        final byte[] written = otherInstance.serializer().serialize(TOPIC, new SampleEvent("a", 1, 1L));
        counting.calls.set(0);

        for (int i = 0; i < 1_000; i++) {
            cached.deserializer().deserialize(TOPIC, cached.serializer().serialize(TOPIC, new SampleEvent("a" + i, i, (long) i)));
            cached.deserializer().deserialize(TOPIC, written);
        }

        assertThat(counting.calls.get()).isEqualTo(1); // one register; the id it returns is cached for reading too
    }

    private static byte[] wireFormat(final int id, final Schema schema, final GenericRecord record) throws Exception {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static final class CountingRegistry implements SchemaRegistryClient {
        private final SchemaRegistryClient delegate;
        private final AtomicInteger calls = new AtomicInteger();

        CountingRegistry(final SchemaRegistryClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public int register(final String subject, final Schema schema) {
            calls.incrementAndGet();
            return delegate.register(subject, schema);
        }

        @Override
        public int idOf(final String subject, final Schema schema) {
            calls.incrementAndGet();
            return delegate.idOf(subject, schema);
        }

        @Override
        public Schema schemaById(final int id) {
            calls.incrementAndGet();
            return delegate.schemaById(id);
        }

        @Override
        public RegisteredSchema latest(final String subject) {
            calls.incrementAndGet();
            return delegate.latest(subject);
        }

        @Override
        public boolean isCompatible(final String subject, final Schema schema) {
            calls.incrementAndGet();
            return delegate.isCompatible(subject, schema);
        }

        @Override
        public String describe() {
            return delegate.describe();
        }
    }
}
