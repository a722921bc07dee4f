package org.orderpool.shipping.topology;

import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.orderpool.carrier.calendar.CarrierCalendarValidator;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.CarrierCalendarKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@code shipping.carrier-calendars} becomes the calendar store every task reads: a global store
 * that takes only valid calendars, so a carrier's last valid calendar stays in force when an invalid
 * one arrives.
 *
 * <p>An invalid calendar fails in its value deserializer ({@link #validating}), so the service's
 * deserialization handler dead-letters it with its original bytes and a message naming the fields,
 * and the record never reaches the store. A processor-based global store is used rather than a
 * GlobalKTable because Kafka Streams restores a GlobalKTable by copying the topic's bytes into the
 * store unchecked, while a global store's processor and deserializers see the records again when it
 * is rebuilt (an empty state directory): an invalid calendar is refused then too.
 */
final class CalendarTable {

    private static final Logger LOG = LoggerFactory.getLogger(CalendarTable.class);

    private CalendarTable() {
    }

    /** {@code calendars}, refusing on read a calendar that is not valid. */
    static Serde<CarrierCalendar> validating(final Serde<CarrierCalendar> calendars) {
        final Deserializer<CarrierCalendar> avro = calendars.deserializer();
        return Serdes.serdeFrom(calendars.serializer(), new Deserializer<>() {
            @Override
            public CarrierCalendar deserialize(final String topic, final byte[] bytes) {
                return validate(avro.deserialize(topic, bytes));
            }

            @Override
            public CarrierCalendar deserialize(final String topic, final Headers headers, final byte[] bytes) {
                return validate(avro.deserialize(topic, headers, bytes));
            }
        });
    }

    private static CarrierCalendar validate(final CarrierCalendar calendar) {
        if (calendar == null) {
            return null; // a tombstone: ops removed the calendar
        }
        final List<String> problems = CarrierCalendarValidator.problems(calendar);
        if (!problems.isEmpty()) {
            throw new SerializationException(CarrierCalendarValidator.describe(calendar, problems)
                    + "; the carrier's last valid calendar stays in force");
        }
        return calendar;
    }

    /** Writes each valid calendar into the store under its key; never throws (the global thread could not dead-letter it). */
    static final class Updater implements Processor<CarrierCalendarKey, CarrierCalendar, Void, Void> {

        private final CalendarChanges changes;
        private TimestampedKeyValueStore<CarrierCalendarKey, CarrierCalendar> store;

        Updater(final CalendarChanges changes) {
            this.changes = changes;
        }

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            this.store = context.getStateStore(ShippingSchedulerTopology.CALENDAR_STORE);
        }

        @Override
        public void process(final Record<CarrierCalendarKey, CarrierCalendar> record) {
            final CarrierCalendarKey key = record.key();
            final CarrierCalendar calendar = record.value();
            if (key == null) {
                LOG.error("A carrier calendar without a key on shipping.carrier-calendars is ignored");
            } else if (calendar == null) {
                LOG.info("The calendar of {} at {} was removed: its parcels wait until it has one again", key.getCarrierId(),
                        key.getWarehouseId());
                store.delete(key);
                changes.changed();
            } else if (!calendar.getCarrierId().equals(key.getCarrierId())
                    || !calendar.getWarehouseId().equals(key.getWarehouseId())) {
                LOG.error("A calendar of {} at {} keyed as {} at {} is ignored: the last valid calendar of that key stays in force",
                        calendar.getCarrierId(), calendar.getWarehouseId(), key.getCarrierId(), key.getWarehouseId());
            } else {
                store.put(key, ValueAndTimestamp.make(calendar, record.timestamp()));
                changes.changed();
            }
        }
    }
}
