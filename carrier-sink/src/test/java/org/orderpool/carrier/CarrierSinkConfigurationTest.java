package org.orderpool.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.orderpool.serde.SchemaRegistryException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/** How the manifest listener answers each kind of failure, and where its dead letters go. */
class CarrierSinkConfigurationTest {

    @Test
    void shouldDeadLetterAtOnceAManifestThatNoRetryCanDeliver() {
        final Exception rendering = fromListener(new UndeliverableManifestException(
                "cannot render the hand-over slip of m-1", new IOException("font not found")));

        assertThat(delays(CarrierSinkConfiguration.backOffFor(rendering), 1)).as("no retry").isEmpty();
    }

    @Test
    void shouldRetryADropFolderFailureWithBackOffDoublingUpToAMinuteWithoutGivingUp() {
        final Exception diskFull = fromListener(new DropFolderUnavailableException("cannot write manifest m-1",
                new IOException("No space left on device")));

        final List<Long> delays = delays(CarrierSinkConfiguration.backOffFor(diskFull), 1_000);

        assertThat(delays).hasSize(1_000).startsWith(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 60_000L, 60_000L);
        assertThat(delays).allMatch(delay -> delay <= 60_000L);
    }

    @Test
    void shouldRetryAnUnreachableRegistryTheSameWay() {
        final Exception registryDown = fromListener(new SchemaRegistryException("registry answered 503", 503, 50301));

        assertThat(delays(CarrierSinkConfiguration.backOffFor(registryDown), 10)).hasSize(10).startsWith(1_000L, 2_000L);
    }

    @Test
    void shouldGiveAnUnexpectedFailureTheHandlersFewRetriesThenTheDeadLetters() {
        assertThat(CarrierSinkConfiguration.backOffFor(fromListener(new IllegalStateException("a bug")))).isNull();
    }

    @Test
    void shouldLetTheProducerChooseTheDeadLetterPartitionByTheTopicsOwnPartitioning() {
        final TopicPartition destination = CarrierSinkConfiguration.deadLetterDestination("p-carrier-sink.dlq");

        assertThat(destination.topic()).isEqualTo("p-carrier-sink.dlq");
        assertThat(destination.partition()).as("no partition chosen here").isNegative();
    }

    private static Exception fromListener(final Exception failure) {
        return new ListenerExecutionFailedException("Listener method 'onManifest' threw exception", failure);
    }

    private static List<Long> delays(final BackOff backOff, final int atMost) {
        final BackOffExecution execution = backOff.start();
        final List<Long> delays = new ArrayList<>();
        IntStream.range(0, atMost).mapToLong(i -> execution.nextBackOff()).takeWhile(delay -> delay != BackOffExecution.STOP)
                .forEach(delays::add);
        return delays;
    }
}
