package org.orderpool.chaos;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.CarrierCalendarKey;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.testing.KafkaTestClient;

/**
 * An operator who means well and gets things wrong, and a clock that is not on anybody's side: a
 * calendar that cannot be right (written by hand, past the publisher's validation), a carrier paused
 * for a while (a valid calendar without cut-offs) and resumed, and cancellations that arrive at the
 * cut-off second. The pipeline must dead-letter the invalid calendar and keep the last valid one,
 * keep every other carrier's manifests coming, and never give back the units of a parcel that left.
 */
final class CarelessOperator {

    private final ShopProducer producer;
    private final KafkaTestClient kafka;
    private final BoundTopics topics;
    private final Map<String, CarrierCalendar> calendars;
    private final Random random;
    private final List<InvariantChecker.DeadLetter> expectedDeadLetters = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> cutOffSecondCancellations = new ConcurrentHashMap<>();
    private final int cutOffSecond;

    /** @param cutOffSecond the second past each minute at which the calendars' cut-offs fall (0: on the minute) */
    CarelessOperator(final ShopProducer producer, final KafkaTestClient kafka, final BoundTopics topics,
                     final List<CarrierCalendar> calendars, final Random random, final int cutOffSecond) {
        this.cutOffSecond = cutOffSecond;
        this.producer = producer;
        this.kafka = kafka;
        this.topics = topics;
        this.calendars = new ConcurrentHashMap<>();
        calendars.forEach(calendar -> this.calendars.put(calendar.getCarrierId(), calendar));
        this.random = random;
    }

    /**
     * A calendar in a time zone that does not exist and with a negative packing lead time, written
     * straight to the topic as a hand-rolled producer would: shipping-scheduler must dead-letter it
     * (with these very bytes) and keep the carrier's last valid calendar.
     */
    void publishInvalidCalendar(final String carrierId) {
        final CarrierCalendar invalid = CarrierCalendar.newBuilder(calendars.get(carrierId)).setTimeZone("Mars/Olympus_Mons")
                .setPackingLeadTimeMinutes(-5).setUpdatedAt(Instant.now()).build();
        final String topic = topics.name(Topics.SHIPPING_CARRIER_CALENDARS);
        final byte[] key = topics.keySerde(Topics.SHIPPING_CARRIER_CALENDARS).serializer()
                .serialize(topic, new CarrierCalendarKey(invalid.getCarrierId(), invalid.getWarehouseId()));
        final byte[] value = topics.valueSerde(Topics.SHIPPING_CARRIER_CALENDARS).serializer().serialize(topic, invalid);
        kafka.sendRaw(topic, key, value);
        // a global table: a scheduler rebuilding its calendars on an empty state directory dead-letters it again
        expectedDeadLetters.add(new InvariantChecker.DeadLetter(Topics.SHIPPING_SCHEDULER_DLQ, value, true));
    }

    /** The carrier pauses (a valid calendar with no cut-off ahead: no weekly ones, no exception with a pick-up) and, {@code pause} later, resumes. */
    void pauseCarrier(final String carrierId, final Duration pause, final ScheduledExecutorService later) {
        final CarrierCalendar running = calendars.get(carrierId);
        publish(CarrierCalendar.newBuilder(running).setWeeklyCutOffs(List.of()).setCutOffEveryMinutes(null).setExceptions(List.of())
                .setUpdatedAt(Instant.now()).build());
        later.schedule(() -> publish(CarrierCalendar.newBuilder(running).setUpdatedAt(Instant.now()).build()), pause.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Schedules a cancellation to be requested within a few hundred milliseconds either side of the
     * next cut-off (the run's calendars close one every minute, at {@code cutOffSecond} past it).
     */
    void cancelAtTheCutOffSecond(final String orderId, final BiConsumer<String, Instant> cancel, final ScheduledExecutorService later) {
        final Instant now = Instant.now();
        final Instant thisMinutes = now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(cutOffSecond);
        final Instant nextCutOff = thisMinutes.isAfter(now) ? thisMinutes : thisMinutes.plus(Duration.ofMinutes(1));
        final Instant at = nextCutOff.plusMillis(random.nextInt(600) - 300);
        later.schedule(() -> {
            final Instant requestedAt = Instant.now();
            cancel.accept(orderId, requestedAt);
            cutOffSecondCancellations.put(orderId, requestedAt);
        }, Math.max(0, Duration.between(Instant.now(), at).toMillis()), TimeUnit.MILLISECONDS);
    }

    /** The carriers' calendars changed (their cut-offs moved): a paused carrier resumes on these. */
    void useCalendars(final List<CarrierCalendar> changed) {
        changed.forEach(calendar -> calendars.put(calendar.getCarrierId(), calendar));
    }

    List<InvariantChecker.DeadLetter> expectedDeadLetters() {
        return List.copyOf(expectedDeadLetters);
    }

    int cutOffSecondCancellations() {
        return cutOffSecondCancellations.size();
    }

    private void publish(final CarrierCalendar calendar) {
        producer.send(Topics.SHIPPING_CARRIER_CALENDARS, new CarrierCalendarKey(calendar.getCarrierId(), calendar.getWarehouseId()), calendar);
    }
}
