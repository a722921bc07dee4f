package org.orderpool.shipping.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
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
 */
public final class CutOffCalendar {

    /** How far ahead a cut-off is looked for before the calendar is declared empty. */
    static final int SEARCH_DAYS = 366;

    private final ZoneId zone;
    private final Map<DayOfWeek, LocalTime> weekly;
    private final Set<LocalDate> holidays;
    private final Map<LocalDate, Optional<LocalTime>> exceptions;
    private final Duration packingLeadTime;

    public CutOffCalendar(final ZoneId zone, final Map<DayOfWeek, LocalTime> weekly, final Set<LocalDate> holidays,
                          final Map<LocalDate, Optional<LocalTime>> exceptions, final Duration packingLeadTime) {
        this.zone = zone;
        this.weekly = Map.copyOf(weekly);
        this.holidays = Set.copyOf(holidays);
        this.exceptions = Map.copyOf(exceptions);
        this.packingLeadTime = packingLeadTime;
    }

    /** The cut-off on a local date, if the carrier collects that day. */
    public Optional<Instant> cutOffOn(final LocalDate date) {
        final Optional<LocalTime> time = exceptions.containsKey(date) ? exceptions.get(date)
                : holidays.contains(date) ? Optional.empty() : Optional.ofNullable(weekly.get(date.getDayOfWeek()));
        return time.map(t -> ZonedDateTime.of(date, t, zone).toInstant());
    }

    /**
     * The first cut-off a parcel ready to be packed at {@code readyAt} can still make: the parcel needs
     * the packing lead time before it.
     *
     * @throws IllegalStateException when the calendar has no cut-off within a year
     */
    public Instant nextCutOff(final Instant readyAt) {
        final Instant packed = readyAt.plus(packingLeadTime);
        final LocalDate first = packed.atZone(zone).toLocalDate();
        for (int day = 0; day < SEARCH_DAYS; day++) {
            final Optional<Instant> cutOff = cutOffOn(first.plusDays(day));
            if (cutOff.isPresent() && !cutOff.get().isBefore(packed)) {
                return cutOff.get();
            }
        }
        throw new IllegalStateException("no cut-off in the " + SEARCH_DAYS + " days after " + readyAt
                + ": the calendar has no weekly cut-off and no exception with a pick-up");
    }

    /** Every cut-off in {@code (after, upTo]}, oldest first: the slots to close after a downtime. */
    public List<Instant> cutOffsBetween(final Instant after, final Instant upTo) {
        final List<Instant> cutOffs = new ArrayList<>();
        final LocalDate last = upTo.atZone(zone).toLocalDate();
        for (LocalDate date = after.atZone(zone).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
            cutOffOn(date).filter(c -> c.isAfter(after) && !c.isAfter(upTo)).ifPresent(cutOffs::add);
        }
        return cutOffs;
    }

    public Duration packingLeadTime() {
        return packingLeadTime;
    }
}
