package org.orderpool.intake.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.orderpool.contracts.Address;
import org.orderpool.contracts.AuthorisationStatus;
import org.orderpool.contracts.Customer;
import org.orderpool.contracts.DisputeKind;
import org.orderpool.contracts.OrderLine;
import org.orderpool.contracts.PaymentFacts;
import org.orderpool.contracts.PaymentMethod;
import org.orderpool.contracts.PaymentState;
import org.orderpool.contracts.SalesChannel;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.contracts.ThreeDSecureResult;
import org.orderpool.intake.domain.PrintableText;

/**
 * Shopify's order webhooks (REST Admin API order object). The shop order ref is Shopify's order
 * {@code id}; amounts are decimal strings in the shop currency; the shipping method is the first
 * shipping line's {@code code} and {@code title}, the shop's own free text, which its shipping names
 * map to the pool's methods (several shipping lines are paid for together, the first names the method).
 * Shopify sends no card fingerprint; the BIN and last four come from {@code payment_details} when present.
 */
final class ShopifyMapper implements OrderPayloadMapper {

    @Override
    public Mapped map(final String shopId, final JsonNode body, final String platformEventId, final Instant receivedAt) {
        final JsonReader json = new JsonReader();
        final String currency = json.text(body, "currency", "currency", true).toUpperCase(Locale.ROOT);
        final List<OrderLine> lines = new ArrayList<>();
        final List<JsonNode> items = json.array(body, "line_items", "line_items");
        for (int i = 0; i < items.size(); i++) {
            final JsonNode item = items.get(i);
            final String path = "line_items[" + i + "]";
            lines.add(OrderLine.newBuilder()
                    .setLineId(json.text(item, "id", path + ".id", true))
                    .setSku(json.text(item, "sku", path + ".sku", true))
                    .setTitle(json.text(item, "title", path + ".title", false))
                    .setQuantity(json.integer(item, "quantity", path + ".quantity"))
                    .setUnitPrice(json.money(json.decimal(item, "price", path + ".price", currency, true), currency))
                    .build());
        }
        final JsonNode customer = json.object(body, "customer", "customer", false);
        final JsonNode shipping = json.object(body, "shipping_address", "shipping_address", true);
        final JsonNode billing = json.object(body, "billing_address", "billing_address", false);
        final List<JsonNode> shippingLines = json.array(body, "shipping_lines", "shipping_lines");
        final JsonNode firstShippingLine = shippingLines.isEmpty() ? null : shippingLines.get(0);
        long shippingCost = 0;
        for (int i = 0; i < shippingLines.size(); i++) {
            shippingCost += json.decimal(shippingLines.get(i), "price", "shipping_lines[" + i + "].price", currency, true);
        }
        final boolean taxesIncluded = body.path("taxes_included").asBoolean(true);
        final String email = body.hasNonNull("email") ? json.text(body, "email", "email", true)
                : json.text(customer, "email", "customer.email", true);
        final SubmittedOrder order = SubmittedOrder.newBuilder()
                .setShopId(shopId)
                .setShopOrderRef(json.text(body, "id", "id", true))
                .setChannel(SalesChannel.SHOPIFY)
                .setPlatformEventId(platformEventId)
                .setCustomer(Customer.newBuilder()
                        .setEmail(email)
                        .setFirstName(firstNonNull(json.text(customer, "first_name", "customer.first_name", false),
                                json.text(shipping, "first_name", "shipping_address.first_name", false)))
                        .setLastName(firstNonNull(json.text(customer, "last_name", "customer.last_name", false),
                                json.text(shipping, "last_name", "shipping_address.last_name", false)))
                        .setShopCustomerId(json.text(customer, "id", "customer.id", false))
                        .build())
                .setShippingAddress(address(json, shipping, "shipping_address"))
                .setBillingAddress(billing == null ? null : address(json, billing, "billing_address"))
                .setLines(lines)
                .setShippingMethod(nonNull(json.text(firstShippingLine, "code", "shipping_lines[0].code", false)))
                .setShippingMethodTitle(json.text(firstShippingLine, "title", "shipping_lines[0].title", false))
                .setShippingCost(json.money(shippingCost, currency))
                .setDiscount(json.money(json.decimal(body, "total_discounts", "total_discounts", currency, false), currency))
                .setAddedTax(json.money(taxesIncluded ? 0 : json.decimal(body, "total_tax", "total_tax", currency, false), currency))
                .setTotal(json.money(json.decimal(body, "total_price", "total_price", currency, true), currency))
                .setPayment(payment(json, body))
                .setPlacedAt(json.instant(body, "created_at", "created_at"))
                .setReceivedAt(receivedAt)
                .setPaymentState(paymentState(body.path("financial_status").asText("")))
                .build();
        return new Mapped(order, json.errors());
    }

