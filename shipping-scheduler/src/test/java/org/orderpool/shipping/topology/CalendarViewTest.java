package org.orderpool.shipping.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;
import org.orderpool.carrier.calendar.CarrierCalendars;
import org.orderpool.carrier.calendar.CutOffCalendar;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.CarrierCalendarKey;

/** The calendar view computes a calendar once, and again only when ops publish a different one. */
class CalendarViewTest {

    private static final String CALENDAR = """
            [{"carrierId": "colis-express", "carrierName": "Colis Express", "warehouseId": "pool-wh-1", "timeZone": "Europe/Paris",
              "cutOffEveryMinutes": 30, "packingLeadTimeMinutes": 10,
              "services": [{"serviceCode": "CX-HOME", "shippingMethod": "STANDARD", "maxParcelWeightGrams": 30000,
                            "destinationCountries": ["FR"]}]}]
            """;
    private static final CarrierCalendarKey KEY = new CarrierCalendarKey("colis-express", "pool-wh-1");
    private static final String SLOT = CalendarView.slotKey("colis-express", "pool-wh-1");

    private final Map<CarrierCalendarKey, ValueAndTimestamp<CarrierCalendar>> stored = new TreeMap<>();
    private final CalendarView view = new CalendarView(new MapStore(stored));

    @Test
    void shouldComputeACalendarOnceWhileOpsRepublishItUnchanged() {
        publish(calendar());
        final CutOffCalendar first = view.cutOffs(SLOT).orElseThrow();

        publish(calendar()); // the same calendar, another object (as the store decodes it on every read)

        assertThat(view.cutOffs(SLOT)).containsSame(first);
        assertThat(view.atWarehouse("pool-wh-1")).hasSize(1);
        assertThat(view.cutOffs(SLOT)).containsSame(first);
    }

    @Test
    void shouldUseACalendarThatOpsChangedAtOnce() {
        publish(calendar());
        assertThat(view.cutOffs(SLOT).orElseThrow().packingLeadTime()).isEqualTo(Duration.ofMinutes(10));

        publish(CarrierCalendar.newBuilder(calendar()).setPackingLeadTimeMinutes(25).build());

        assertThat(view.cutOffs(SLOT).orElseThrow().packingLeadTime()).isEqualTo(Duration.ofMinutes(25));
    }

    private static CarrierCalendar calendar() {
        return CarrierCalendars.load(new ByteArrayInputStream(CALENDAR.getBytes(StandardCharsets.UTF_8)),
                Instant.parse("2026-12-01T08:00:00Z")).get(0);
    }

    private void publish(final CarrierCalendar calendar) {
        stored.put(KEY, ValueAndTimestamp.make(calendar, 0L));
    }

    /** The global calendar store as the view reads it. */
    private record MapStore(Map<CarrierCalendarKey, ValueAndTimestamp<CarrierCalendar>> entries)
            implements ReadOnlyKeyValueStore<CarrierCalendarKey, ValueAndTimestamp<CarrierCalendar>> {

        @Override
        public ValueAndTimestamp<CarrierCalendar> get(final CarrierCalendarKey key) {
            return entries.get(key);
        }

        @Override
        public KeyValueIterator<CarrierCalendarKey, ValueAndTimestamp<CarrierCalendar>> range(final CarrierCalendarKey from,
                                                                                               final CarrierCalendarKey to) {
            throw new UnsupportedOperationException("the view reads single calendars and all of them");
        }

        @Override
        public KeyValueIterator<CarrierCalendarKey, ValueAndTimestamp<CarrierCalendar>> all() {
            final Iterator<Map.Entry<CarrierCalendarKey, ValueAndTimestamp<CarrierCalendar>>> it = entries.entrySet().iterator();
            return new KeyValueIterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public KeyValue<CarrierCalendarKey, ValueAndTimestamp<CarrierCalendar>> next() {
                    final Map.Entry<CarrierCalendarKey, ValueAndTimestamp<CarrierCalendar>> entry = it.next();
                    return KeyValue.pair(entry.getKey(), entry.getValue());
                }

                @Override
                public CarrierCalendarKey peekNextKey() {
                    throw new UnsupportedOperationException("not used by the view");
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public long approximateNumEntries() {
            return entries.size();
        }
    }
}
