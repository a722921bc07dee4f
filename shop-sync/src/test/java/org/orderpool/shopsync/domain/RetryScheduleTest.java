package org.orderpool.shopsync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    /** Standard Webhooks' example schedule. */
    static final List<Duration> STANDARD = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final double NO_JITTER = 0.5;

    private final RetrySchedule schedule = new RetrySchedule(STANDARD, 0.2);

    @Test
    void shouldRetryAfterEachPauseOfTheStandardScheduleAndGiveUpAfterTheEighthAttempt() {
        final List<Duration> pauses = new ArrayList<>();
        for (int failed = 1; failed < 8; failed++) {
            pauses.add(Duration.between(NOW, schedule.afterFailure(failed, NOW, null, NO_JITTER).orElseThrow()));
        }

        assertThat(pauses).containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
                Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
        assertThat(schedule.attempts()).isEqualTo(8);
        assertThat(schedule.afterFailure(8, NOW, null, NO_JITTER)).isEmpty();
        assertThat(pauses.stream().reduce(Duration.ZERO, Duration::plus)).as("about 28 hours in all")
                .isEqualTo(Duration.ofHours(27).plusMinutes(35).plusSeconds(5));
    }

    @Test
    void shouldStretchOrShortenEachPauseByAtMostTheJitter() {
        final Instant earliest = schedule.afterFailure(2, NOW, null, 0.0).orElseThrow();
        final Instant latest = schedule.afterFailure(2, NOW, null, 0.999_999).orElseThrow();

        assertThat(Duration.between(NOW, earliest)).isEqualTo(Duration.ofMinutes(4));
        assertThat(Duration.between(NOW, latest)).isBetween(Duration.ofSeconds(359), Duration.ofMinutes(6));
    }

    @Test
    void shouldWaitAsLongAsRetryAfterAsksWhenThatIsLongerThanThePlannedPause() {
        assertThat(schedule.afterFailure(1, NOW, Duration.ofSeconds(120), NO_JITTER)).contains(NOW.plusSeconds(120));
        assertThat(schedule.afterFailure(3, NOW, Duration.ofSeconds(120), NO_JITTER)).as("the planned 30 min is longer")
                .contains(NOW.plus(Duration.ofMinutes(30)));
    }

    @Test
    void shouldNotLetRetryAfterParkAWebhookLongerThanTheLongestPauseOfTheSchedule() {
        final Optional<Instant> next = schedule.afterFailure(1, NOW, Duration.ofDays(365), NO_JITTER);

        assertThat(next).contains(NOW.plus(Duration.ofHours(10)));
    }

    @Test
    void shouldRefuseAnEmptyScheduleOrAJitterOfAWholePause() {
        assertThatThrownBy(() -> new RetrySchedule(List.of(), 0.1)).hasMessageContaining("retry-schedule");
        assertThatThrownBy(() -> new RetrySchedule(STANDARD, 1.0)).hasMessageContaining("jitter");
    }
}
