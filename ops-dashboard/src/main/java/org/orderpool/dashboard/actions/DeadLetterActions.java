package org.orderpool.dashboard.actions;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.orderpool.contracts.OpsActionType;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.dashboard.PipelineView;
import org.orderpool.dashboard.TopicFeed;
import org.orderpool.dashboard.actions.ConsoleActions.Effect;
import org.orderpool.runtime.DeadLetterHeaders;

/**
 * The services' dead letters: inspect one (its error, every header, the original key and value decoded
 * by the catalogue's encoding of the topic it came from where they decode, else as text or base64),
 * re-drive it to that topic (original key, value and headers, plus {@link #REDRIVEN_BY} and
 * {@link #REDRIVEN_FROM}; if it fails again, the service dead-letters it again with both errors in its
 * headers), or discard it with a reason (only the audit record is written: the dead-letter topic keeps
 * it until retention, and the console shows it as discarded).
 */
public final class DeadLetterActions {

    /** Header a re-driven record carries: who re-drove it. */
    public static final String REDRIVEN_BY = "orderpool.redriven-by";
    /** Header a re-driven record carries: the dead letter it was, {@code topic/partition/offset}. */
    public static final String REDRIVEN_FROM = "orderpool.redriven-from";
    /** Where the services' dead-letter headers say the record came from: Kafka Streams' (KIP-1034) and Spring Kafka's. */
    static final List<String> SOURCE_TOPIC_HEADERS = List.of(DeadLetterHeaders.TOPIC, "kafka_dlt-original-topic");

    /** What an operator sends to re-drive or discard a dead letter. */
    public record DeadLetterRequest(String reason, String actionId) {
    }

    private final BoundTopics topics;
    private final PipelineView view;
    private final DeadLetterReader reader;

    public DeadLetterActions(final BoundTopics topics, final PipelineView view, final DeadLetterReader reader) {
        this.topics = topics;
        this.view = view;
        this.reader = reader;
    }

    /** The id a dead letter goes by on the console and in the audit trail. */
    public static String id(final String topic, final int partition, final long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    public Map<String, Object> inspect(final String topic, final int partition, final long offset) {
        final ConsumerRecord<byte[], byte[]> record = read(topic, partition, offset);
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id(topic, partition, offset));
        json.put("topic", topic);
        json.put("partition", partition);
        json.put("offset", offset);
        json.put("timestamp", record.timestamp());
        json.put("error", TopicFeed.error(record));
        final List<Map<String, Object>> headers = new ArrayList<>();
        for (final Header header : record.headers()) {
            final String text = header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
            headers.add(Map.of("name", header.key(), "value", text == null ? "" : text.length() > 2_000 ? text.substring(0, 2_000) + "..." : text));
        }
        json.put("headers", headers);
        final Optional<String> source = sourceTopic(record);
        json.put("sourceTopic", source.orElse(null));
        final Optional<Topic<?, ?>> contract = source.flatMap(this::contractTopic);
        json.put("key", decode(contract, record.key(), true));
        json.put("value", decode(contract, record.value(), false));
        json.put("fate", view.deadLetterFate(id(topic, partition, offset)).orElse(null));
        return json;
    }

    public Effect redrive(final String topic, final int partition, final long offset, final String operator) {
        final ConsumerRecord<byte[], byte[]> record = read(topic, partition, offset);
        final String id = id(topic, partition, offset);
        refuseIfSettled(id);
        final String source = sourceTopic(record).orElseThrow(() -> ActionRejected.conflict("no_source_topic",
                "dead letter " + id + " names no source topic in its headers (" + String.join(", ", SOURCE_TOPIC_HEADERS) + ")"));
        if (contractTopic(source).isEmpty()) {
            throw ActionRejected.conflict("unknown_source_topic", "dead letter " + id + " came from '" + source
                    + "', which is not a topic of the contract: the console re-drives only to those");
        }
        final ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(source, null, record.key(), record.value());
        record.headers().forEach(header -> again.headers().add(header));
        again.headers().add(new RecordHeader(REDRIVEN_BY, operator.getBytes(StandardCharsets.UTF_8)));
        again.headers().add(new RecordHeader(REDRIVEN_FROM, id.getBytes(StandardCharsets.UTF_8)));
        return new Effect(OpsActionType.DEAD_LETTER_REDRIVE, id, source, "re-drive dead letter " + id + " to " + source, null,
                null, null, List.of(again), Map.of("id", id, "redrivenTo", source));
    }

