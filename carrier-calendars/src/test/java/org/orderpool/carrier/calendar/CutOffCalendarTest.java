package org.orderpool.carrier.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CutOffCalendarTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final LocalTime THREE_PM = LocalTime.of(15, 0);

    /** Monday to Friday at 15:00, Christmas off, an early pick-up on Christmas Eve, 30 minutes to pack. */
    private final CutOffCalendar calendar = new CutOffCalendar(PARIS, weekdaysAt(THREE_PM), Set.of(LocalDate.of(2026, 12, 25)),
            Map.of(LocalDate.of(2026, 12, 24), Optional.of(LocalTime.of(12, 0)), LocalDate.of(2026, 12, 31), Optional.empty()),
            Duration.ofMinutes(30));

    @Test
    void shouldBookAParcelOnTodaysCutOffWhenItCanBePackedInTime() {
        // Friday 20 November 2026, 13:00 in Paris (12:00 UTC, winter time)
        assertThat(calendar.nextCutOff(Instant.parse("2026-11-20T12:00:00Z"))).contains(Instant.parse("2026-11-20T14:00:00Z"));
    }

    @Test
    void shouldRollALateParcelToTheNextWorkingDay() {
        // Friday 14:45 in Paris: 30 minutes of packing miss 15:00; Saturday and Sunday have no pick-up
        assertThat(calendar.nextCutOff(Instant.parse("2026-11-20T13:45:00Z"))).contains(Instant.parse("2026-11-23T14:00:00Z"));
        assertThat(calendar.nextCutOff(Instant.parse("2026-11-20T13:30:00Z"))).as("exactly on time still makes it")
                .contains(Instant.parse("2026-11-20T14:00:00Z"));
    }

    @Test
    void shouldSkipHolidaysAndApplyExceptions() {
        // Thursday 24 December: early pick-up at 12:00; Friday 25: holiday
        assertThat(calendar.cutOffsOn(LocalDate.of(2026, 12, 24))).contains(Instant.parse("2026-12-24T11:00:00Z"));
        assertThat(calendar.nextCutOff(Instant.parse("2026-12-24T11:00:00Z"))).as("too late for the early pick-up; 25th is off")
                .contains(Instant.parse("2026-12-28T14:00:00Z"));
        assertThat(calendar.cutOffsOn(LocalDate.of(2026, 12, 31))).as("an exception without a pick-up").isEmpty();
    }

    @Test
    void shouldFollowTheWarehouseClockOnTheDayClocksGoForward() {
        // Sunday 29 March 2026: Paris moves from UTC+1 to UTC+2 at 02:00; the carrier collects on Sundays here
        final CutOffCalendar everyDay = new CutOffCalendar(PARIS, everyDayAt(THREE_PM), Set.of(), Map.of(
                LocalDate.of(2026, 3, 30), Optional.of(LocalTime.of(2, 30))), Duration.ZERO);

        assertThat(everyDay.cutOffsOn(LocalDate.of(2026, 3, 28))).contains(Instant.parse("2026-03-28T14:00:00Z"));
        assertThat(everyDay.cutOffsOn(LocalDate.of(2026, 3, 29))).contains(Instant.parse("2026-03-29T13:00:00Z"));
        final CutOffCalendar inTheGap = new CutOffCalendar(PARIS, Map.of(DayOfWeek.SUNDAY, LocalTime.of(2, 30)), Set.of(), Map.of(),
                Duration.ZERO);
        assertThat(inTheGap.cutOffsOn(LocalDate.of(2026, 3, 29))).as("02:30 does not exist that night: moved to 03:30 summer time")
                .contains(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void shouldFollowTheWarehouseClockOnTheDayClocksGoBack() {
        // Sunday 25 October 2026: Paris moves from UTC+2 back to UTC+1 at 03:00
        final CutOffCalendar everyDay = new CutOffCalendar(PARIS, everyDayAt(THREE_PM), Set.of(), Map.of(), Duration.ofHours(2));

        assertThat(everyDay.cutOffsOn(LocalDate.of(2026, 10, 24))).contains(Instant.parse("2026-10-24T13:00:00Z"));
        assertThat(everyDay.cutOffsOn(LocalDate.of(2026, 10, 25))).contains(Instant.parse("2026-10-25T14:00:00Z"));
        // ready at 12:30 local (11:30 UTC) with 2 h of packing: 14:30 local is before 15:00 local
        assertThat(everyDay.nextCutOff(Instant.parse("2026-10-25T11:30:00Z"))).contains(Instant.parse("2026-10-25T14:00:00Z"));
        final CutOffCalendar inTheOverlap = new CutOffCalendar(PARIS, Map.of(DayOfWeek.SUNDAY, LocalTime.of(2, 30)), Set.of(), Map.of(),
                Duration.ZERO);
        assertThat(inTheOverlap.cutOffsOn(LocalDate.of(2026, 10, 25))).as("02:30 happens twice that night: the first one")
                .contains(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void shouldRepeatADemoCutOffAroundTheClockButKeepHolidaysAndExceptions() {
        final CutOffCalendar everyTwoMinutes = CutOffCalendar.repeating(PARIS, Duration.ofMinutes(2), Set.of(LocalDate.of(2026, 12, 25)),
                Map.of(LocalDate.of(2026, 12, 24), Optional.of(LocalTime.of(12, 0))), Duration.ofSeconds(30));

        assertThat(everyTwoMinutes.nextCutOff(Instant.parse("2026-11-20T10:15:10Z"))).contains(Instant.parse("2026-11-20T10:16:00Z"));
        assertThat(everyTwoMinutes.nextCutOff(Instant.parse("2026-11-20T10:15:31Z"))).as("lead time").contains(Instant.parse("2026-11-20T10:18:00Z"));
        assertThat(everyTwoMinutes.cutOffsOn(LocalDate.of(2026, 11, 20))).hasSize(720);
        assertThat(everyTwoMinutes.cutOffsOn(LocalDate.of(2026, 3, 29))).as("23 hours on the day clocks go forward").hasSize(690);
        assertThat(everyTwoMinutes.cutOffsOn(LocalDate.of(2026, 12, 25))).isEmpty();
        assertThat(everyTwoMinutes.cutOffsOn(LocalDate.of(2026, 12, 24))).containsExactly(Instant.parse("2026-12-24T11:00:00Z"));
        assertThat(everyTwoMinutes.firstCutOffAfter(Instant.parse("2026-11-20T10:16:00Z"))).contains(Instant.parse("2026-11-20T10:18:00Z"));
    }

    @Test
    void shouldHaveNoCutOffWhileTheCarrierIsPaused() {
        final CutOffCalendar paused = new CutOffCalendar(PARIS, Map.of(), Set.of(), Map.of(), Duration.ZERO);

        assertThat(paused.nextCutOff(Instant.parse("2026-11-20T12:00:00Z"))).isEmpty();
        assertThat(paused.firstCutOffAfter(Instant.parse("2026-11-20T12:00:00Z"))).isEmpty();
    }

    @Test
    void shouldResumeAPausedCarrierOnTheDayOfItsFirstExceptionWithAPickUp() {
        final CutOffCalendar pausedUntilMonday = new CutOffCalendar(PARIS, Map.of(), Set.of(LocalDate.of(2026, 11, 23)),
                Map.of(LocalDate.of(2026, 11, 21), Optional.empty(), LocalDate.of(2026, 11, 23), Optional.of(THREE_PM)),
                Duration.ofMinutes(30));

        assertThat(pausedUntilMonday.nextCutOff(Instant.parse("2026-11-20T12:00:00Z"))).as("the exception wins over the holiday")
                .contains(Instant.parse("2026-11-23T14:00:00Z"));
        assertThat(pausedUntilMonday.nextCutOff(Instant.parse("2026-11-23T13:45:00Z"))).as("too late to pack for it: paused again")
                .isEmpty();
        assertThat(pausedUntilMonday.firstCutOffAfter(Instant.parse("2026-11-23T13:59:59Z"))).contains(Instant.parse("2026-11-23T14:00:00Z"));
    }

    private static Map<DayOfWeek, LocalTime> weekdaysAt(final LocalTime time) {
        final Map<DayOfWeek, LocalTime> days = new EnumMap<>(DayOfWeek.class);
        for (final DayOfWeek day : DayOfWeek.values()) {
            if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                days.put(day, time);
            }
        }
        return days;
    }

    private static Map<DayOfWeek, LocalTime> everyDayAt(final LocalTime time) {
        final Map<DayOfWeek, LocalTime> days = new EnumMap<>(DayOfWeek.class);
        for (final DayOfWeek day : DayOfWeek.values()) {
            days.put(day, time);
        }
        return days;
    }
}
