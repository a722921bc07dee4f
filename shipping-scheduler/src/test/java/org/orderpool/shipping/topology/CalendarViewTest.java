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

/**
 * The calendar view computes a calendar once, and again only when ops publish a different one; it reads the store again
 * when the updater changed it, or a second after its last reading.
 */
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
    private final MapStore store = new MapStore(stored);
    private final CalendarChanges changes = new CalendarChanges();
    private long wallClockMillis = 1_000_000L;
    private final CalendarView view = new CalendarView(store, changes, () -> wallClockMillis);

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

    @Test
    void shouldReadTheStoreOnceForManyOrdersWhileNothingChanged() {
        publish(calendar());

        for (int order = 0; order < 100; order++) {
            assertThat(view.cutOffs(SLOT)).isPresent();
            assertThat(view.atWarehouse("pool-wh-1")).hasSize(1);
        }

        assertThat(store.readings).isEqualTo(1);
        publish(CarrierCalendar.newBuilder(calendar()).setPackingLeadTimeMinutes(25).build());
        assertThat(view.cutOffs(SLOT).orElseThrow().packingLeadTime()).isEqualTo(Duration.ofMinutes(25));
        assertThat(store.readings).isEqualTo(2);
    }

    @Test
    void shouldSeeAStoreWrittenPastItsUpdaterASecondLater() {
        publish(calendar());
        assertThat(view.cutOffs(SLOT)).isPresent();

        stored.remove(KEY); // a write past the updater, which does not count it
        wallClockMillis += CalendarView.REREAD_AFTER.toMillis() - 1;
        assertThat(view.cutOffs(SLOT)).as("the reading is not a second old yet").isPresent();
        wallClockMillis += 1;

        assertThat(view.cutOffs(SLOT)).isEmpty();
        assertThat(view.atWarehouse("pool-wh-1")).isEmpty();
    }

    @Test
    void shouldCountAnInvalidStoredCalendarAsNone() {
        publish(CarrierCalendar.newBuilder(calendar()).setTimeZone("Mars/Olympus_Mons").build());

        assertThat(view.cutOffs(SLOT)).isEmpty();
        assertThat(view.atWarehouse("pool-wh-1")).isEmpty();
        assertThat(view.cutOffs(CalendarView.slotKey("relais-pro", "pool-wh-1"))).as("no calendar at all").isEmpty();
    }

    private static CarrierCalendar calendar() {
        return CarrierCalendars.load(new ByteArrayInputStream(CALENDAR.getBytes(StandardCharsets.UTF_8)),
                Instant.parse("2026-12-01T08:00:00Z")).get(0);
    }

    /** As the updater does: writes the store, then counts the change. */
    private void publish(final CarrierCalendar calendar) {
        stored.put(KEY, ValueAndTimestamp.make(calendar, 0L));
        changes.changed();
    }

    /** The global calendar store as the view reads it, counting how often it is read whole. */
    private static final class MapStore implements ReadOnlyKeyValueStore<CarrierCalendarKey, ValueAndTimestamp<CarrierCalendar>> {

        private final Map<CarrierCalendarKey, ValueAndTimestamp<CarrierCalendar>> entries;
        private int readings;

        MapStore(final Map<CarrierCalendarKey, ValueAndTimestamp<CarrierCalendar>> entries) {
            this.entries = entries;
        }

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
            readings++;
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
