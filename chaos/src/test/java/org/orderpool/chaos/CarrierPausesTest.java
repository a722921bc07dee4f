package org.orderpool.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.CutOffException;
import org.orderpool.testing.Fixtures;

class CarrierPausesTest {

    private static final Instant PAUSED_AT = Fixtures.T0.plusSeconds(60);
    private static final Instant RESUMED_AT = Fixtures.T0.plusSeconds(90);

    @Test
    void shouldCountACutOffAsPausedFromACalendarWithoutPickUpUntilTheCarriersNextCalendarIsSeen() {
        final CarrierPauses pauses = CarrierPauses.of(List.of(Fixtures.calendar("colis-express"),
                paused(Fixtures.calendar("colis-express"), PAUSED_AT),
                CarrierCalendar.newBuilder(Fixtures.calendar("colis-express")).setUpdatedAt(RESUMED_AT).build()));

        assertThat(pauses.pausedAt("colis-express", Fixtures.WAREHOUSE, PAUSED_AT.minusMillis(1))).isFalse();
        assertThat(pauses.pausedAt("colis-express", Fixtures.WAREHOUSE, PAUSED_AT)).isTrue();
        assertThat(pauses.pausedAt("colis-express", Fixtures.WAREHOUSE, RESUMED_AT.plus(CarrierPauses.RESUME_SEEN_WITHIN).minusMillis(1)))
                .isTrue();
        assertThat(pauses.pausedAt("colis-express", Fixtures.WAREHOUSE, RESUMED_AT.plus(CarrierPauses.RESUME_SEEN_WITHIN))).isFalse();
        assertThat(pauses.pausedAt("other-carrier", Fixtures.WAREHOUSE, PAUSED_AT)).isFalse();
        assertThat(pauses.pausedAt("colis-express", "another-warehouse", PAUSED_AT)).isFalse();
    }

    @Test
    void shouldCountACarrierWithAOneOffPickUpAsRunningAndOneNeverResumedAsPausedToTheEnd() {
        final CarrierCalendar oneOff = CarrierCalendar.newBuilder(paused(Fixtures.calendar("colis-express"), PAUSED_AT))
                .setExceptions(List.of(new CutOffException(java.time.LocalDate.of(2026, 11, 21), java.time.LocalTime.NOON, "Saturday")))
                .build();
        assertThat(CarrierPauses.of(List.of(oneOff)).pausedAt("colis-express", Fixtures.WAREHOUSE, RESUMED_AT)).isFalse();
        assertThat(CarrierPauses.of(List.of(paused(Fixtures.calendar("colis-express"), PAUSED_AT)))
                .pausedAt("colis-express", Fixtures.WAREHOUSE, PAUSED_AT.plusSeconds(86_400))).isTrue();
    }

    @Test
    void shouldLeaveOutACalendarTheSchedulerDeadLetters() {
        final CarrierCalendar invalidPause = CarrierCalendar.newBuilder(paused(Fixtures.calendar("colis-express"), PAUSED_AT))
                .setTimeZone("Mars/Olympus_Mons").build();
        final CarrierCalendar invalidResume = CarrierCalendar.newBuilder(Fixtures.calendar("colis-express")).setTimeZone("Mars/Olympus_Mons")
                .setUpdatedAt(RESUMED_AT).build();

        assertThat(CarrierPauses.of(List.of(Fixtures.calendar("colis-express"), invalidPause))
                .pausedAt("colis-express", Fixtures.WAREHOUSE, RESUMED_AT)).as("an invalid calendar pauses nothing").isFalse();
        assertThat(CarrierPauses.of(List.of(paused(Fixtures.calendar("colis-express"), PAUSED_AT), invalidResume))
                .pausedAt("colis-express", Fixtures.WAREHOUSE, RESUMED_AT.plusSeconds(60))).as("nor resumes a paused carrier").isTrue();
    }

    private static CarrierCalendar paused(final CarrierCalendar calendar, final Instant at) {
        return CarrierCalendar.newBuilder(calendar).setWeeklyCutOffs(List.of()).setCutOffEveryMinutes(null).setExceptions(List.of())
                .setUpdatedAt(at).build();
    }
}