    /**
     * {@code orders/create}, {@code orders/updated} and {@code orders/paid} carry the whole order; so does
     * {@code orders/cancelled}, and an order whose {@code cancelled_at} is set is a cancellation whatever its
     * topic. {@code orders/delete} (only its id) is a cancellation too. {@code disputes/create} and
     * {@code disputes/update} are Shopify Payments disputes ({@link #dispute}). Any other topic is ignored.
     */
    @Override
    public Delivery delivery(final String topic, final JsonNode body) {
        final boolean cancelled = body.hasNonNull("cancelled_at") && !body.path("cancelled_at").asText().isBlank();
        if (topic == null) {
            return cancelled ? Delivery.CANCELLATION : Delivery.ORDER_CREATED;
        }
        return switch (topic.strip().toLowerCase(Locale.ROOT)) {
            case "orders/create" -> cancelled ? Delivery.CANCELLATION : Delivery.ORDER_CREATED;
            case "orders/updated", "orders/paid" -> cancelled ? Delivery.CANCELLATION : Delivery.ORDER_CHANGED;
            case "orders/cancelled", "orders/delete" -> Delivery.CANCELLATION;
            case "disputes/create", "disputes/update" -> Delivery.DISPUTE;
            default -> Delivery.IGNORED;
        };
    }

    /** The order's {@code id} and {@code cancel_reason} (customer, fraud, inventory, declined, other). */
    @Override
    public CancellationRequest cancellation(final String topic, final JsonNode body) {
        final JsonReader json = new JsonReader();
        final String ref = json.text(body, "id", "id", true);
        final JsonNode cancelReason = body.path("cancel_reason"); // made safe later, never a cause to refuse
        final String why = cancelReason.isValueNode() ? cancelReason.asText(null) : null;
        final String reason = "Shopify " + (topic == null ? "cancellation" : topic.strip())
                + (why == null || why.isBlank() ? "" : ": " + why);
        return new CancellationRequest(ref.strip(), reason, json.errors());
    }

    /**
     * A Shopify Payments dispute (REST dispute object: {@code id}, {@code order_id}, {@code type} chargeback or inquiry,
     * {@code amount} a decimal string in {@code currency}, {@code reason}, {@code status}, {@code initiated_at}). The
     * order's ref is Shopify's order id, as {@link #map} takes it from an order webhook, so {@code order_id} names the
     * pool's order without a lookup. A dispute on no order ({@code order_id} null) is ignored; so is an update once the
     * dispute is decided ({@link #FINALISED}): the contract carries no outcome, and the dispute was reported when it
     * opened. An update while it is open is taken (the same dispute id, so it counts once): it may be the first report the
     * pool gets, when the create was lost, or an inquiry turned chargeback.
     */
    @Override
    public DisputeReport.Read dispute(final String topic, final JsonNode body) {
        final boolean update = topic != null && topic.strip().equalsIgnoreCase("disputes/update");
        final String status = body.path("status").isTextual() ? body.path("status").asText().strip().toLowerCase(Locale.ROOT) : "";
        if (update && FINALISED.contains(status)) {
            return DisputeReport.Read.ignored("dispute_finalised", "the dispute is " + PrintableText.sanitise(status)
                    + "; the pool records a dispute when it opens, and carries no outcome");
        }
        final JsonReader json = new JsonReader();
        final String id = json.text(body, "id", "id", true).strip();
        final String orderRef = json.text(body, "order_id", "order_id", false);
        if (orderRef == null && json.errors().isEmpty()) {
            return DisputeReport.Read.ignored("dispute_without_order", "the dispute names no order (order_id is null), so"
                    + " there is no customer for fraud-check to learn about");
        }
        final String currency = json.text(body, "currency", "currency", true).strip().toUpperCase(Locale.ROOT);
        final long amount = json.decimal(body, "amount", "amount", currency, true);
        final String reason = json.text(body, "reason", "reason", false);
        final Instant openedAt = json.instant(body, "initiated_at", "initiated_at");
        final DisputeKind kind = switch (body.path("type").asText("").strip().toLowerCase(Locale.ROOT)) {
            case "chargeback" -> DisputeKind.CHARGEBACK;
            case "inquiry" -> DisputeKind.INQUIRY;
            default -> DisputeKind.UNKNOWN; // a type Shopify adds later is still a dispute
        };
        return DisputeReport.Read.of(new DisputeReport(id, orderRef == null ? "" : orderRef.strip(), kind,
                reason == null || reason.isBlank() ? "general" : reason.strip().toLowerCase(Locale.ROOT), json.money(amount, currency), openedAt), json.errors());
    }

