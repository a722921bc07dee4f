package org.orderpool.shipping.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.orderpool.carrier.calendar.CutOffCalendar;

class CarrierSlotsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** Friday 20 November 2026, 11:15 in Paris. */
    private static final Instant FRIDAY_MORNING = Instant.parse("2026-11-20T10:15:00Z");
    private static final Instant FRIDAY = Instant.parse("2026-11-20T14:00:00Z");
    private static final Instant MONDAY = Instant.parse("2026-11-23T14:00:00Z");

    private final CutOffCalendar calendar = weekdaysAtThree(Map.of());

    @Test
    void shouldBookOnTheFirstCutOffThatLeavesTheLeadTime() {
        final CarrierSlots slots = CarrierSlots.empty();

        assertThat(slots.book(FRIDAY_MORNING, calendar)).contains(FRIDAY);
        assertThat(slots.book(FRIDAY.minus(Duration.ofMinutes(29)), calendar)).contains(MONDAY);
    }

    @Test
    void shouldCloseNothingBeforeTheCutOffAndEveryOverdueCutOffOldestFirst() {
        final CarrierSlots slots = CarrierSlots.empty();
        slots.book(FRIDAY_MORNING, calendar);
        slots.book(FRIDAY.minusSeconds(60), calendar);

        assertThat(slots.review(FRIDAY.minusSeconds(1), calendar)).isEmpty();
        assertThat(slots.review(MONDAY.plusSeconds(3_600), calendar))
                .containsExactly(new CarrierSlots.Decision.Close(FRIDAY), new CarrierSlots.Decision.Close(MONDAY));
        assertThat(slots.hasPending()).isFalse();
    }

    @Test
    void shouldNeverBookOnAClosedCutOff() {
        final CarrierSlots slots = CarrierSlots.empty();
        slots.book(FRIDAY_MORNING, calendar);
        slots.review(FRIDAY.plusSeconds(5), calendar);

        // A clock behind the one that closed Friday's slot (another instance's, after a rebalance).
        assertThat(slots.book(FRIDAY_MORNING, calendar)).contains(MONDAY);
    }

    @Test
    void shouldMoveParcelsToTheNewTimeWhenOpsMoveACutOff() {
        final CarrierSlots later = CarrierSlots.empty();
        later.book(FRIDAY_MORNING, calendar);
        final CutOffCalendar movedLater = weekdaysAtThree(Map.of(LocalDate.of(2026, 11, 20), Optional.of(LocalTime.of(16, 30))));
        assertThat(later.review(FRIDAY.minusSeconds(600), movedLater))
                .containsExactly(new CarrierSlots.Decision.Move(FRIDAY, Instant.parse("2026-11-20T15:30:00Z")));

        final CarrierSlots earlier = CarrierSlots.empty();
        earlier.book(FRIDAY_MORNING, calendar);
        final CutOffCalendar movedEarlier = weekdaysAtThree(Map.of(LocalDate.of(2026, 11, 20), Optional.of(LocalTime.of(13, 0))));
        assertThat(earlier.review(Instant.parse("2026-11-20T11:50:00Z"), movedEarlier)).as("moved to 13:00 local, seen at 12:50")
                .containsExactly(new CarrierSlots.Decision.Move(FRIDAY, Instant.parse("2026-11-20T12:00:00Z")));
        assertThat(earlier.review(Instant.parse("2026-11-20T12:00:01Z"), movedEarlier))
                .containsExactly(new CarrierSlots.Decision.Close(Instant.parse("2026-11-20T12:00:00Z")));

        final CarrierSlots missed = CarrierSlots.empty();
        missed.book(FRIDAY_MORNING, calendar);
        assertThat(missed.review(Instant.parse("2026-11-20T12:05:00Z"), movedEarlier))
                .as("moved to 13:00 local but only seen at 13:05: the truck has gone, they leave on Monday")
                .containsExactly(new CarrierSlots.Decision.Move(FRIDAY, MONDAY));

        final CarrierSlots cancelled = CarrierSlots.empty();
        cancelled.book(FRIDAY_MORNING, calendar);
        final CutOffCalendar noPickUp = weekdaysAtThree(Map.of(LocalDate.of(2026, 11, 20), Optional.empty()));
        assertThat(cancelled.review(FRIDAY_MORNING, noPickUp)).containsExactly(new CarrierSlots.Decision.Move(FRIDAY, MONDAY));
    }

    @Test
    void shouldSurviveASnapshot() {
        final CarrierSlots slots = CarrierSlots.empty();
        slots.book(FRIDAY_MORNING, calendar);
        slots.review(FRIDAY.plusSeconds(1), calendar);
        slots.book(FRIDAY.plusSeconds(2), calendar);

        final CarrierSlots restored = CarrierSlots.restore(slots.snapshot());

        assertThat(restored.snapshot()).isEqualTo(slots.snapshot());
        assertThat(restored.snapshot().lastClosedCutOff()).isEqualTo(FRIDAY.toEpochMilli());
        assertThat(restored.review(MONDAY, calendar)).containsExactly(new CarrierSlots.Decision.Close(MONDAY));
    }

    @Test
    void shouldLetParcelsWaitWhileTheCarrierIsPausedAndBookThemOnItsFirstCutOffOnceItResumes() {
        final CutOffCalendar paused = new CutOffCalendar(PARIS, Map.of(), Set.of(), Map.of(), Duration.ofMinutes(30));
        final CarrierSlots slots = CarrierSlots.empty();
        slots.book(FRIDAY_MORNING, calendar);

        assertThat(slots.book(FRIDAY_MORNING, paused)).as("a new parcel waits").isEmpty();
        assertThat(slots.review(FRIDAY.plusSeconds(5), paused)).as("the booked cut-off is gone and has nowhere to go")
                .containsExactly(new CarrierSlots.Decision.Wait(FRIDAY));
        assertThat(slots.review(MONDAY.plusSeconds(5), paused)).as("no cut-off closes while paused").isEmpty();
        assertThat(slots.hasPending()).isTrue();

        final Instant resumedAt = Instant.parse("2026-11-24T13:45:00Z"); // Tuesday 14:45 in Paris: too late to pack for 15:00
        assertThat(CarrierSlots.restore(slots.snapshot()).review(resumedAt, calendar))
                .containsExactly(new CarrierSlots.Decision.Resume(Instant.parse("2026-11-25T14:00:00Z")));
    }

    @Test
    void shouldNeverReopenAClosedCutOffNorAnyOtherInItsMinute() {
        final CarrierSlots slots = CarrierSlots.empty();
        slots.book(FRIDAY_MORNING, calendar);
        assertThat(slots.review(FRIDAY.plusSeconds(5), calendar)).containsExactly(new CarrierSlots.Decision.Close(FRIDAY));

        // A snapshot holding the closed cut-off again (as an earlier version could write) moves it instead of closing it twice.
        final CarrierSlots.Snapshot reopened = new CarrierSlots.Snapshot(List.of(FRIDAY.toEpochMilli()), FRIDAY.toEpochMilli(), false);
        assertThat(CarrierSlots.restore(reopened).review(FRIDAY.plusSeconds(10), calendar))
                .containsExactly(new CarrierSlots.Decision.Move(FRIDAY, MONDAY));

        // Ops move Friday's pick-up half a minute later, into the minute already closed: it is not a new slot.
        final CutOffCalendar sameMinute = new CutOffCalendar(PARIS, Map.of(), Set.of(),
                Map.of(LocalDate.of(2026, 11, 20), Optional.of(LocalTime.of(15, 0, 30))), Duration.ZERO);
        assertThat(slots.book(FRIDAY, sameMinute)).as("the only cut-off ahead is in a closed minute").isEmpty();
    }

    @Test
    void shouldNeverIssueTheSameManifestIdTwiceWhateverTheCalendarsAndClocks() {
        final List<CutOffCalendar> calendars = List.of(calendar,
                weekdaysAtThree(Map.of(LocalDate.of(2026, 11, 23), Optional.of(LocalTime.of(13, 0)))),
                weekdaysAtThree(Map.of(LocalDate.of(2026, 11, 20), Optional.empty())),
                new CutOffCalendar(PARIS, Map.of(), Set.of(), Map.of(), Duration.ZERO),
                CutOffCalendar.repeating(PARIS, Duration.ofHours(6), Set.of(), Map.of(), Duration.ZERO));
        final java.util.Random random = new java.util.Random(14);
        final CarrierSlots slots = CarrierSlots.empty();
        final List<String> issued = new ArrayList<>();
        Instant clock = FRIDAY_MORNING;
        for (int step = 0; step < 2_000; step++) {
            final CutOffCalendar now = calendars.get(random.nextInt(calendars.size()));
            // clocks that disagree by up to an hour either way, moving forward overall
            final Instant seen = clock.plus(Duration.ofMinutes(random.nextInt(120) - 60));
            if (random.nextBoolean()) {
                slots.book(seen, now);
            } else {
                slots.review(seen, now).stream().filter(CarrierSlots.Decision.Close.class::isInstance)
                        .map(d -> ManifestIds.of("c", "w", ((CarrierSlots.Decision.Close) d).cutOff())).forEach(issued::add);
            }
            clock = clock.plus(Duration.ofMinutes(random.nextInt(90)));
        }
        assertThat(issued).hasSizeGreaterThan(20).doesNotHaveDuplicates();
    }

    private static CutOffCalendar weekdaysAtThree(final Map<LocalDate, Optional<LocalTime>> exceptions) {
        final Map<DayOfWeek, LocalTime> weekly = new EnumMap<>(DayOfWeek.class);
        for (final DayOfWeek day : DayOfWeek.values()) {
            if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                weekly.put(day, LocalTime.of(15, 0));
            }
        }
        return new CutOffCalendar(PARIS, weekly, Set.of(), exceptions, Duration.ofMinutes(30));
    }
}
