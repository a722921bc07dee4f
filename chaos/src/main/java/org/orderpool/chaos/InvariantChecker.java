package org.orderpool.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ParcelState;
import org.orderpool.contracts.PaymentState;
import org.orderpool.contracts.ReservedOrder;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.contracts.ShopOrderKey;
import org.orderpool.contracts.StockLevel;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.contracts.status.StatusChanges;
import org.orderpool.intake.domain.OrderIds;
import org.orderpool.runtime.DeadLetterHeaders;
import org.orderpool.testing.KafkaTestClient;

/**
 * Checks DESIGN.md's six invariants, and the payment gate, from what the pipeline committed to its
 * topics (read_committed, every record to the end), not from what any service believes. Each breach is reported with the
 * order, SKU, parcel or topic it concerns; nothing here throws on a breach, so a report lists them all.
 */
public final class InvariantChecker {

    /** The statuses that end an order's life (DESIGN.md, order lifecycle). */
    public static final Set<OrderStatus> TERMINAL = EnumSet.of(OrderStatus.REJECTED, OrderStatus.BLOCKED, OrderStatus.OUT_OF_STOCK,
            OrderStatus.CANCELLED, OrderStatus.MANIFESTED);

    /** ACCEPTED and every status after it: what only a paid order may reach (AWAITING_PAYMENT comes before). */
    private static final Set<OrderStatus> ON_AFTER_PAYMENT = EnumSet.of(OrderStatus.ACCEPTED, OrderStatus.IN_REVIEW, OrderStatus.CLEARED,
            OrderStatus.BLOCKED, OrderStatus.RESERVED, OrderStatus.BACKORDERED, OrderStatus.OUT_OF_STOCK, OrderStatus.SCHEDULED,
            OrderStatus.MANIFESTED);

    /** The dead-letter topics of the services a chaos run runs. */
    private static final List<Topic<byte[], byte[]>> SERVICE_DEAD_LETTERS = List.of(Topics.ORDER_INTAKE_DLQ, Topics.FRAUD_CHECK_DLQ,
            Topics.STOCK_RESERVATION_DLQ, Topics.SHIPPING_SCHEDULER_DLQ);

    /** One invariant: how many things it looked at, and every breach found. */
    public record Invariant(String name, int checked, List<String> breaches) {
        public boolean holds() {
            return breaches.isEmpty();
        }
    }

    /**
     * What the run sent that the checker needs to know. With {@code nothingElseDeadLettered}, a dead letter
     * holding anything but an expected record is a breach too: a good record dead-lettered because the
     * infrastructure failed under it.
     */
    public record Expectations(Set<String> submittedOrderIds, List<DeadLetter> deadLetters, Set<String> cardNumbersSent,
                               List<Path> serviceLogs, boolean nothingElseDeadLettered) {

        public Expectations(final Set<String> submittedOrderIds, final List<DeadLetter> deadLetters, final Set<String> cardNumbersSent,
                            final List<Path> serviceLogs) {
            this(submittedOrderIds, deadLetters, cardNumbersSent, serviceLogs, false);
        }
    }

    /**
     * A record the run sent that the pipeline must answer with a dead letter holding exactly these bytes:
     * once, or, for a record of a global table ({@code onEveryRebuild}), at least once, since a service
     * that rebuilds the table from the topic on an empty state directory meets the record again.
     */
    public record DeadLetter(Topic<byte[], byte[]> deadLetterTopic, byte[] originalValue, boolean onEveryRebuild) {

        public static DeadLetter once(final Topic<byte[], byte[]> deadLetterTopic, final byte[] originalValue) {
            return new DeadLetter(deadLetterTopic, originalValue, false);
        }
    }

    private final KafkaTestClient kafka;
    private final String prefix;

    public InvariantChecker(final KafkaTestClient kafka, final String prefix) {
        this.kafka = kafka;
        this.prefix = prefix;
    }

