package org.orderpool.carrier.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When one carrier collects from one warehouse: a cut-off time per weekday in the warehouse's local
 * time, holidays without a pick-up, one-off exceptions (another time, or no pick-up) that win over
 * both, and the packing lead time a parcel needs before its cut-off.
 *
 * <p>Cut-offs are local times, so they follow the warehouse's clock through daylight-saving changes:
 * 15:00 in Paris is 14:00 UTC in winter and 13:00 UTC in summer. A local time that does not exist on
 * the day the clocks go forward is moved forward by the length of the gap; one that exists twice on
 * the day they go back is the earlier of the two (java.time's rules, which the tests pin).
 *
 * <p>A demo or test calendar may instead have a cut-off every few minutes around the clock, counted
 * from local midnight; holidays and exceptions still apply to it.
 *
 * <p>A calendar with no cut-off in the coming year (no weekly cut-off, no repeating one, no exception
 * with a pick-up) is a paused carrier: it is valid, and asking it for a cut-off answers none.
 */
public final class CutOffCalendar {

    /** How far ahead a cut-off is looked for: a calendar with none within this many days has its carrier paused. */
    static final int SEARCH_DAYS = 366;
    /** The longest interval between two cut-offs of a repeating (demo) calendar. */
    public static final Duration LONGEST_REPEAT = Duration.ofDays(1);

    private final ZoneId zone;
    private final Map<DayOfWeek, LocalTime> weekly;
    private final Set<LocalDate> holidays;
    private final Map<LocalDate, Optional<LocalTime>> exceptions;
    private final Duration packingLeadTime;
    private final Optional<Duration> every;

    public CutOffCalendar(final ZoneId zone, final Map<DayOfWeek, LocalTime> weekly, final Set<LocalDate> holidays,
                          final Map<LocalDate, Optional<LocalTime>> exceptions, final Duration packingLeadTime) {
        this(zone, weekly, holidays, exceptions, packingLeadTime, Optional.empty());
    }

    /** A calendar with a cut-off every {@code every} from local midnight instead of the weekly cut-offs. */
    public static CutOffCalendar repeating(final ZoneId zone, final Duration every, final Set<LocalDate> holidays,
                                           final Map<LocalDate, Optional<LocalTime>> exceptions, final Duration packingLeadTime) {
        if (every.isNegative() || every.isZero() || every.compareTo(LONGEST_REPEAT) > 0) {
            throw new IllegalArgumentException("a repeating cut-off must come every minute to every day, not every " + every);
        }
        return new CutOffCalendar(zone, Map.of(), holidays, exceptions, packingLeadTime, Optional.of(every));
    }

    private CutOffCalendar(final ZoneId zone, final Map<DayOfWeek, LocalTime> weekly, final Set<LocalDate> holidays,
                           final Map<LocalDate, Optional<LocalTime>> exceptions, final Duration packingLeadTime,
                           final Optional<Duration> every) {
        this.zone = zone;
        this.weekly = Map.copyOf(weekly);
        this.holidays = Set.copyOf(holidays);
        this.exceptions = Map.copyOf(exceptions);
        this.packingLeadTime = packingLeadTime;
        this.every = every;
    }

    /** The cut-offs on a local date, earliest first; empty when the carrier does not collect that day. */
    public List<Instant> cutOffsOn(final LocalDate date) {
        if (exceptions.containsKey(date)) {
            return exceptions.get(date).map(t -> List.of(ZonedDateTime.of(date, t, zone).toInstant())).orElse(List.of());
        }
        if (holidays.contains(date)) {
            return List.of();
        }
        if (every.isPresent()) {
            final List<Instant> cutOffs = new ArrayList<>();
            final Instant end = date.plusDays(1).atStartOfDay(zone).toInstant();
            for (Instant t = date.atStartOfDay(zone).toInstant(); t.isBefore(end); t = t.plus(every.get())) {
                cutOffs.add(t);
            }
            return cutOffs;
        }
        return Optional.ofNullable(weekly.get(date.getDayOfWeek())).map(t -> List.of(ZonedDateTime.of(date, t, zone).toInstant()))
                .orElse(List.of());
    }

    /** Whether the calendar (as it is now) has a cut-off at this instant. */
    public boolean isCutOff(final Instant instant) {
        return cutOffsOn(instant.atZone(zone).toLocalDate()).contains(instant);
    }

    /**
     * The first cut-off a parcel ready to be packed at {@code readyAt} can still make: the parcel needs
     * the packing lead time before it. Empty while the carrier is paused: no cut-off within a year.
     */
    public Optional<Instant> nextCutOff(final Instant readyAt) {
        return firstCutOffFrom(readyAt.plus(packingLeadTime), true);
    }

    /**
     * The first cut-off strictly after {@code instant}, whatever the lead time: where parcels go when
     * the slot they were booked on is closed or gone. Empty while the carrier is paused.
     */
    public Optional<Instant> firstCutOffAfter(final Instant instant) {
        return firstCutOffFrom(instant, false);
    }

    private Optional<Instant> firstCutOffFrom(final Instant from, final boolean inclusive) {
        final LocalDate first = from.atZone(zone).toLocalDate();
        if (weekly.isEmpty() && every.isEmpty()) {
            // A paused carrier: only its exceptions can have a pick-up, no need to walk a year day by day.
            return exceptions.entrySet().stream().filter(e -> e.getValue().isPresent() && !e.getKey().isBefore(first))
                    .map(e -> ZonedDateTime.of(e.getKey(), e.getValue().get(), zone).toInstant())
                    .filter(cutOff -> cutOff.isAfter(from) || inclusive && cutOff.equals(from))
                    .filter(cutOff -> cutOff.isBefore(first.plusDays(SEARCH_DAYS).atStartOfDay(zone).toInstant()))
                    .min(Comparator.naturalOrder());
        }
        for (int day = 0; day < SEARCH_DAYS; day++) {
            for (final Instant cutOff : cutOffsOn(first.plusDays(day))) {
                if (cutOff.isAfter(from) || inclusive && cutOff.equals(from)) {
                    return Optional.of(cutOff);
                }
            }
        }
        return Optional.empty();
    }

    public Duration packingLeadTime() {
        return packingLeadTime;
    }
}
