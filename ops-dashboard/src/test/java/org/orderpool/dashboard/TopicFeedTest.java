package org.orderpool.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

class TopicFeedTest {

    @Test
    void shouldShowEveryFailuresMessageOfARecordThatFailedAgainAfterItsReDrive() {
        final ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("fraud-check.dlq", 0, 3L, null, new byte[0]);
        record.headers().add(header("__streams.errors.exception", "org.apache.kafka.common.errors.SerializationException"));
        record.headers().add(header("__streams.errors.message", "Unknown magic byte!"));
        record.headers().add(header("orderpool.redriven-by", "ops"));
        record.headers().add(header("__streams.errors.message", "Unknown magic byte, again"));

        assertThat(TopicFeed.error(record)).isEqualTo("Unknown magic byte! | then: Unknown magic byte, again");
    }

    @Test
    void shouldFallBackToTheExceptionWhenNoHeaderGivesAMessage() {
        final ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("carrier-sink.dlq", 0, 0L, null, new byte[0]);
        record.headers().add(header("kafka_dlt-exception-fqcn", "java.io.IOException"));

        assertThat(TopicFeed.error(record)).isEqualTo("java.io.IOException");
        assertThat(TopicFeed.error(new ConsumerRecord<>("x.dlq", 0, 0L, null, new byte[0]))).isEqualTo("(no error header)");
    }

    private static RecordHeader header(final String name, final String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
