package org.orderpool.shipping.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.CarrierCalendarKey;
import org.orderpool.shipping.domain.CarrierCalendars;
import org.orderpool.shipping.domain.CutOffCalendar;

/**
 * The carrier calendars as the global table of {@code shipping.carrier-calendars} has them now, with
 * each calendar's computable form cached until ops change it.
 */
final class CalendarView {

    private final ReadOnlyKeyValueStore<CarrierCalendarKey, ValueAndTimestamp<CarrierCalendar>> store;
    /** By calendar key: the calendar's text and its computable form. */
    private final Map<CarrierCalendarKey, Map.Entry<String, CutOffCalendar>> computed = new HashMap<>();

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

    Optional<CarrierCalendar> calendar(final CarrierCalendarKey key) {
        final ValueAndTimestamp<CarrierCalendar> found = store.get(key);
        return found == null ? Optional.empty() : Optional.ofNullable(found.value());
    }

    Optional<CutOffCalendar> cutOffs(final String slotKey) {
        final CarrierCalendarKey key = calendarKey(slotKey);
        return calendar(key).map(calendar -> {
            // Compared as text: Avro 1.12's generated equals() throws on a union holding a logical type
            // (the exceptions' optional cut-off time).
            final String text = calendar.toString();
            final Map.Entry<String, CutOffCalendar> cached = computed.get(key);
            if (cached != null && cached.getKey().equals(text)) {
                return cached.getValue();
            }
            final CutOffCalendar cutOffs = CarrierCalendars.toCutOffCalendar(calendar);
            computed.put(key, Map.entry(text, cutOffs));
            return cutOffs;
        });
    }

    /** Every calendar of one warehouse. */
    List<CarrierCalendar> atWarehouse(final String warehouseId) {
        final List<CarrierCalendar> calendars = new ArrayList<>();
        try (KeyValueIterator<CarrierCalendarKey, ValueAndTimestamp<CarrierCalendar>> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value != null && entry.value.value() != null && entry.key.getWarehouseId().equals(warehouseId)) {
                    calendars.add(entry.value.value());
                }
            });
        }
        return calendars;
    }
}
