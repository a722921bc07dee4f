package org.orderpool.intake.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.orderpool.contracts.FieldError;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderRejection;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.PaymentFacts;
import org.orderpool.contracts.PaymentMethod;
import org.orderpool.contracts.SalesChannel;
import org.orderpool.contracts.ShippingMethod;
import org.orderpool.contracts.ShopOrderKey;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.contracts.status.StatusChanges;

/**
 * The intake rule for one submitted order: guard against card numbers, normalise, validate, and
 * either accept it in canonical form or reject it with every reason. The record key names the order
 * (its shop, or the shop of the intake topic it came on, and its ref) and so its order id: a value
 * naming another order is rejected on the key's own order, never on the one the value names. No Kafka
 * here; the topology adds deduplication and the topics.
 */
public final class OrderIntake {

    public static final String SOURCE = "order-intake";

    private final OrderValidator validator;

    public OrderIntake(final OrderValidator validator) {
        this.validator = validator;
    }

    /** An order on the shared intake topic: the key's shop and ref name it. */
    public IntakeDecision decide(final ShopOrderKey key, final SubmittedOrder submitted, final Instant now) {
        return decide(null, key, submitted, now);
    }

    /**
     * An order from a shop's own intake topic: the topic, which only that shop may write to, says who
     * sent it, and the key's ref which of its orders it is. An order (or a key) naming another shop is
     * rejected as the sending shop's order, so a forged order can neither pass as another shop's nor
     * mark one of its orders decided.
     */
    public IntakeDecision decideFromShopTopic(final String topicShopId, final ShopOrderKey key, final SubmittedOrder submitted,
                                              final Instant now) {
        return decide(topicShopId, key, submitted, now);
    }

    private IntakeDecision decide(final String topicShopId, final ShopOrderKey key, final SubmittedOrder submitted,
                                  final Instant now) {
        Objects.requireNonNull(key, "a record without a key names no order");
        final String shopId = strip(topicShopId != null ? topicShopId : key.getShopId());
        final String shopOrderRef = strip(key.getShopOrderRef());
        final String orderId = OrderIds.forShopOrder(shopId, shopOrderRef);
        final List<FieldError> errors = new ArrayList<>();
        final String claimedShop = strip(submitted.getShopId());
        SubmittedOrder order = submitted;
        if (topicShopId != null && !claimedShop.equals(topicShopId)) {
            errors.add(new FieldError("shopId", "shop_mismatch", "the order names shop '" + shown(claimedShop)
                    + "' but came on the intake topic of shop '" + topicShopId + "'; a shop submits only its own orders"));
            order = SubmittedOrder.newBuilder(submitted).setShopId(topicShopId).build();
        }
        keyMismatch(topicShopId, key, claimedShop, strip(submitted.getShopOrderRef())).ifPresent(errors::add);
        if (!submitted.getIntakeErrors().isEmpty()) {
            // The gateway could not read a signed platform delivery: its placeholder is rejected for exactly those reasons.
            submitted.getIntakeErrors().forEach(error -> errors.add(new FieldError(shown(error.getField()), shown(error.getCode()),
                    shown(error.getMessage()))));
            return rejected(orderId, shopId, shopOrderRef, submitted.getChannel(), errors, now);
        }
        for (final CardNumberGuard.Finding finding : CardNumberGuard.scan(order)) {
            errors.add(new FieldError(finding.field(), "card_number", "holds what looks like a full card number ("
                    + PrintableText.sanitise(finding.maskedValue())
                    + "); the pool never takes card numbers, send BIN, last four digits and a fingerprint token"));
        }
        final SubmittedOrder normalised = Normaliser.normalise(order);
        errors.addAll(validator.validate(normalised, now));
        if (!errors.isEmpty()) {
            return rejected(orderId, shopId, shopOrderRef, normalised.getChannel(), errors, now);
        }
        final Order accepted = canonical(orderId, normalised, validator.shippingMethodOf(normalised), now);
        final ShopPolicy policy = validator.shops().policyOf(accepted.getShopId());
        if (!policy.countsAsPaid(normalised.getPaymentState())) {
            final Instant payBy = now.plus(policy.paymentTimeout());
            return new IntakeDecision.AwaitingPayment(accepted, StatusChanges.change(orderId, accepted.getShopId(),
                    accepted.getShopOrderRef(), OrderStatus.AWAITING_PAYMENT, "intake.awaiting_payment", "valid order from "
                            + accepted.getChannel() + "; the shop's platform reports its payment " + normalised.getPaymentState()
                            + ": it waits for the paid update until " + payBy + " (the shop's payment timeout, "
                            + Durations.describe(policy.paymentTimeout()) + "), then it is cancelled", SOURCE, now), payBy);
        }
        return new IntakeDecision.Accepted(accepted, StatusChanges.change(orderId, accepted.getShopId(),
                accepted.getShopOrderRef(), OrderStatus.ACCEPTED, "intake.accepted", "valid order from " + accepted.getChannel(),
                SOURCE, now));
    }