    /** Shopify's statuses of a decided dispute (PREVENTED: it never became a chargeback). */
    private static final Set<String> FINALISED = Set.of("won", "lost", "accepted", "charge_refunded", "prevented");

    @Override
    public Instant changedAt(final JsonNode body) {
        return JsonReader.optionalInstant(body, "updated_at");
    }

    /**
     * Shopify's {@code financial_status}: {@code paid} (and {@code partially_refunded}, paid then partly refunded)
     * is paid; {@code authorized} is authorised (paid for a shop whose policy accepts it); {@code pending},
     * {@code partially_paid} and anything else (voided, refunded, a status Shopify adds) is not paid.
     */
    static PaymentState paymentState(final String financialStatus) {
        return switch (financialStatus.strip().toLowerCase(Locale.ROOT)) {
            case "paid", "partially_refunded" -> PaymentState.PAID;
            case "authorized" -> PaymentState.AUTHORISED;
            case "pending", "partially_paid" -> PaymentState.PENDING;
            default -> PaymentState.UNKNOWN;
        };
    }

    private static Address address(final JsonReader json, final JsonNode node, final String path) {
        final String first = json.text(node, "first_name", path + ".first_name", false);
        final String last = json.text(node, "last_name", path + ".last_name", false);
        final String name = node != null && node.hasNonNull("name") ? json.text(node, "name", path + ".name", true)
                : ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        return Address.newBuilder()
                .setName(name)
                .setCompany(json.text(node, "company", path + ".company", false))
                .setLine1(json.text(node, "address1", path + ".address1", true))
                .setLine2(json.text(node, "address2", path + ".address2", false))
                .setPostalCode(json.text(node, "zip", path + ".zip", true))
                .setCity(json.text(node, "city", path + ".city", true))
                .setRegion(json.text(node, "province_code", path + ".province_code", false))
                .setCountryCode(json.text(node, "country_code", path + ".country_code", true))
                .setPhone(json.text(node, "phone", path + ".phone", false))
                .build();
    }

    private static PaymentFacts payment(final JsonReader json, final JsonNode body) {
        final JsonNode details = body.get("payment_details");
        final String lastFour = details == null ? null : lastFourDigits(json.text(details, "credit_card_number", "payment_details.credit_card_number", false));
        return PaymentFacts.newBuilder()
                .setMethod(details != null ? PaymentMethod.CARD : PaymentMethod.OTHER)
                .setCardBin(details == null ? null : json.text(details, "credit_card_bin", "payment_details.credit_card_bin", false))
                .setCardLastFour(lastFour)
                .setThreeDSecure(ThreeDSecureResult.UNKNOWN)
                .setAuthorisation(switch (body.path("financial_status").asText("")) {
                    case "paid", "authorized", "partially_paid" -> AuthorisationStatus.AUTHORISED;
                    case "pending" -> AuthorisationStatus.PENDING;
                    case "voided" -> AuthorisationStatus.DECLINED;
                    default -> AuthorisationStatus.UNKNOWN;
                })
                .setClientIp(json.text(body, "browser_ip", "browser_ip", false))
                .build();
    }

    private static String lastFourDigits(final String masked) {
        if (masked == null) {
            return null;
        }
        final String digits = masked.replaceAll("[^0-9]", "");
        return digits.length() >= 4 ? digits.substring(digits.length() - 4) : null;
    }

    private static String nonNull(final String text) {
        return text == null ? "" : text;
    }

    private static String firstNonNull(final String a, final String b) {
        return a != null ? a : b != null ? b : "";
    }
}
