package org.orderpool.shipping.topology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
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
 *
 * <p>The store is read whole again only when the updater changed it ({@link CalendarChanges}), or when the last
 * reading is {@link #REREAD_AFTER} old by the pool's wall clock, a safety net for a write that did not go through the
 * updater (none in the service: Kafka Streams restores a global store through its processor; a test's direct write).
 * Reading it, decoding its calendars and comparing them for every order took a fifth of shipping-scheduler's stream
 * thread (docs/performance.md). A calendar ops publish is used from the next order on, as before: the updater counts
 * the change after it wrote the store.
 */
final class CalendarView {

    /** How old a reading of the store may be used when the updater says nothing changed. */
    static final Duration REREAD_AFTER = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(CalendarView.class);

    private final ReadOnlyKeyValueStore<CarrierCalendarKey, ValueAndTimestamp<CarrierCalendar>> store;
    private final CalendarChanges changes;
    private final LongSupplier wallClockMillis;
    /** By calendar key: the calendar's Avro encoding and its computable form, empty when it is invalid. */
    private final Map<CarrierCalendarKey, Map.Entry<byte[], Optional<CutOffCalendar>>> computed = new HashMap<>();
    private final SpecificDatumWriter<CarrierCalendar> writer = new SpecificDatumWriter<>(CarrierCalendar.class);
    private final ByteArrayOutputStream encoded = new ByteArrayOutputStream(1024);
    private BinaryEncoder encoder;
    /** The last reading: each slot's computable calendar (empty when invalid), each warehouse's valid calendars. */
    private Map<String, Optional<CutOffCalendar>> bySlot = Map.of();
    private Map<String, List<CarrierCalendar>> byWarehouse = Map.of();
    private long readAtChange = -1;
    private long readAtMillis;

    /**
     * @param changes         the updater's count of its changes to {@code store}
     * @param wallClockMillis the pool's wall clock (the processor context's)
     */
    CalendarView(final ReadOnlyKeyValueStore<CarrierCalendarKey, ValueAndTimestamp<CarrierCalendar>> store,
                 final CalendarChanges changes, final LongSupplier wallClockMillis) {
        this.store = store;
        this.changes = changes;
        this.wallClockMillis = wallClockMillis;
    }

    static String slotKey(final String carrierId, final String warehouseId) {
        return carrierId + "|" + warehouseId;
    }

    /** The cut-offs of a slot's carrier; empty when it has no calendar, or no valid one. */
    Optional<CutOffCalendar> cutOffs(final String slotKey) {
        readIfChanged();
        return bySlot.getOrDefault(slotKey, Optional.empty());
    }

    /** Every valid calendar of one warehouse. */
    List<CarrierCalendar> atWarehouse(final String warehouseId) {
        readIfChanged();
        return byWarehouse.getOrDefault(warehouseId, List.of());
    }

    private void readIfChanged() {
        final long change = changes.count(); // before reading: a change made while reading is read again next time
        final long now = wallClockMillis.getAsLong();
        if (change == readAtChange && now - readAtMillis < REREAD_AFTER.toMillis() && now >= readAtMillis) {
            return;
        }
        final Map<String, Optional<CutOffCalendar>> slots = new HashMap<>();
        final Map<String, List<CarrierCalendar>> warehouses = new HashMap<>();
        try (KeyValueIterator<CarrierCalendarKey, ValueAndTimestamp<CarrierCalendar>> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value != null && entry.value.value() != null) {
                    final Optional<CutOffCalendar> cutOffs = computed(entry.key, entry.value.value());
                    slots.put(slotKey(entry.key.getCarrierId(), entry.key.getWarehouseId()), cutOffs);
                    if (cutOffs.isPresent()) {
                        warehouses.computeIfAbsent(entry.key.getWarehouseId(), w -> new ArrayList<>()).add(entry.value.value());
                    }
                }
            });
        }
        bySlot = slots;
        warehouses.replaceAll((warehouse, calendars) -> List.copyOf(calendars));
        byWarehouse = warehouses;
        readAtChange = change;
        readAtMillis = now;
    }

    private Optional<CutOffCalendar> computed(final CarrierCalendarKey key, final CarrierCalendar calendar) {
        // Compared by their Avro encoding: Avro 1.12's generated equals() throws on a union holding a logical
        // type (the exceptions' optional cut-off time). Not by toString(): when this ran for every order and every
        // calendar of its warehouse, the text took 7 % of shipping-scheduler's stream threads in a PipelineBenchmark
        // profile, the encoding under 1 % in the next (docs/performance.md); it now runs once per reading of the store.
        final byte[] bytes = encode(calendar);
        final Map.Entry<byte[], Optional<CutOffCalendar>> cached = computed.get(key);
        if (cached != null && Arrays.equals(cached.getKey(), bytes)) {
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
        computed.put(key, Map.entry(bytes, cutOffs));
        return cutOffs;
    }

    private byte[] encode(final CarrierCalendar calendar) {
        encoded.reset();
        encoder = EncoderFactory.get().binaryEncoder(encoded, encoder);
        try {
            writer.write(calendar, encoder);
            encoder.flush();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot encode the calendar of " + calendar.getCarrierId(), e);
        }
        return encoded.toByteArray();
    }
}
