package org.orderpool.dashboard.actions;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.orderpool.carrier.calendar.CarrierCalendarValidator;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.CarrierCalendarKey;
import org.orderpool.contracts.CutOffException;
import org.orderpool.contracts.OpsActionType;
import org.orderpool.contracts.Weekday;
import org.orderpool.contracts.WeeklyCutOff;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.dashboard.PipelineView;
import org.orderpool.dashboard.actions.ActionRejected.FieldProblem;
import org.orderpool.dashboard.actions.ConsoleActions.Effect;

/**
 * A one-day change of a carrier's calendar on {@code shipping.carrier-calendars}: a late truck (a later
 * cut-off on a day with one), no pick-up that day, or an extra pick-up (a cut-off on a day without
 * one). The whole calendar is republished with that day's exception replaced, after the same
 * {@link CarrierCalendarValidator} the calendar publisher and shipping-scheduler use has passed it.
 */
public final class CalendarExceptionActions {

    /** Kinds of one-day change. */
    public enum Kind { LATE_TRUCK, NO_PICKUP, EXTRA_PICKUP }

    /** What an operator sends: {@code date} YYYY-MM-DD and {@code cutOffTime} HH:mm, local to the calendar's time zone. */
    public record ExceptionRequest(String carrierId, String warehouseId, String date, String kind, String cutOffTime, String reason,
                                   String actionId) {
    }

    private final BoundTopics topics;
    private final PipelineView view;
    private final Clock clock;

    public CalendarExceptionActions(final BoundTopics topics, final PipelineView view, final Clock clock) {
        this.topics = topics;
        this.view = view;
        this.clock = clock;
    }

    public Effect except(final String actionId, final ExceptionRequest request) {
        final List<FieldProblem> problems = new ArrayList<>();
        final CarrierCalendarKey key = new CarrierCalendarKey(request.carrierId() == null ? "" : request.carrierId().strip(),
                request.warehouseId() == null ? "" : request.warehouseId().strip());
        final CarrierCalendar current = view.calendar(key).orElseThrow(() -> ActionRejected.unknown("unknown_calendar",
                "no calendar of carrier '" + key.getCarrierId() + "' at warehouse '" + key.getWarehouseId() + "' on shipping.carrier-calendars"));
        final String reason = FraudListActions.required(request.reason(), "reason", problems);
        final Kind kind = kind(request.kind(), problems);
        final LocalDate date = date(request.date(), problems);
        final LocalTime time = kind == null || kind == Kind.NO_PICKUP ? null : time(request.cutOffTime(), problems);
        if (date != null) {
            final LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(current.getTimeZone())));
            if (date.isBefore(today)) {
                problems.add(new FieldProblem("date", "in_the_past", "date " + date + " is before today (" + today + ") at the warehouse"));
            }
        }
        if (problems.isEmpty() && current.getCutOffEveryMinutes() == null) {
            final Optional<LocalTime> regular = regularCutOff(current, date);
            if (kind == Kind.LATE_TRUCK && regular.isEmpty()) {
                problems.add(new FieldProblem("kind", "no_regular_pickup", "there is no regular pick-up on " + date + ": use EXTRA_PICKUP"));
            } else if (kind == Kind.LATE_TRUCK && !time.isAfter(regular.get())) {
                problems.add(new FieldProblem("cutOffTime", "not_later", "a late truck's cut-off must be after the regular " + regular.get()));
            } else if (kind == Kind.EXTRA_PICKUP && regular.isPresent()) {
                problems.add(new FieldProblem("kind", "has_regular_pickup", "there is a regular pick-up at " + regular.get() + " on " + date
                        + ": use LATE_TRUCK to move it"));
            }
        }
        if (!problems.isEmpty()) {
            throw ActionRejected.invalid(problems);
        }
        final CutOffException before = current.getExceptions().stream().filter(e -> e.getDate().equals(date)).findFirst().orElse(null);
        final List<CutOffException> exceptions = new ArrayList<>(current.getExceptions().stream().filter(e -> !e.getDate().equals(date)).toList());
        final CutOffException exception = new CutOffException(date, time, kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + reason);
        exceptions.add(exception);
        final CarrierCalendar changed = CarrierCalendar.newBuilder(current).setExceptions(exceptions).setUpdatedAt(clock.instant()).build();
        final List<String> invalid = CarrierCalendarValidator.problems(changed);
        if (!invalid.isEmpty()) {
            throw ActionRejected.invalid(invalid.stream().map(p -> new FieldProblem(p.contains(":") ? p.substring(0, p.indexOf(':')) : "calendar",
                    "invalid", p)).toList());
        }
        return new Effect(OpsActionType.CALENDAR_EXCEPTION, key.getCarrierId() + "|" + key.getWarehouseId(),
                Topics.SHIPPING_CARRIER_CALENDARS.name(), kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " for "
                + current.getCarrierName() + " on " + date + (time == null ? "" : " (cut-off " + time + ")"), reason,
                before == null ? null : before.toString(), exception.toString(),
                List.of(ConsoleRecords.record(topics, Topics.SHIPPING_CARRIER_CALENDARS, key, changed)),
                Map.of("carrierId", key.getCarrierId(), "warehouseId", key.getWarehouseId(), "date", date.toString(),
                        "cutOffTime", time == null ? "none" : time.toString()));
    }

    private static Optional<LocalTime> regularCutOff(final CarrierCalendar calendar, final LocalDate date) {
        if (calendar.getHolidays().contains(date)) {
            return Optional.empty();
        }
        final Weekday weekday = Weekday.valueOf(date.getDayOfWeek().name());
        return calendar.getWeeklyCutOffs().stream().filter(c -> c.getDayOfWeek() == weekday).map(WeeklyCutOff::getCutOffTime).findFirst();
    }

    private static Kind kind(final String text, final List<FieldProblem> problems) {
        try {
            return Kind.valueOf(text == null ? "" : text.strip().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            problems.add(new FieldProblem("kind", "invalid", "kind must be LATE_TRUCK, NO_PICKUP or EXTRA_PICKUP"));
            return null;
        }
    }

    private static LocalDate date(final String text, final List<FieldProblem> problems) {
        try {
            return LocalDate.parse(text == null ? "" : text.strip());
        } catch (final DateTimeParseException e) {
            problems.add(new FieldProblem("date", "invalid", "date must be YYYY-MM-DD"));
            return null;
        }
    }

    private static LocalTime time(final String text, final List<FieldProblem> problems) {
        try {
            return LocalTime.parse(text == null ? "" : text.strip());
        } catch (final DateTimeParseException e) {
            problems.add(new FieldProblem("cutOffTime", "invalid", "cutOffTime must be HH:mm, local to the warehouse"));
            return null;
        }
    }
}
