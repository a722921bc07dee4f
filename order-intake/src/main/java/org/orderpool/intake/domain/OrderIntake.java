package org.orderpool.intake.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.orderpool.contracts.FieldError;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderRejection;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.PaymentFacts;
import org.orderpool.contracts.PaymentMethod;
import org.orderpool.contracts.ShopOrderKey;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.contracts.status.StatusChanges;

/**
 * The intake rule for one submitted order: guard against card numbers, normalise, validate, and
 * either accept it in canonical form or reject it with every reason. No Kafka here; the topology
 * adds deduplication and the topics.
 */
public final class OrderIntake {

    public static final String SOURCE = "order-intake";

    private final OrderValidator validator;

    public OrderIntake(final OrderValidator validator) {
        this.validator = validator;
    }

    public IntakeDecision decide(final ShopOrderKey key, final SubmittedOrder submitted, final Instant now) {
        return decide(key, submitted, now, new ArrayList<>());
    }

    /**
     * An order from a shop's own intake topic: the topic, which only that shop may write to, says who
     * sent it. An order naming another shop is rejected as the sending shop's order (its id comes from
     * the sender), so a forged order can neither pass as another shop's nor mark one of its orders decided.
     */
    public IntakeDecision decideFromShopTopic(final String topicShopId, final ShopOrderKey key, final SubmittedOrder submitted,
                                              final Instant now) {
        final String claimed = submitted.getShopId() == null ? "" : submitted.getShopId().strip();
        if (claimed.equals(topicShopId)) {
            return decide(key, submitted, now);
        }
        final List<FieldError> errors = new ArrayList<>();
        errors.add(new FieldError("shopId", "shop_mismatch", "the order names shop '" + CardNumberGuard.mask(claimed)
                + "' but came on the intake topic of shop '" + topicShopId + "'; a shop submits only its own orders"));
        return decide(key, SubmittedOrder.newBuilder(submitted).setShopId(topicShopId).build(), now, errors);
    }

    private IntakeDecision decide(final ShopOrderKey key, final SubmittedOrder submitted, final Instant now,
                                  final List<FieldError> errors) {
        final String orderId = OrderIds.forShopOrder(submitted.getShopId(), submitted.getShopOrderRef());
        for (final CardNumberGuard.Finding finding : CardNumberGuard.scan(submitted)) {
            errors.add(new FieldError(finding.field(), "card_number", "holds what looks like a full card number ("
                    + finding.maskedValue() + "); the pool never takes card numbers, send BIN, last four digits and a fingerprint token"));
        }
        final SubmittedOrder normalised = Normaliser.normalise(submitted);
        if (key != null && !(normalised.getShopId().equals(key.getShopId().strip())
                && normalised.getShopOrderRef().equals(key.getShopOrderRef().strip()))) {
            errors.add(new FieldError("key", "key_mismatch", "the record key names shop '" + CardNumberGuard.mask(key.getShopId())
                    + "' and order ref '" + CardNumberGuard.mask(key.getShopOrderRef()) + "' but the order itself names another"));
        }
        errors.addAll(validator.validate(normalised));
        if (!errors.isEmpty()) {
            return rejected(orderId, normalised, errors, now);
        }
        final Order order = canonical(orderId, normalised, now);
        return new IntakeDecision.Accepted(order, status(orderId, normalised, OrderStatus.ACCEPTED, "intake.accepted",
                "valid order from " + normalised.getChannel(), now));
    }

    private static IntakeDecision rejected(final String orderId, final SubmittedOrder order, final List<FieldError> errors,
                                           final Instant now) {
        final OrderRejection rejection = OrderRejection.newBuilder()
                .setOrderId(orderId)
                .setShopId(CardNumberGuard.mask(order.getShopId()))
                .setShopOrderRef(CardNumberGuard.mask(order.getShopOrderRef()))
                .setChannel(order.getChannel())
                .setErrors(errors)
                .setRejectedAt(now)
                .build();
        final boolean cardNumber = errors.stream().anyMatch(e -> e.getCode().equals("card_number"));
        final String summary = errors.stream().limit(3).map(e -> e.getField() + ": " + e.getCode()).collect(Collectors.joining("; "))
                + (errors.size() > 3 ? " (+" + (errors.size() - 3) + " more)" : "");
        return new IntakeDecision.Rejected(rejection, status(orderId, order, OrderStatus.REJECTED,
                cardNumber ? "intake.card_number" : "intake.invalid", summary, now));
    }

    private static Order canonical(final String orderId, final SubmittedOrder order, final Instant now) {
        return Order.newBuilder()
                .setOrderId(orderId)
                .setShopId(order.getShopId())
                .setShopOrderRef(order.getShopOrderRef())
                .setChannel(order.getChannel())
                .setCustomer(order.getCustomer())
                .setShippingAddress(order.getShippingAddress())
                .setBillingAddress(order.getBillingAddress() != null ? order.getBillingAddress() : order.getShippingAddress())
                .setLines(order.getLines())
                .setShippingMethod(OrderValidator.parseShippingMethod(order.getShippingMethod()))
                .setShippingCost(order.getShippingCost())
                .setDiscount(order.getDiscount())
                .setAddedTax(order.getAddedTax())
                .setTotal(order.getTotal())
                .setPayment(order.getPayment() != null ? order.getPayment()
                        : PaymentFacts.newBuilder().setMethod(PaymentMethod.UNKNOWN).build())
                .setPlacedAt(order.getPlacedAt())
                .setAcceptedAt(now)
                .build();
    }

    static OrderStatusChange status(final String orderId, final SubmittedOrder order, final OrderStatus status,
                                    final String reasonCode, final String reason, final Instant now) {
        return StatusChanges.change(orderId, CardNumberGuard.mask(order.getShopId()), CardNumberGuard.mask(order.getShopOrderRef()),
                status, reasonCode, CardNumberGuard.mask(reason), SOURCE, now);
    }
}