    public List<Invariant> check(final Expectations expected) {
        // An answer to a shop's update repeats a status the order already has and is no step of its lifecycle
        final List<OrderStatusChange> statuses = values(Topics.ORDERS_STATUS).stream()
                .filter(change -> !StatusChanges.isUpdateAnswer(change)).toList();
        final Map<String, List<OrderStatus>> histories = new HashMap<>();
        statuses.forEach(change -> histories.computeIfAbsent(change.getOrderId(), id -> new ArrayList<>()).add(change.getStatus()));
        final List<Parcel> parcels = values(Topics.SHIPPING_PARCELS);
        final List<ShipmentManifest> manifests = values(Topics.SHIPPING_MANIFESTS);
        final List<IntakeRecord> intake = intakeRecords();
        return List.of(nothingLost(expected.submittedOrderIds(), histories, intake), noOversell(),
                noDuplicateEffects(histories, parcels, manifests), oneManifestPerParcel(parcels, manifests, values(Topics.ORDERS_CANCELLATIONS),
                        CarrierPauses.of(values(Topics.SHIPPING_CARRIER_CALENDARS))),
                noCardNumbers(expected.cardNumbersSent(), expected.serviceLogs()),
                badInputAnswered(expected.deadLetters(), expected.nothingElseDeadLettered()), paidFirst(statuses, intake));
    }

    /** A record of an intake topic (shared or a shop's own) that decodes; undecodable ones are invariant 6's. */
    private record IntakeRecord(ConsumerRecord<byte[], byte[]> record, ShopOrderKey key, SubmittedOrder order) {

        /** The order the record's key names: intake decides a record on it. */
        String keyOrderId() {
            return OrderIds.forShopOrder(key.getShopId(), key.getShopOrderRef());
        }

        boolean keyNamesItsValue() {
            return order != null && key.getShopId().equals(order.getShopId()) && key.getShopOrderRef().equals(order.getShopOrderRef());
        }

        String describe() {
            return record.topic() + "-" + record.partition() + "@" + record.offset() + " stamped " + Instant.ofEpochMilli(record.timestamp())
                    + " key " + key.getShopId() + "/" + key.getShopOrderRef()
                    + (order != null && !keyNamesItsValue() ? " value ref " + order.getShopOrderRef() : "");
        }
    }

    /** Every intake record with a key, decoded, in its partition's order. */
    private List<IntakeRecord> intakeRecords() {
        final Deserializer<ShopOrderKey> keys = Topics.SHOP_ORDERS_SUBMITTED.keySerde(kafka.serdes()).deserializer();
        final Deserializer<SubmittedOrder> values = Topics.SHOP_ORDERS_SUBMITTED.valueSerde(kafka.serdes()).deserializer();
        final List<IntakeRecord> decoded = new ArrayList<>();
        for (final Map.Entry<String, List<ConsumerRecord<byte[], byte[]>>> intake : kafka.readRawToEnd(intakeTopics()).entrySet()) {
            for (final ConsumerRecord<byte[], byte[]> record : intake.getValue()) {
                try {
                    final ShopOrderKey key = keys.deserialize(intake.getKey(), record.key());
                    final SubmittedOrder order = values.deserialize(intake.getKey(), record.value());
                    if (key != null) {
                        decoded.add(new IntakeRecord(record, key, order));
                    }
                } catch (final RuntimeException undecodable) {
                    // bad input: invariant 6
                }
            }
        }
        return decoded;
    }

