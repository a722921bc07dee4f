package org.orderpool.dashboard.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.OpsActionType;
import org.orderpool.contracts.OpsAuditRecord;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.dashboard.PipelineView;
import org.orderpool.dashboard.RecordingConsoleRecords;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.testing.Fixtures;

/** Dead letters opened, re-driven once with who re-drove them, or discarded with a reason; the reader is a stand-in for the topic. */
class DeadLetterActionsTest {

    private final AvroSerdes serdes = AvroSerdes.inMemory();
    private final BoundTopics topics = new BoundTopics(serdes, "");
    private final RecordingConsoleRecords records = new RecordingConsoleRecords();
    private final PipelineView view = new PipelineView();
    private final ConsoleActions actions = new ConsoleActions(records, topics, view::audited, Clock.fixed(ConsoleActionsTest.NOW, ZoneOffset.UTC));
    private final Order order = Fixtures.order("o-dead").build();
    private final ConsumerRecord<byte[], byte[]> deadLetter = deadLetter();
    private final DeadLetterActions deadLetters = new DeadLetterActions(topics, view, new DeadLetterReader(Map.of()) {
        @Override
        public Optional<ConsumerRecord<byte[], byte[]>> read(final String topic, final int partition, final long offset) {
            return topic.equals(deadLetter.topic()) && offset == deadLetter.offset() ? Optional.of(deadLetter) : Optional.empty();
        }
    });

    @Test
    void shouldOpenADeadLetterWithItsErrorHeadersAndDecodedValue() {
        final Map<String, Object> opened = deadLetters.inspect("fraud-check.dlq", 0, 7);

        assertThat(opened).containsEntry("error", "rule table unreadable").containsEntry("sourceTopic", "orders.accepted");
        assertThat(opened.get("value").toString()).contains("as=contract").contains("o-dead");
        assertThat(opened.get("key").toString()).contains("as=contract").contains("decoded=o-dead");
        assertThat(opened.get("headers").toString()).contains("__streams.errors.topic");
    }

    @Test
    void shouldReDriveADeadLetterOnceToItsSourceWithItsHeadersAndWhoReDroveIt() {
        actions.perform("redrive-0001", ConsoleActionsTest.OPS, id -> deadLetters.redrive("fraud-check.dlq", 0, 7, "ops"));

        final ProducerRecord<byte[], byte[]> again = records.transactions().get(0).get(0);
        assertThat(again.topic()).isEqualTo("orders.accepted");
        assertThat(again.key()).isEqualTo(deadLetter.key());
        assertThat(again.value()).isEqualTo(deadLetter.value());
        assertThat(new String(again.headers().lastHeader("__streams.errors.message").value(), StandardCharsets.UTF_8))
                .isEqualTo("rule table unreadable");
        assertThat(new String(again.headers().lastHeader(DeadLetterActions.REDRIVEN_BY).value(), StandardCharsets.UTF_8)).isEqualTo("ops");
        assertThat(new String(again.headers().lastHeader(DeadLetterActions.REDRIVEN_FROM).value(), StandardCharsets.UTF_8))
                .isEqualTo("fraud-check.dlq/0/7");
        records.values(topics, Topics.OPS_AUDIT).forEach(view::onAudit);

        assertThatThrownBy(() -> actions.perform("redrive-0002", ConsoleActionsTest.OPS, id -> deadLetters.redrive("fraud-check.dlq", 0, 7, "ops")))
                .isInstanceOfSatisfying(ActionRejected.class, e -> assertThat(e.body().toString()).contains("dead_letter_settled", "re-driven by ops"));
        assertThatThrownBy(() -> actions.perform("discard-0001", ConsoleActionsTest.OPS, id -> deadLetters.discard("fraud-check.dlq", 0, 7,
                new DeadLetterActions.DeadLetterRequest("dup", null)))).isInstanceOf(ActionRejected.class);
    }

    @Test
    void shouldDiscardADeadLetterWithAReasonWritingOnlyTheAuditRecord() {
        assertThatThrownBy(() -> actions.perform("discard-0001", ConsoleActionsTest.OPS, id -> deadLetters.discard("fraud-check.dlq", 0, 7,
                new DeadLetterActions.DeadLetterRequest(" ", null))))
                .isInstanceOfSatisfying(ActionRejected.class, e -> assertThat(e.body().toString()).contains("field=reason"));

        actions.perform("discard-0002", ConsoleActionsTest.OPS, id -> deadLetters.discard("fraud-check.dlq", 0, 7,
                new DeadLetterActions.DeadLetterRequest("test order from a shop's staging site", null)));

        assertThat(records.transactions().get(0)).extracting(ProducerRecord::topic).containsExactly("ops.audit");
        final OpsAuditRecord audit = records.values(topics, Topics.OPS_AUDIT).get(0);
        assertThat(audit.getAction()).isEqualTo(OpsActionType.DEAD_LETTER_DISCARD);
        assertThat(audit.getTopic()).isNull();
        view.onAudit(audit);
        assertThat(view.deadLetterFate("fraud-check.dlq/0/7")).hasValueSatisfying(f -> assertThat(f).startsWith("discarded by ops"));
    }

    @Test
    void shouldRefuseWhatIsNotADeadLetterTopicOrNotThere() {
        assertThatThrownBy(() -> deadLetters.inspect("orders.accepted", 0, 7))
                .isInstanceOfSatisfying(ActionRejected.class, e -> assertThat(e.body().toString()).contains("not_a_dead_letter_topic"));
        assertThatThrownBy(() -> deadLetters.inspect("fraud-check.dlq", 0, 8))
                .isInstanceOfSatisfying(ActionRejected.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    private ConsumerRecord<byte[], byte[]> deadLetter() {
        final ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("fraud-check.dlq", 0, 7L, "o-dead".getBytes(StandardCharsets.UTF_8),
                Topics.ORDERS_ACCEPTED.valueSerde(serdes).serializer().serialize("orders.accepted", order));
        record.headers().add(new RecordHeader("__streams.errors.message", "rule table unreadable".getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("__streams.errors.topic", "orders.accepted".getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
