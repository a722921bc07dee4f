package org.orderpool.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class ThreadFailureBudgetTest {

    private static final String STREAM_THREAD = "shipping-scheduler-5b7c-StreamThread-1";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T14:55:00Z"));
    private final ThreadFailureBudget budget = new ThreadFailureBudget(3, Duration.ofMinutes(10), clock);

    @Test
    void shouldReplaceAFailingThreadUntilTheBudgetIsSpentThenShutTheClientDownAndSayWhy() {
        final Exception bug = new StreamsException(new IllegalStateException("calendar has no weekly cut-offs"));

        assertThat(budget.decide(STREAM_THREAD, bug)).isEqualTo(REPLACE_THREAD);
        assertThat(budget.decide(STREAM_THREAD, bug)).isEqualTo(REPLACE_THREAD);
        assertThat(budget.decide(STREAM_THREAD, bug)).isEqualTo(REPLACE_THREAD);
        assertThat(budget.shutdownReason()).isEmpty();

        assertThat(budget.decide(STREAM_THREAD, bug)).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(budget.shutdownReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("4 stream-thread failures within PT10M").contains("IllegalStateException: calendar has no weekly cut-offs"));
    }

    @Test
    void shouldForgetFailuresOlderThanTheWindow() {
        final Exception bug = new IllegalStateException("a bug");
        for (int i = 0; i < 10; i++) {
            assertThat(budget.decide(STREAM_THREAD, bug)).isEqualTo(REPLACE_THREAD);
            clock.advance(Duration.ofMinutes(4));
        }
        assertThat(budget.shutdownReason()).isEmpty();
    }

    @Test
    void shouldReplaceThreadsThatTheInfrastructureFailedAsOftenAsItTakes() {
        for (int i = 0; i < 50; i++) {
            assertThat(budget.decide(STREAM_THREAD, new StreamsException(new TimeoutException("broker gone")))).isEqualTo(REPLACE_THREAD);
        }
        assertThat(budget.shutdownReason()).isEmpty();
    }

    @Test
    void shouldShutDownAtOnceWhenTheGlobalThreadFails() {
        assertThat(budget.decide("fraud-check-GlobalStreamThread", new IllegalStateException("bad list entry"))).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(budget.shutdownReason()).hasValueSatisfying(reason -> assertThat(reason).contains("global thread"));
    }

    @Test
    void shouldRefuseAMeaninglessBudget() {
        assertThatThrownBy(() -> new ThreadFailureBudget(0, Duration.ofMinutes(1), clock)).hasMessageContaining("max-thread-failures");
        assertThatThrownBy(() -> new ThreadFailureBudget(3, Duration.ZERO, clock)).hasMessageContaining("thread-failure-window");
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(final Instant start) {
            this.now = start;
        }

        void advance(final Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final ZoneId zone) {
            return this;
        }
    }
}
