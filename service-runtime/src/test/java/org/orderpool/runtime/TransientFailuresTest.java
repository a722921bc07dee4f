package org.orderpool.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;
import org.orderpool.serde.SchemaRegistryException;

class TransientFailuresTest {

    @Test
    void shouldBlameTheInfrastructureWhenTheRegistryCannotBeReached() {
        final Exception unreachable = new StreamsException(new SerializationException("could not register",
                new SchemaRegistryException("did not answer", new java.net.ConnectException())));

        assertThat(TransientFailures.isTransient(unreachable)).isTrue();
        assertThat(TransientFailures.isTransient(new SerializationException(new SchemaRegistryException("busy", 503, 50003)))).isTrue();
        assertThat(TransientFailures.isTransient(new StreamsException(new TimeoutException("broker slow")))).isTrue();
    }

    @Test
    void shouldBlameTheRecordWhenItIsBad() {
        assertThat(TransientFailures.isTransient(new SerializationException("first byte is 0x7b, expected magic byte 0x00"))).isFalse();
        assertThat(TransientFailures.isTransient(new SerializationException("unknown id",
                new SchemaRegistryException("Schema 9 not found", 404, 40403)))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalStateException("a bug"))).isFalse();
    }
}