    /**
     * The payment gate (issue 15): an order goes on (ACCEPTED or any status after it) only once a paid version
     * of it was sent: no status of that kind before its first paid version's {@code receivedAt} (intake's
     * clock decides after the version arrived), none at all for an order no paid version of which was sent,
     * so an unpaid order is never RESERVED. Versions are read from every intake topic (shared and the shops'
     * own; a record keyed by another order than its value's counts for neither); paid means PAID or no
     * payment state (senders that do not say). AUTHORISED counts as unpaid: no shop here takes authorised payments.
     */
    private Invariant paidFirst(final List<OrderStatusChange> statuses, final List<IntakeRecord> intake) {
        final Map<String, Instant> paidFrom = new HashMap<>();
        final Set<String> versioned = new HashSet<>();
        for (final IntakeRecord version : intake) {
            if (!version.keyNamesItsValue()) {
                continue;
            }
            final SubmittedOrder order = version.order();
            final String orderId = version.keyOrderId();
            versioned.add(orderId);
            if (order.getPaymentState() == null || order.getPaymentState() == PaymentState.PAID) {
                paidFrom.merge(orderId, order.getReceivedAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        final List<String> breaches = new ArrayList<>();
        final Set<String> reported = new HashSet<>();
        int checked = 0;
        for (final OrderStatusChange change : statuses) {
            if (!versioned.contains(change.getOrderId()) || !ON_AFTER_PAYMENT.contains(change.getStatus())) {
                continue;
            }
            checked++;
            final Instant paid = paidFrom.get(change.getOrderId());
            if (paid == null && reported.add(change.getOrderId())) {
                breaches.add(change.getOrderId() + " went " + change.getStatus() + " at " + change.getOccurredAt()
                        + " but no version of it was paid");
            } else if (paid != null && change.getOccurredAt().isBefore(paid) && reported.add(change.getOrderId())) {
                breaches.add(change.getOrderId() + " went " + change.getStatus() + " at " + change.getOccurredAt()
                        + ", before its first paid version (sent " + paid + ")");
            }
        }
        return new Invariant("Paid first: nothing is ACCEPTED, or goes further, before a paid version of it was sent (an order"
                + " AWAITING_PAYMENT only after its paid update); an unpaid order is never RESERVED", checked, breaches);
    }

    private Collection<String> intakeTopics() {
        final String intake = prefix + Topics.SHOP_ORDERS_SUBMITTED.name();
        return topicNames().stream().filter(name -> name.equals(intake) || name.startsWith(intake + ".")).toList();
    }

    private Invariant nothingLost(final Set<String> submitted, final Map<String, List<OrderStatus>> histories,
                                  final List<IntakeRecord> intake) {
        final List<String> breaches = new ArrayList<>();
        for (final String orderId : submitted) {
            final List<OrderStatus> history = histories.getOrDefault(orderId, List.of());
            final long terminal = history.stream().filter(TERMINAL::contains).count();
            if (terminal != 1) {
                // where it went in (by the order its key names, as intake decides), so the breach says where to look
                final List<String> sends = intake.stream().filter(version -> version.keyOrderId().equals(orderId))
                        .map(IntakeRecord::describe).toList();
                breaches.add(orderId + " has " + terminal + " terminal statuses: " + history + "; sent as "
                        + (sends.isEmpty() ? List.of("no record on any intake topic (the gateway, if anything)") : sends));
            }
        }
        for (final String orderId : histories.keySet()) {
            if (!submitted.contains(orderId)) {
                breaches.add(orderId + " has statuses but was never submitted: " + histories.get(orderId));
            }
        }
        return new Invariant("1. Nothing lost: every submitted order reaches exactly one terminal status", submitted.size(), breaches);
    }

    private Invariant noOversell() {
        final List<StockLevel> levels = values(Topics.STOCK_LEVELS);
        final List<String> breaches = new ArrayList<>();
        for (final StockLevel level : levels) {
            if (level.getAvailable() < 0 || level.getReserved() < 0 || level.getReserved() > level.getOnHand()) {
                breaches.add(level.getSku() + " at " + level.getUpdatedAt() + ": on hand " + level.getOnHand() + ", reserved "
                        + level.getReserved() + ", available " + level.getAvailable());
            }
        }
        return new Invariant("2. No oversell: reserved <= on hand and available >= 0 in every committed stock level", levels.size(), breaches);
    }

    private Invariant noDuplicateEffects(final Map<String, List<OrderStatus>> histories, final List<Parcel> parcels,
                                         final List<ShipmentManifest> manifests) {
        final List<String> breaches = new ArrayList<>();
        histories.forEach((orderId, history) -> {
            final Set<OrderStatus> seen = EnumSet.noneOf(OrderStatus.class);
            history.stream().filter(status -> !seen.add(status)).distinct()
                    .forEach(status -> breaches.add(orderId + " went " + status + " more than once: " + history));
        });
        final Map<String, Integer> reservations = new HashMap<>();
        for (final ReservedOrder reserved : values(Topics.ORDERS_RESERVED)) {
            reservations.merge(reserved.getOrder().getOrderId(), 1, Integer::sum);
        }
        reservations.forEach((orderId, count) -> {
            if (count > 1) {
                breaches.add(orderId + " reserved " + count + " times");
            }
        });
        // A parcel is announced again when its cut-off moves (ops moved it, its carrier paused and resumed) or its shop changed
        // its address before the cut-off: one booking per cut-off and recipient
        final Map<String, Integer> scheduled = new HashMap<>();
        parcels.stream().filter(p -> p.getState() == ParcelState.SCHEDULED)
                .forEach(p -> scheduled.merge(p.getParcelId() + " for the cut-off at " + p.getCutOffAt() + " to "
                        + p.getRecipient().hashCode(), 1, Integer::sum));
        scheduled.forEach((booking, count) -> {
            if (count > 1) {
                breaches.add("parcel " + booking + " scheduled " + count + " times");
            }
        });
        final Set<String> lines = new HashSet<>();
        manifests.forEach(manifest -> manifest.getParcels().forEach(line -> {
            if (!lines.add(line.getParcelId())) {
                breaches.add("parcel " + line.getParcelId() + " is a line of more than one manifest (again in " + manifest.getManifestId() + ")");
            }
        }));
        return new Invariant("3. No duplicate effects: one reservation per order, one booking per parcel, one manifest line per parcel,"
                + " no status twice", reservations.size() + scheduled.size() + lines.size(), breaches);
    }

    private Invariant oneManifestPerParcel(final List<Parcel> parcels, final List<ShipmentManifest> manifests,
                                           final List<OrderCancellation> cancellations, final CarrierPauses pauses) {
        final Map<String, ParcelState> latest = new HashMap<>();
        parcels.forEach(parcel -> latest.put(parcel.getParcelId(), parcel.getState()));
        final Map<String, Integer> onManifests = new HashMap<>();
        manifests.forEach(manifest -> manifest.getParcels().forEach(line -> onManifests.merge(line.getParcelId(), 1, Integer::sum)));
        final List<String> breaches = new ArrayList<>();
        latest.forEach((parcelId, state) -> {
            final int count = onManifests.getOrDefault(parcelId, 0);
            if (state == ParcelState.SCHEDULED && count != 1) {
                breaches.add("scheduled parcel " + parcelId + " is on " + count + " manifests");
            } else if (state == ParcelState.WITHDRAWN && count != 0) {
                breaches.add("withdrawn parcel " + parcelId + " is on " + count + " manifests");
            }
        });
        breaches.addAll(withdrawnAfterTheirCutOff(parcels, cancellations, pauses));
        onManifests.keySet().stream().filter(id -> !latest.containsKey(id))
                .forEach(id -> breaches.add("manifest line " + id + " is no parcel the scheduler announced"));
        final Map<String, Integer> issued = new HashMap<>();
        manifests.forEach(manifest -> issued.merge(manifest.getManifestId(), 1, Integer::sum));
        issued.forEach((manifestId, count) -> {
            if (count > 1) {
                breaches.add("manifest " + manifestId + " issued " + count + " times (an issued manifest never changes)");
            }
        });
        return new Invariant("4. One manifest per parcel: every scheduled parcel on exactly one manifest, every manifest issued once,"
                + " no parcel withdrawn by a cancellation requested after its cut-off", latest.size(), breaches);
    }

    /**
     * A parcel taken off its cut-off by a cancellation that was requested only after that cut-off:
     * the truck had left with it, so the units it gave back were gone. Unless its carrier was paused
     * at that cut-off: no truck came, the parcel waited for the carrier, and a cancellation then is in time.
     */
    private static List<String> withdrawnAfterTheirCutOff(final List<Parcel> parcels, final List<OrderCancellation> cancellations,
                                                          final CarrierPauses pauses) {
        final Map<String, Instant> firstRequested = new HashMap<>();
        cancellations.forEach(c -> firstRequested.merge(c.getOrderId(), c.getRequestedAt(), (a, b) -> a.isBefore(b) ? a : b));
        final Map<String, Instant> cutOffOfBooking = new HashMap<>();
        final List<String> breaches = new ArrayList<>();
        for (final Parcel parcel : parcels) {
            if (parcel.getState() == ParcelState.SCHEDULED && parcel.getCutOffAt() != null) {
                cutOffOfBooking.put(parcel.getParcelId(), parcel.getCutOffAt());
            } else if (parcel.getState() == ParcelState.WITHDRAWN) {
                final Instant cutOff = cutOffOfBooking.get(parcel.getParcelId());
                final Instant requested = firstRequested.get(parcel.getOrderId());
                if (cutOff != null && requested != null && requested.isAfter(cutOff)
                        && !pauses.pausedAt(parcel.getCarrierId(), parcel.getWarehouseId(), cutOff)) {
                    breaches.add("parcel " + parcel.getParcelId() + " withdrawn for a cancellation requested at " + requested
                            + ", after its cut-off at " + cutOff);
                }
            }
        }
        return breaches;
    }

    /**
     * Every card number the shops sent, searched for digit by digit in every record of every topic the
     * pipeline writes (everything but the intake topics, shared and the shops' own, which hold what they sent) and in
     * every log line the services wrote.
     */
    private Invariant noCardNumbers(final Set<String> cardNumbers, final List<Path> logs) {
        final List<String> breaches = new ArrayList<>();
        int records = 0;
        for (final Map.Entry<String, List<ConsumerRecord<byte[], byte[]>>> written : kafka.readRawToEnd(pipelineTopics()).entrySet()) {
            final String topic = written.getKey();
            for (final ConsumerRecord<byte[], byte[]> record : written.getValue()) {
                records++;
                final String text = text(record.key()) + " " + text(record.value()) + " " + headers(record);
                cardNumbers.stream().filter(text::contains)
                        .forEach(pan -> breaches.add("a card number ending " + pan.substring(pan.length() - 4) + " on " + topic + " at offset "
                                + record.partition() + "/" + record.offset()));
            }
        }
        for (final Path log : logs) {
            try {
                final String text = Files.readString(log, StandardCharsets.ISO_8859_1);
                cardNumbers.stream().filter(text::contains)
                        .forEach(pan -> breaches.add("a card number ending " + pan.substring(pan.length() - 4) + " in " + log.getFileName()));
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Invariant("5. No card numbers: none of the " + cardNumbers.size() + " card numbers shops sent is in any record the"
                + " pipeline wrote or any log line", records, breaches);
    }

    private Invariant badInputAnswered(final List<DeadLetter> expected, final boolean nothingElse) {
        final Map<String, List<ConsumerRecord<byte[], byte[]>>> deadLetters = new HashMap<>();
        final List<String> breaches = new ArrayList<>();
        for (final DeadLetter letter : expected) {
            final String topic = prefix + letter.deadLetterTopic().name();
            final long found = deadLetters.computeIfAbsent(topic, kafka::readRawToEnd).stream()
                    .filter(record -> Arrays.equals(record.value(), letter.originalValue())).count();
            if (letter.onEveryRebuild() ? found < 1 : found != 1) {
                breaches.add("a bad record (" + letter.originalValue().length + " bytes) is " + found + " times on "
                        + letter.deadLetterTopic().name());
            }
        }
        int checked = expected.size();
        if (nothingElse) {
            for (final Topic<byte[], byte[]> deadLetterTopic : SERVICE_DEAD_LETTERS) {
                final String topic = prefix + deadLetterTopic.name();
                for (final ConsumerRecord<byte[], byte[]> record : deadLetters.computeIfAbsent(topic, kafka::readRawToEnd)) {
                    checked++;
                    if (expected.stream().noneMatch(letter -> Arrays.equals(record.value(), letter.originalValue()))) {
                        breaches.add("a dead letter nobody sent as bad input on " + deadLetterTopic.name() + " at " + record.partition() + "/"
                                + record.offset() + ": " + header(record, DeadLetterHeaders.MESSAGE));
                    }
                }
            }
        }
        return new Invariant("6. Bad input gets its answer: every undecodable or invalid record the run sent is on its service's"
                + " dead-letter topic (once; a global table's on every rebuild), with its original bytes (invalid orders are REJECTED:"
                + " invariant 1)" + (nothingElse ? ", and nothing else is" : ""), checked, breaches);
    }

    private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? headers(record) : text(header.value());
    }

    private Collection<String> pipelineTopics() {
        final String intake = prefix + Topics.SHOP_ORDERS_SUBMITTED.name();
        return topicNames().stream().filter(name -> !name.equals(intake) && !name.startsWith(intake + ".")).toList();
    }

    /** This run's topics, sorted. */
    private List<String> topicNames() {
        try (Admin admin = Admin.create(kafka.platform().clientSettings())) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(name -> name.startsWith(prefix)).sorted().toList();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (final Exception e) {
            throw new IllegalStateException("cannot list the topics: " + e.getMessage(), e);
        }
    }

    private <V> List<V> values(final Topic<?, V> topic) {
        return kafka.readToEnd(topic.withNamePrefix(prefix)).stream().map(ConsumerRecord::value).filter(v -> v != null).toList();
    }

    private static String text(final byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String headers(final ConsumerRecord<byte[], byte[]> record) {
        final StringBuilder text = new StringBuilder();
        record.headers().forEach(header -> text.append(header.key()).append('=').append(text(header.value())).append(' '));
        return text.toString();
    }
}
