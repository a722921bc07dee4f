package org.orderpool.shopsync.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryOutcomeTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void shouldCountEvery2xxAsDelivered() {
        assertThat(DeliveryOutcome.ofResponse(200, null, NOW)).isEqualTo(new DeliveryOutcome.Delivered(200));
        assertThat(DeliveryOutcome.ofResponse(204, null, NOW)).isEqualTo(new DeliveryOutcome.Delivered(204));
    }

    @Test
    void shouldTellGoneFromOtherFailures() {
        assertThat(DeliveryOutcome.ofResponse(410, null, NOW)).isEqualTo(new DeliveryOutcome.Gone());
        assertThat(DeliveryOutcome.ofResponse(404, null, NOW)).isEqualTo(new DeliveryOutcome.Failed("HTTP 404", null));
        assertThat(DeliveryOutcome.ofResponse(301, null, NOW)).as("redirects are not followed")
                .isEqualTo(new DeliveryOutcome.Failed("HTTP 301", null));
    }

    @Test
    void shouldReadRetryAfterInSecondsOrAsAnHttpDate() {
        assertThat(DeliveryOutcome.ofResponse(429, "120", NOW)).isEqualTo(new DeliveryOutcome.Failed("HTTP 429", Duration.ofSeconds(120)));
        assertThat(DeliveryOutcome.ofResponse(503, "Tue, 01 Dec 2026 10:05:00 GMT", NOW))
                .isEqualTo(new DeliveryOutcome.Failed("HTTP 503", Duration.ofMinutes(5)));
        assertThat(DeliveryOutcome.ofResponse(503, "soon", NOW)).isEqualTo(new DeliveryOutcome.Failed("HTTP 503", null));
    }

    @Test
    void shouldNameAnAttemptWithoutAnswerAfterTheIoFailureUnderWhatWrapsIt() {
        final DeliveryOutcome outcome = DeliveryOutcome.ofError(new IllegalStateException("I/O error on POST",
                new ConnectException("Connection refused").initCause(new ClosedChannelException())));

        assertThat(outcome).isEqualTo(new DeliveryOutcome.Failed("ConnectException: Connection refused", null));
        assertThat(DeliveryOutcome.ofError(new IllegalStateException("outer", new IllegalArgumentException("inner"))))
                .isEqualTo(new DeliveryOutcome.Failed("IllegalArgumentException: inner", null));
    }
}
