package org.orderpool.shipping.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.orderpool.carrier.calendar.CarrierCalendarValidator;
import org.orderpool.carrier.calendar.CarrierCalendars;
import org.orderpool.carrier.calendar.CutOffCalendar;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.CarrierCalendarKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carrier calendars as the calendar store has them now, with each calendar's computable form
 * cached until ops change it. The store takes only valid calendars ({@link CalendarTable}); one written
 * there before calendars were checked, and found invalid now, counts as no calendar (logged once).
 */
final class CalendarView {

    private static final Logger LOG = LoggerFactory.getLogger(CalendarView.class);

    private final ReadOnlyKeyValueStore<CarrierCalendarKey, ValueAndTimestamp<CarrierCalendar>> store;
    /** By calendar key: the calendar's text and its computable form, empty when it is invalid. */
    private final Map<CarrierCalendarKey, Map.Entry<String, Optional<CutOffCalendar>>> computed = new HashMap<>();

    CalendarView(final ReadOnlyKeyValueStore<CarrierCalendarKey, ValueAndTimestamp<CarrierCalendar>> store) {
        this.store = store;
    }

    static String slotKey(final String carrierId, final String warehouseId) {
        return carrierId + "|" + warehouseId;
    }

    static CarrierCalendarKey calendarKey(final String slotKey) {
        final int bar = slotKey.indexOf('|');
        return new CarrierCalendarKey(slotKey.substring(0, bar), slotKey.substring(bar + 1));
    }

    /** The cut-offs of a slot's carrier; empty when it has no calendar, or no valid one. */
    Optional<CutOffCalendar> cutOffs(final String slotKey) {
        final CarrierCalendarKey key = calendarKey(slotKey);
        final ValueAndTimestamp<CarrierCalendar> found = store.get(key);
        return found == null || found.value() == null ? Optional.empty() : computed(key, found.value());
    }

    /** Every valid calendar of one warehouse. */
    List<CarrierCalendar> atWarehouse(final String warehouseId) {
        final List<CarrierCalendar> calendars = new ArrayList<>();
        try (KeyValueIterator<CarrierCalendarKey, ValueAndTimestamp<CarrierCalendar>> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value != null && entry.value.value() != null && entry.key.getWarehouseId().equals(warehouseId)
                        && computed(entry.key, entry.value.value()).isPresent()) {
                    calendars.add(entry.value.value());
                }
            });
        }
        return calendars;
    }

    private Optional<CutOffCalendar> computed(final CarrierCalendarKey key, final CarrierCalendar calendar) {
        // Compared as text: Avro 1.12's generated equals() throws on a union holding a logical type
        // (the exceptions' optional cut-off time).
        final String text = calendar.toString();
        final Map.Entry<String, Optional<CutOffCalendar>> cached = computed.get(key);
        if (cached != null && cached.getKey().equals(text)) {
            return cached.getValue();
        }
        final List<String> problems = CarrierCalendarValidator.problems(calendar);
        final Optional<CutOffCalendar> cutOffs;
        if (problems.isEmpty()) {
            cutOffs = Optional.of(CarrierCalendars.toCutOffCalendar(calendar));
        } else {
            LOG.error("The stored {}: it counts as no calendar until a valid one is published",
                    CarrierCalendarValidator.describe(calendar, problems));
            cutOffs = Optional.empty();
        }
        computed.put(key, Map.entry(text, cutOffs));
        return cutOffs;
    }
}