    public Effect discard(final String topic, final int partition, final long offset, final DeadLetterRequest request) {
        read(topic, partition, offset);
        final String id = id(topic, partition, offset);
        refuseIfSettled(id);
        final List<ActionRejected.FieldProblem> problems = new ArrayList<>();
        final String reason = FraudListActions.required(request.reason(), "reason", problems);
        if (!problems.isEmpty()) {
            throw ActionRejected.invalid(problems);
        }
        return new Effect(OpsActionType.DEAD_LETTER_DISCARD, id, null, "discard dead letter " + id, reason, null, null, List.of(),
                Map.of("id", id, "discarded", true));
    }

    private void refuseIfSettled(final String id) {
        view.deadLetterFate(id).ifPresent(fate -> {
            throw ActionRejected.conflict("dead_letter_settled", "dead letter " + id + " was already " + fate);
        });
    }

    private ConsumerRecord<byte[], byte[]> read(final String topic, final int partition, final long offset) {
        final boolean deadLetterTopic = Topics.all().stream().anyMatch(t -> t.name().endsWith(".dlq") && topics.name(t).equals(topic));
        if (!deadLetterTopic) {
            throw ActionRejected.invalid("topic", "not_a_dead_letter_topic", "'" + topic + "' is not one of the services' dead-letter topics");
        }
        return reader.read(topic, partition, offset).orElseThrow(() -> ActionRejected.unknown("unknown_dead_letter",
                "no record at " + id(topic, partition, offset) + " (gone with retention, or never written)"));
    }

    static Optional<String> sourceTopic(final ConsumerRecord<byte[], byte[]> record) {
        for (final String name : SOURCE_TOPIC_HEADERS) {
            final Header header = record.headers().lastHeader(name);
            if (header != null && header.value() != null && header.value().length > 0) {
                return Optional.of(new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** The catalogue's topic of that (bound) name; a shop's own intake topic counts as the shared intake's encoding. */
    private Optional<Topic<?, ?>> contractTopic(final String name) {
        if (topics.shopOfIntakeTopic(name).isPresent()) {
            return Optional.of(Topics.SHOP_ORDERS_SUBMITTED);
        }
        return Topics.all().stream().filter(t -> !t.name().endsWith(".dlq") && topics.name(t).equals(name)).<Topic<?, ?>>map(t -> t).findFirst();
    }

    private Map<String, Object> decode(final Optional<Topic<?, ?>> topic, final byte[] bytes, final boolean key) {
        final Map<String, Object> json = new LinkedHashMap<>();
        if (bytes == null) {
            json.put("as", "null");
            return json;
        }
        json.put("bytes", bytes.length);
        if (topic.isPresent()) {
            try {
                final Object decoded = key ? topics.keySerde(topic.get()).deserializer().deserialize(topics.name(topic.get()), bytes)
                        : topics.valueSerde(topic.get()).deserializer().deserialize(topics.name(topic.get()), bytes);
                json.put("as", "contract"); // the catalogue's encoding of the source topic (Avro, or a string key)
                json.put("decoded", String.valueOf(decoded));
                return json;
            } catch (final RuntimeException e) {
                json.put("decodeError", e.getMessage());
            }
        }
        try {
            final String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            json.put("as", "text");
            json.put(key ? "keyText" : "valueText", text);
        } catch (final CharacterCodingException e) {
            json.put("as", "base64");
            json.put(key ? "keyBase64" : "valueBase64", Base64.getEncoder().encodeToString(bytes));
        }
        return json;
    }
}
