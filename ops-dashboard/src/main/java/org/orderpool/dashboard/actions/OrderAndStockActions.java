package org.orderpool.dashboard.actions;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.orderpool.contracts.OpsActionType;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.StockLevel;
import org.orderpool.contracts.StockMovement;
import org.orderpool.contracts.StockMovementType;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.dashboard.PipelineView;
import org.orderpool.dashboard.actions.ActionRejected.FieldProblem;
import org.orderpool.dashboard.actions.ConsoleActions.Effect;

/**
 * Cancelling an order (on {@code orders.cancellations}, as a shop's cancellation: stock-reservation gives
 * its units back and shipping-scheduler withdraws its parcel, until it is manifested) and the warehouse's
 * stock movements for a SKU (on {@code stock.movements}: a receipt, a count adjustment to what was
 * counted, damage). The cancellation's and the movement's id is the action id.
 */
public final class OrderAndStockActions {

    /** What an operator sends to cancel an order. */
    public record CancelRequest(String reason, String actionId) {
    }

    /**
     * What an operator sends for a SKU: {@code type} RECEIPT or DAMAGE with a positive {@code quantity},
     * or ADJUSTMENT with {@code countedOnHand} (what the shelf holds); {@code warehouseId} only for a SKU
     * the console has no stock level of.
     */
    public record StockRequest(String type, Integer quantity, Integer countedOnHand, String warehouseId, String note, String actionId) {
    }

    /** Statuses after which a cancellation changes nothing. */
    static final Set<OrderStatus> FINAL = EnumSet.of(OrderStatus.REJECTED, OrderStatus.BLOCKED, OrderStatus.OUT_OF_STOCK,
            OrderStatus.CANCELLED, OrderStatus.MANIFESTED);
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final BoundTopics topics;
    private final PipelineView view;
    private final Clock clock;

    public OrderAndStockActions(final BoundTopics topics, final PipelineView view, final Clock clock) {
        this.topics = topics;
        this.view = view;
        this.clock = clock;
    }

    public Effect cancel(final String actionId, final String orderId, final CancelRequest request) {
        final List<FieldProblem> problems = new ArrayList<>();
        final String reason = FraudListActions.required(request.reason(), "reason", problems);
        if (!problems.isEmpty()) {
            throw ActionRejected.invalid(problems);
        }
        final OrderStatusChange latest = view.latestStatus(orderId).orElseThrow(() -> ActionRejected.unknown("unknown_order",
                "no order '" + orderId + "' on orders.status"));
        if (FINAL.contains(latest.getStatus())) {
            throw ActionRejected.conflict("order_final", "order " + orderId + " is " + latest.getStatus() + ": a cancellation changes nothing");
        }
        final OrderCancellation cancellation = OrderCancellation.newBuilder().setCancellationId(actionId).setOrderId(orderId)
                .setShopId(latest.getShopId()).setShopOrderRef(latest.getShopOrderRef()).setReason(reason).setRequestedAt(clock.instant())
                .build();
        return new Effect(OpsActionType.ORDER_CANCELLATION, orderId, Topics.ORDERS_CANCELLATIONS.name(),
                "cancel order " + orderId + " (" + latest.getShopId() + " " + latest.getShopOrderRef() + ")", reason,
                "{\"status\": \"" + latest.getStatus() + "\"}", cancellation.toString(),
                List.of(ConsoleRecords.record(topics, Topics.ORDERS_CANCELLATIONS, orderId, cancellation)),
                Map.of("orderId", orderId, "cancellationId", actionId, "statusBefore", latest.getStatus().name()));
    }

    public Effect stock(final String actionId, final String sku, final StockRequest request) {
        final List<FieldProblem> problems = new ArrayList<>();
        if (sku == null || !SKU.matcher(sku).matches()) {
            problems.add(new FieldProblem("sku", "invalid", "sku must be 1-64 letters, digits, '.', '_' or '-'"));
        }
        final StockMovementType type = movementType(request.type(), problems);
        final StockLevel level = sku == null ? null : view.stockLevel(sku).orElse(null);
        final String warehouseId = level != null ? level.getWarehouseId() : request.warehouseId() == null ? null : request.warehouseId().strip();
        if (warehouseId == null || warehouseId.isEmpty()) {
            problems.add(new FieldProblem("warehouseId", "required", "the console has no stock of this SKU yet: name its warehouse"));
        }
        int delta = 0;
        if (type == StockMovementType.RECEIPT || type == StockMovementType.DAMAGE) {
            if (request.quantity() == null || request.quantity() <= 0) {
                problems.add(new FieldProblem("quantity", "must_be_positive", "quantity must be a whole number of units above 0"));
            } else {
                delta = type == StockMovementType.RECEIPT ? request.quantity() : -request.quantity();
                if (type == StockMovementType.DAMAGE && (level == null || request.quantity() > level.getOnHand())) {
                    problems.add(new FieldProblem("quantity", "more_than_on_hand", "only " + (level == null ? 0 : level.getOnHand())
                            + " units are on hand"));
                }
            }
        } else if (type == StockMovementType.ADJUSTMENT) {
            if (request.countedOnHand() == null || request.countedOnHand() < 0) {
                problems.add(new FieldProblem("countedOnHand", "required", "countedOnHand must be the units counted on the shelf (0 or more)"));
            } else {
                delta = request.countedOnHand() - (level == null ? 0 : level.getOnHand());
                if (delta == 0) {
                    problems.add(new FieldProblem("countedOnHand", "no_change", "the count equals what is on hand: nothing to adjust"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ActionRejected.invalid(problems);
        }
        final StockMovement movement = StockMovement.newBuilder().setMovementId(actionId).setSku(sku).setWarehouseId(warehouseId)
                .setType(type).setQuantityDelta(delta).setNote(request.note() == null || request.note().isBlank() ? null : request.note().strip())
                .setOccurredAt(clock.instant()).build();
        final int onHand = level == null ? 0 : level.getOnHand();
        return new Effect(OpsActionType.STOCK_MOVEMENT, sku, Topics.STOCK_MOVEMENTS.name(),
                type.name().toLowerCase(Locale.ROOT) + " of " + sku + ": " + (delta > 0 ? "+" : "") + delta + " units", movement.getNote(),
                "{\"onHand\": " + onHand + "}", "{\"onHand\": " + (onHand + delta) + ", \"movement\": " + movement + "}",
                List.of(ConsoleRecords.record(topics, Topics.STOCK_MOVEMENTS, sku, movement)),
                Map.of("sku", sku, "movementId", actionId, "quantityDelta", delta, "onHandBefore", onHand));
    }

    private static StockMovementType movementType(final String text, final List<FieldProblem> problems) {
        final String wanted = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (final StockMovementType type : List.of(StockMovementType.RECEIPT, StockMovementType.ADJUSTMENT, StockMovementType.DAMAGE)) {
            if (type.name().equals(wanted)) {
                return type;
            }
        }
        problems.add(new FieldProblem("type", "invalid", "type must be RECEIPT, ADJUSTMENT or DAMAGE"));
        return null;
    }
}