    /** Why the record key and the order disagree, if they do: the record is answered on the key's order only. */
    private static Optional<FieldError> keyMismatch(final String topicShopId, final ShopOrderKey key, final String claimedShop,
                                                    final String claimedRef) {
        final String keyShop = strip(key.getShopId());
        final String keyRef = strip(key.getShopOrderRef());
        final List<String> differences = new ArrayList<>();
        if (topicShopId != null && !keyShop.equals(topicShopId)) {
            differences.add("names shop '" + shown(keyShop) + "' but came on the intake topic of shop '" + topicShopId + "'");
        } else if (topicShopId == null && !keyShop.equals(claimedShop)) {
            differences.add("names shop '" + shown(keyShop) + "' but the order names shop '" + shown(claimedShop) + "'");
        }
        if (!keyRef.equals(claimedRef)) {
            differences.add("names order ref '" + shown(keyRef) + "' but the order names '" + shown(claimedRef) + "'");
        }
        if (differences.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FieldError("key", "key_mismatch", "the record key " + String.join(" and ", differences)
                + "; it is answered on the key's own order, never on the one the value names"));
    }

    private static IntakeDecision rejected(final String orderId, final String shopId, final String shopOrderRef,
                                           final SalesChannel channel, final List<FieldError> errors, final Instant now) {
        final String shownShop = shown(shopId);
        final String shownRef = PrintableText.sanitise(CardNumberGuard.maskRef(channel, shopOrderRef));
        final OrderRejection rejection = OrderRejection.newBuilder()
                .setOrderId(orderId)
                .setShopId(shownShop)
                .setShopOrderRef(shownRef)
                .setChannel(channel)
                .setErrors(errors)
                .setRejectedAt(now)
                .build();
        final boolean cardNumber = errors.stream().anyMatch(e -> e.getCode().equals("card_number"));
        final String summary = errors.stream().limit(3).map(e -> e.getField() + ": " + e.getCode()).collect(Collectors.joining("; "))
                + (errors.size() > 3 ? " (+" + (errors.size() - 3) + " more)" : "");
        return new IntakeDecision.Rejected(rejection, StatusChanges.change(orderId, shownShop, shownRef, OrderStatus.REJECTED,
                cardNumber ? "intake.card_number" : "intake.invalid", shown(summary), SOURCE, now));
    }

    /** A value as it may be repeated in a rejection: card numbers masked, control characters replaced. */
    private static String shown(final String value) {
        return PrintableText.sanitise(CardNumberGuard.mask(value));
    }

    private static String strip(final String value) {
        return value == null ? "" : value.strip();
    }

    private static Order canonical(final String orderId, final SubmittedOrder order, final ShippingMethod method,
                                   final Instant now) {
        return Order.newBuilder()
                .setOrderId(orderId)
                .setShopId(order.getShopId())
                .setShopOrderRef(order.getShopOrderRef())
                .setChannel(order.getChannel())
                .setCustomer(order.getCustomer())
                .setShippingAddress(order.getShippingAddress())
                .setBillingAddress(order.getBillingAddress() != null ? order.getBillingAddress() : order.getShippingAddress())
                .setLines(order.getLines())
                .setShippingMethod(method)
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
}
