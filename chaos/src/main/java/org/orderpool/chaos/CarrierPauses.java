package org.orderpool.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orderpool.carrier.calendar.CarrierCalendarValidator;
import org.orderpool.contracts.CarrierCalendar;

/**
 * When each carrier was paused, read from shipping.carrier-calendars: from a calendar with no pick-up
 * at all (no weekly cut-offs, no cut-off every N minutes, no exception with a cut-off), as ops dated it,
 * until the carrier's next calendar. No truck comes at a cut-off in a pause: its parcels wait for the
 * carrier, and a cancellation then is in time. An invalid calendar neither pauses nor resumes a carrier:
 * shipping-scheduler dead-letters it and keeps the carrier's last valid one ({@link CarrierCalendarValidator}).
 */
final class CarrierPauses {

    /**
     * How long after the resuming calendar was written a cut-off still counts as paused: the scheduler reads the
     * calendar a moment later, and a cancellation it handles meanwhile still finds the carrier paused.
     */
    static final Duration RESUME_SEEN_WITHIN = Duration.ofSeconds(5);

    private record Pause(Instant from, Instant until) {
    }

    private final Map<String, List<Pause>> bySlot;

    private CarrierPauses(final Map<String, List<Pause>> bySlot) {
        this.bySlot = bySlot;
    }

    /** @param calendars the calendar records in the order they were written (one key's records are in one partition) */
    static CarrierPauses of(final List<CarrierCalendar> calendars) {
        final Map<String, List<Pause>> bySlot = new HashMap<>();
        final Map<String, Instant> pausedSince = new HashMap<>();
        for (final CarrierCalendar calendar : calendars) {
            if (!CarrierCalendarValidator.problems(calendar).isEmpty()) {
                continue;
            }
            final String slot = slot(calendar.getCarrierId(), calendar.getWarehouseId());
            final Instant since = pausedSince.remove(slot);
            if (since != null) {
                bySlot.computeIfAbsent(slot, s -> new ArrayList<>()).add(new Pause(since, calendar.getUpdatedAt().plus(RESUME_SEEN_WITHIN)));
            }
            if (hasNoPickUp(calendar)) {
                pausedSince.put(slot, calendar.getUpdatedAt());
            }
        }
        pausedSince.forEach((slot, since) -> bySlot.computeIfAbsent(slot, s -> new ArrayList<>()).add(new Pause(since, Instant.MAX)));
        return new CarrierPauses(bySlot);
    }

    boolean pausedAt(final String carrierId, final String warehouseId, final Instant cutOff) {
        return bySlot.getOrDefault(slot(carrierId, warehouseId), List.of()).stream()
                .anyMatch(pause -> !cutOff.isBefore(pause.from()) && cutOff.isBefore(pause.until()));
    }

    private static boolean hasNoPickUp(final CarrierCalendar calendar) {
        return calendar.getWeeklyCutOffs().isEmpty() && calendar.getCutOffEveryMinutes() == null
                && calendar.getExceptions().stream().allMatch(exception -> exception.getCutOffTime() == null);
    }

    private static String slot(final String carrierId, final String warehouseId) {
        return carrierId + "@" + warehouseId;
    }
}
