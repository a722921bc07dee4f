package org.orderpool.contracts.topic;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.Utils;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.CarrierCalendarKey;
import org.orderpool.contracts.ClearedOrder;
import org.orderpool.contracts.FraudAssessment;
import org.orderpool.contracts.FraudListEntry;
import org.orderpool.contracts.FraudListKey;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OpsAuditRecord;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.OrderDispute;
import org.orderpool.contracts.OrderRejection;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.OrderUpdate;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ReservedOrder;
import org.orderpool.contracts.ReviewDecision;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.contracts.ShopDeliveryState;
import org.orderpool.contracts.ShopOrderKey;
import org.orderpool.contracts.SlotCommand;
import org.orderpool.contracts.StockCommand;
import org.orderpool.contracts.StockLevel;
import org.orderpool.contracts.StockMovement;
import org.orderpool.contracts.SubmittedOrder;

/**
 * The topic catalogue: every topic of the public contract (DESIGN.md), the only place where a topic
 * name is spelled and where its key and value encodings are chosen.
 *
 * <p>Topics keyed by order id share {@link #ORDER_PARTITIONS} so that services can join them without
 * repartitioning, but {@code orders.accepted}, which nothing joins ({@link #POOL_PARTITIONS}); topics keyed by SKU share {@link #SKU_PARTITIONS}. Topics holding the latest state of
 * an entity are compacted.
 */
public final class Topics {

    /** Partitions of every topic keyed by order id (co-partitioned for joins), but {@link #POOL_PARTITIONS}'s. */
    public static final int ORDER_PARTITIONS = 6;
    /**
     * Partitions of {@code orders.accepted}: one, so that fraud-check's pool view, which must see every shop's orders in one
     * task, reads it directly instead of through a one-partition repartition of its own (a transactional hop and a write per
     * order fewer). Nothing joins it. A topic's partitions cannot be reduced: the README says how a pool deployed with six
     * moves to one.
     */
    public static final int POOL_PARTITIONS = 1;
    /** Partitions of every topic keyed by SKU. */
    public static final int SKU_PARTITIONS = 6;
    /** Partitions of shipping-scheduler's internal topic keyed by carrier and warehouse: a handful of keys. */
    public static final int SLOT_PARTITIONS = 3;

