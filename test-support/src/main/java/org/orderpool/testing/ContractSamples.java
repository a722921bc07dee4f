package org.orderpool.testing;

import java.util.List;
import org.orderpool.contracts.DisputeKind;
import org.orderpool.contracts.FraudDecision;
import org.orderpool.contracts.FraudListAction;
import org.orderpool.contracts.FraudListEntryType;
import org.orderpool.contracts.OpsActionType;
import org.orderpool.contracts.OpsAuditRecord;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderDispute;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderUpdate;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ReviewVerdict;
import org.orderpool.contracts.ShopDeliveryState;
import org.orderpool.contracts.SlotCommand;
import org.orderpool.contracts.SlotCommandType;
import org.orderpool.contracts.StockCommand;
import org.orderpool.contracts.StockCommandType;
import org.orderpool.contracts.WebhookEndpointState;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;

/** One representative record for every Avro topic of the catalogue. */
public final class ContractSamples {

    private ContractSamples() {
    }

    /** A key and value that belong on a topic. */
    public record Sample<K, V>(Topic<K, V> topic, K key, V value) {

        public Sample<K, V> withNamePrefix(final String prefix) {
            return new Sample<>(topic.withNamePrefix(prefix), key, value);
        }
    }

    public static List<Sample<?, ?>> forEveryAvroTopic() {
        final Order order = Fixtures.order("o-1001").line("SKU-TEA-01", 2).line("SKU-MUG-02", 1, 890).build();
        final Parcel parcel = Fixtures.parcel(order, "colis-express");
        return List.of(
                new Sample<>(Topics.SHOP_ORDERS_SUBMITTED, Fixtures.shopOrderKey("shop-a", order.getShopOrderRef()),
                        Fixtures.order("o-1001").line("SKU-TEA-01", 2).submitted()),
                new Sample<>(Topics.ORDERS_ACCEPTED, order.getOrderId(), order),
                new Sample<>(Topics.ORDERS_REJECTED, "o-1002", Fixtures.rejection("o-1002")),
                new Sample<>(Topics.FRAUD_ASSESSMENTS, order.getOrderId(), Fixtures.assessment(order.getOrderId(), 42, FraudDecision.REVIEW)),
                new Sample<>(Topics.FRAUD_REVIEW_DECISIONS, order.getOrderId(), Fixtures.reviewDecision(order.getOrderId(), ReviewVerdict.APPROVE)),
                new Sample<>(Topics.FRAUD_LISTS, Fixtures.fraudListKey(FraudListEntryType.EMAIL_DOMAIN, "mailinator.com"),
                        Fixtures.fraudListEntry(FraudListEntryType.EMAIL_DOMAIN, "mailinator.com", FraudListAction.BLOCK)),
                new Sample<>(Topics.ORDERS_CLEARED, order.getOrderId(), Fixtures.cleared(order)),
                new Sample<>(Topics.ORDERS_CANCELLATIONS, order.getOrderId(), Fixtures.cancellation(order)),
                new Sample<>(Topics.STOCK_MOVEMENTS, "SKU-TEA-01", Fixtures.receipt("SKU-TEA-01", 24)),
                new Sample<>(Topics.STOCK_LEVELS, "SKU-TEA-01", Fixtures.stockLevel("SKU-TEA-01", 24, 2)),
                new Sample<>(Topics.ORDERS_RESERVED, order.getOrderId(), Fixtures.reserved(order)),
                new Sample<>(Topics.SHIPPING_CARRIER_CALENDARS, Fixtures.calendarKey("colis-express"), Fixtures.calendar("colis-express")),
                new Sample<>(Topics.SHIPPING_PARCELS, parcel.getParcelId(), parcel),
                new Sample<>(Topics.SHIPPING_MANIFESTS, "colis-express-" + Fixtures.WAREHOUSE, Fixtures.manifest("colis-express", parcel)),
                new Sample<>(Topics.ORDERS_STATUS, order.getOrderId(), Fixtures.statusChange(order, OrderStatus.RESERVED)),
                new Sample<>(Topics.STOCK_RESERVATION_SKU_COMMANDS, "SKU-TEA-01", StockCommand.newBuilder()
                        .setType(StockCommandType.RESERVE_LINE).setOrderId(order.getOrderId()).setSku("SKU-TEA-01").setAttempt(1)
                        .setQuantity(2).setShopId(order.getShopId()).setFairShareCapPermille(500).build()),
                new Sample<>(Topics.STOCK_RESERVATION_ORDER_EVENTS, order.getOrderId(), StockCommand.newBuilder()
                        .setType(StockCommandType.LINE_OUTCOME).setOrderId(order.getOrderId()).setSku("SKU-TEA-01").setAttempt(1)
                        .setQuantity(2).setHeld(true).setAvailable(22).build()),
                new Sample<>(Topics.SHIPPING_SCHEDULER_SLOT_COMMANDS, "colis-express|" + Fixtures.WAREHOUSE, SlotCommand.newBuilder()
                        .setType(SlotCommandType.SCHEDULE).setOrderId(order.getOrderId()).setShopId(order.getShopId())
                        .setShopOrderRef(order.getShopOrderRef()).setParcels(List.of(parcel)).setRequestedAt(Fixtures.T0).build()),
                new Sample<>(Topics.ORDERS_UPDATES, order.getOrderId(), OrderUpdate.newBuilder().setUpdateId("upd-1").setOrder(order)
                        .setRequestedAt(Fixtures.T0).build()),
                new Sample<>(Topics.SHOP_SYNC_DELIVERY_STATE, order.getShopId(), ShopDeliveryState.newBuilder().setShopId(order.getShopId())
                        .setEndpointState(WebhookEndpointState.FAILING).setLastAttemptAt(Fixtures.T0).setLastAttemptOutcome("HTTP 503")
                        .setFailingSince(Fixtures.T0).setQueuedWebhooks(3).setUpdatedAt(Fixtures.T0).build()),
                new Sample<>(Topics.FRAUD_DISPUTES, order.getOrderId(), OrderDispute.newBuilder().setDisputeId(order.getShopId() + ":dsp-1")
                        .setOrderId(order.getOrderId()).setShopId(order.getShopId()).setShopOrderRef(order.getShopOrderRef())
                        .setKind(DisputeKind.CHARGEBACK).setReason("fraudulent").setAmount(order.getTotal()).setOpenedAt(Fixtures.T0)
                        .setReceivedAt(Fixtures.T0).build()),
                new Sample<>(Topics.OPS_AUDIT, "act-1", OpsAuditRecord.newBuilder().setActionId("act-1").setActor("ops")
                        .setActorRole("OPERATOR").setAction(OpsActionType.ORDER_CANCELLATION).setTarget(order.getOrderId())
                        .setTopic(Topics.ORDERS_CANCELLATIONS.name()).setSummary("cancelled " + order.getOrderId()).setReason("customer called")
                        .setOccurredAt(Fixtures.T0).build()));
    }
}