    /**
     * The partition, among {@code partitions}, that a record keyed {@code key} (a string key: an order id, a SKU) lands on
     * when Kafka Streams writes it without a partitioner of its own: the producer's default partitioner over the key's UTF-8
     * bytes.
     */
    public static int partitionOf(final String key, final int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static final Map<String, String> DELETE = Map.of("cleanup.policy", "delete");
    /**
     * A topic written from outside the pool (shops, the warehouse's system): the broker stamps each record with its own
     * clock when it appends it ({@code LogAppendTime}), so the time retention deletes by is the pool's. With the shop's own stamps (CreateTime), a
     * record stamped eight days back on a quiet partition was deleted by the 7-day retention before order-intake read it:
     * an acknowledged order lost (the infrastructure chaos run found it, 2026-12-02).
     */
    static final Map<String, String> WRITTEN_OUTSIDE_THE_POOL = Map.of("cleanup.policy", "delete", "message.timestamp.type", "LogAppendTime");
    private static final Map<String, String> COMPACT = Map.of("cleanup.policy", "compact");
    /** Dead letters are kept four weeks, long enough for ops to inspect and replay them. */
    private static final Map<String, String> DEAD_LETTERS = Map.of("cleanup.policy", "delete", "retention.ms", "2419200000");
    /** The ops console's audit trail is kept two years (730 days). */
    /** Payment disputes are kept 400 days: card schemes allow a dispute up to 120 days after the payment, and a card that
     * disputed once stays of interest for the year after. */
    private static final Map<String, String> DISPUTES = Map.of("cleanup.policy", "delete", "retention.ms", "34560000000");
    private static final Map<String, String> AUDIT = Map.of("cleanup.policy", "delete", "retention.ms", "63072000000");

    public static final Topic<ShopOrderKey, SubmittedOrder> SHOP_ORDERS_SUBMITTED = new Topic<>("shop.orders.submitted",
            Format.avro(ShopOrderKey.class), Format.avro(SubmittedOrder.class), ORDER_PARTITIONS, WRITTEN_OUTSIDE_THE_POOL);
    public static final Topic<String, Order> ORDERS_ACCEPTED = new Topic<>("orders.accepted",
            Format.string(), Format.avro(Order.class), POOL_PARTITIONS, DELETE);
    public static final Topic<String, OrderRejection> ORDERS_REJECTED = new Topic<>("orders.rejected",
            Format.string(), Format.avro(OrderRejection.class), ORDER_PARTITIONS, DELETE);
    public static final Topic<String, FraudAssessment> FRAUD_ASSESSMENTS = new Topic<>("fraud.assessments",
            Format.string(), Format.avro(FraudAssessment.class), ORDER_PARTITIONS, DELETE);
    public static final Topic<String, ReviewDecision> FRAUD_REVIEW_DECISIONS = new Topic<>("fraud.review-decisions",
            Format.string(), Format.avro(ReviewDecision.class), ORDER_PARTITIONS, DELETE);
    public static final Topic<FraudListKey, FraudListEntry> FRAUD_LISTS = new Topic<>("fraud.lists",
            Format.avro(FraudListKey.class), Format.avro(FraudListEntry.class), 1, COMPACT);
    /**
     * Orders fraud-check cleared, keyed by order id; on the order id's partition, but an order with one SKU cleared at once,
     * which goes to its SKU's partition ({@link ClearedOrderPartitions}).
     */
    public static final Topic<String, ClearedOrder> ORDERS_CLEARED = new Topic<>("orders.cleared",
            Format.string(), Format.avro(ClearedOrder.class), ORDER_PARTITIONS, DELETE);
    /** Payment disputes (chargebacks, inquiries) shops report on their orders; written by order-intake, read by fraud-check. */
    public static final Topic<String, OrderDispute> FRAUD_DISPUTES = new Topic<>("fraud.disputes",
            Format.string(), Format.avro(OrderDispute.class), ORDER_PARTITIONS, DISPUTES);
    public static final Topic<String, OrderCancellation> ORDERS_CANCELLATIONS = new Topic<>("orders.cancellations",
            Format.string(), Format.avro(OrderCancellation.class), ORDER_PARTITIONS, DELETE);
    /** Later versions of accepted orders, written by order-intake, read by stock-reservation and shipping-scheduler. */
    public static final Topic<String, OrderUpdate> ORDERS_UPDATES = new Topic<>("orders.updates",
            Format.string(), Format.avro(OrderUpdate.class), ORDER_PARTITIONS, DELETE);
    public static final Topic<String, StockMovement> STOCK_MOVEMENTS = new Topic<>("stock.movements",
            Format.string(), Format.avro(StockMovement.class), SKU_PARTITIONS, WRITTEN_OUTSIDE_THE_POOL);
    public static final Topic<String, StockLevel> STOCK_LEVELS = new Topic<>("stock.levels",
            Format.string(), Format.avro(StockLevel.class), SKU_PARTITIONS, COMPACT);
    public static final Topic<String, ReservedOrder> ORDERS_RESERVED = new Topic<>("orders.reserved",
            Format.string(), Format.avro(ReservedOrder.class), ORDER_PARTITIONS, DELETE);
    public static final Topic<CarrierCalendarKey, CarrierCalendar> SHIPPING_CARRIER_CALENDARS = new Topic<>(
            "shipping.carrier-calendars", Format.avro(CarrierCalendarKey.class), Format.avro(CarrierCalendar.class), 1, COMPACT);
    public static final Topic<String, Parcel> SHIPPING_PARCELS = new Topic<>("shipping.parcels",
            Format.string(), Format.avro(Parcel.class), ORDER_PARTITIONS, DELETE);
    public static final Topic<String, ShipmentManifest> SHIPPING_MANIFESTS = new Topic<>("shipping.manifests",
            Format.string(), Format.avro(ShipmentManifest.class), ORDER_PARTITIONS, DELETE);
    public static final Topic<String, OrderStatusChange> ORDERS_STATUS = new Topic<>("orders.status",
            Format.string(), Format.avro(OrderStatusChange.class), ORDER_PARTITIONS, DELETE);
    /** Every action taken on the ops console, keyed by action id; one partition, so the trail reads in order. */
    public static final Topic<String, OpsAuditRecord> OPS_AUDIT = new Topic<>("ops.audit",
            Format.string(), Format.avro(OpsAuditRecord.class), 1, AUDIT);

    /**
     * How shop-sync's webhooks to each shop stand (last delivery, endpoint enabled / failing / disabled, queued, given
     * up), keyed by shop id, compacted: the latest state per shop. Written by shop-sync, read by the ops dashboard.
     */
    public static final Topic<String, ShopDeliveryState> SHOP_SYNC_DELIVERY_STATE = new Topic<>("shop-sync.delivery-state",
            Format.string(), Format.avro(ShopDeliveryState.class), 1, COMPACT);

    /** stock-reservation's own traffic from orders to SKUs; co-partitioned with the SKU topics. */
    public static final Topic<String, StockCommand> STOCK_RESERVATION_SKU_COMMANDS = new Topic<>("stock-reservation.sku-commands",
            Format.string(), Format.avro(StockCommand.class), SKU_PARTITIONS, DELETE);
    /** stock-reservation's own traffic from SKUs back to orders; co-partitioned with the order topics. */
    public static final Topic<String, StockCommand> STOCK_RESERVATION_ORDER_EVENTS = new Topic<>("stock-reservation.order-events",
            Format.string(), Format.avro(StockCommand.class), ORDER_PARTITIONS, DELETE);

    /** shipping-scheduler's own traffic from orders to the owner of each carrier and warehouse (keyed {@code carrierId|warehouseId}). */
    public static final Topic<String, SlotCommand> SHIPPING_SCHEDULER_SLOT_COMMANDS = new Topic<>("shipping-scheduler.slot-commands",
            Format.string(), Format.avro(SlotCommand.class), SLOT_PARTITIONS, DELETE);

    public static final Topic<byte[], byte[]> ORDER_INTAKE_DLQ = deadLetters("order-intake");
    public static final Topic<byte[], byte[]> FRAUD_CHECK_DLQ = deadLetters("fraud-check");
    public static final Topic<byte[], byte[]> STOCK_RESERVATION_DLQ = deadLetters("stock-reservation");
    public static final Topic<byte[], byte[]> SHIPPING_SCHEDULER_DLQ = deadLetters("shipping-scheduler");
    public static final Topic<byte[], byte[]> CARRIER_SINK_DLQ = deadLetters("carrier-sink");
    public static final Topic<byte[], byte[]> SHOP_SYNC_DLQ = deadLetters("shop-sync");

    private static final List<Topic<?, ?>> ALL = List.of(SHOP_ORDERS_SUBMITTED, ORDERS_ACCEPTED, ORDERS_REJECTED,
            FRAUD_ASSESSMENTS, FRAUD_REVIEW_DECISIONS, FRAUD_LISTS, FRAUD_DISPUTES, ORDERS_CLEARED, ORDERS_CANCELLATIONS, ORDERS_UPDATES, STOCK_MOVEMENTS,
            STOCK_LEVELS, ORDERS_RESERVED, SHIPPING_CARRIER_CALENDARS, SHIPPING_PARCELS, SHIPPING_MANIFESTS, ORDERS_STATUS, OPS_AUDIT,
            SHOP_SYNC_DELIVERY_STATE, STOCK_RESERVATION_SKU_COMMANDS, STOCK_RESERVATION_ORDER_EVENTS,
            SHIPPING_SCHEDULER_SLOT_COMMANDS, ORDER_INTAKE_DLQ, FRAUD_CHECK_DLQ, STOCK_RESERVATION_DLQ, SHIPPING_SCHEDULER_DLQ,
            CARRIER_SINK_DLQ, SHOP_SYNC_DLQ);

    /**
     * The family of Kafka-native shops' own cancellation topics, {@code shop.orders.cancelled.<shopId>}
     * ({@link #shopCancellations}); no topic of this bare name exists, so it is in no list of topics to create.
     */
    public static final Topic<ShopOrderKey, OrderCancellation> SHOP_ORDERS_CANCELLED = new Topic<>("shop.orders.cancelled",
            Format.avro(ShopOrderKey.class), Format.avro(OrderCancellation.class), ORDER_PARTITIONS, WRITTEN_OUTSIDE_THE_POOL);

    /** What a shop id may be to name its own intake topic: lower-case letters, digits and dashes. */
    private static final Pattern SHOP_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private Topics() {
    }

    /**
     * A Kafka-native shop's own intake topic, {@code shop.orders.submitted.<shopId>}: with ACLs, only
     * that shop may write to it, and order-intake takes the shop id from the topic rather than from the
     * record, so a shop cannot submit orders as another shop. Same encodings and settings as
     * {@link #SHOP_ORDERS_SUBMITTED}, which the intake gateway and trusted shops keep using.
     */
    public static Topic<ShopOrderKey, SubmittedOrder> shopIntake(final String shopId) {
        checkShopId(shopId);
        return new Topic<>(SHOP_ORDERS_SUBMITTED.name() + "." + shopId, SHOP_ORDERS_SUBMITTED.key(),
                SHOP_ORDERS_SUBMITTED.value(), SHOP_ORDERS_SUBMITTED.partitions(), SHOP_ORDERS_SUBMITTED.configs());
    }

    /**
     * A Kafka-native shop's own cancellation topic, {@code shop.orders.cancelled.<shopId>}: keyed by the
     * shop's order ({@link ShopOrderKey}), the value an {@link OrderCancellation}. With ACLs only that shop
     * may write to it; order-intake takes the shop from the topic and the order ref from the key, and
     * writes the cancellation to {@link #ORDERS_CANCELLATIONS} under the order id they name, so a shop
     * cannot cancel another shop's order.
     */
    public static Topic<ShopOrderKey, OrderCancellation> shopCancellations(final String shopId) {
        checkShopId(shopId);
        return new Topic<>(SHOP_ORDERS_CANCELLED.name() + "." + shopId, SHOP_ORDERS_CANCELLED.key(),
                SHOP_ORDERS_CANCELLED.value(), SHOP_ORDERS_CANCELLED.partitions(), SHOP_ORDERS_CANCELLED.configs());
    }

    private static void checkShopId(final String shopId) {
        if (shopId == null || !SHOP_ID.matcher(shopId).matches()) {
            throw new IllegalArgumentException("a shop with its own intake and cancellation topics needs an id of lower-case"
                    + " letters, digits and dashes (at most 63), not '" + shopId + "'");
        }
    }

    /** Every topic: DESIGN.md's table in its order, then services' internal topics, then dead letters. */
    public static List<Topic<?, ?>> all() {
        return ALL;
    }

    /** Every registry subject of the contract and its current schema. */
    public static Map<String, org.apache.avro.Schema> subjects() {
        final Map<String, org.apache.avro.Schema> subjects = new LinkedHashMap<>();
        ALL.forEach(topic -> subjects.putAll(topic.subjects()));
        return subjects;
    }

    private static Topic<byte[], byte[]> deadLetters(final String service) {
        return new Topic<>(service + ".dlq", Format.bytes(), Format.bytes(), 1, DEAD_LETTERS);
    }
}
