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
import org.orderpool.contracts.OrderLine;
import org.orderpool.contracts.PaymentFacts;
import org.orderpool.contracts.PaymentMethod;
import org.orderpool.contracts.PaymentState;
import org.orderpool.contracts.SalesChannel;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.contracts.ThreeDSecureResult;

/**
 * WooCommerce's {@code order.created} webhook (REST API v3 order object). The shop order ref is the
 * order {@code id}. Line unit prices are taken before discounts and with their tax
 * ({@code (subtotal + subtotal_tax) / quantity}); the order's discount is {@code discount_total +
 * discount_tax}; so lines + shipping - discount is the order total. The shipping method is the first
 * shipping line's {@code method_id} and {@code method_title}, which the shop's shipping names map to the
 * pool's methods (WooCommerce core's ids, {@code flat_rate}, {@code free_shipping} and {@code local_pickup},
 * map without any).
 */
final class WooCommerceMapper implements OrderPayloadMapper {

    /** The statuses that end a WooCommerce order before it ships. */
    static final Set<String> CANCELLED_STATUSES = Set.of("cancelled", "refunded", "failed");

    @Override
    public Mapped map(final String shopId, final JsonNode body, final String platformEventId, final Instant receivedAt) {
        final JsonReader json = new JsonReader();
        final String currency = json.text(body, "currency", "currency", true).toUpperCase(Locale.ROOT);
        final List<OrderLine> lines = new ArrayList<>();
        final List<JsonNode> items = json.array(body, "line_items", "line_items");
        for (int i = 0; i < items.size(); i++) {
            final JsonNode item = items.get(i);
            final String path = "line_items[" + i + "]";
            final int quantity = json.integer(item, "quantity", path + ".quantity");
            final long gross = json.decimal(item, "subtotal", path + ".subtotal", currency, true)
                    + json.decimal(item, "subtotal_tax", path + ".subtotal_tax", currency, false);
            lines.add(OrderLine.newBuilder()
                    .setLineId(json.text(item, "id", path + ".id", true))
                    .setSku(json.text(item, "sku", path + ".sku", true))
                    .setTitle(json.text(item, "name", path + ".name", false))
                    .setQuantity(quantity)
                    .setUnitPrice(json.money(quantity > 0 ? Math.round((double) gross / quantity) : gross, currency))
                    .build());
        }
        final JsonNode billing = json.object(body, "billing", "billing", true);
        final JsonNode shipping = json.object(body, "shipping", "shipping", false);
        final List<JsonNode> shippingLines = json.array(body, "shipping_lines", "shipping_lines");
        final JsonNode firstShippingLine = shippingLines.isEmpty() ? null : shippingLines.get(0);
        final String methodId = json.text(firstShippingLine, "method_id", "shipping_lines[0].method_id", false);
        final String customerId = json.text(body, "customer_id", "customer_id", false);
        final JsonNode shipTo = shipping != null && shipping.hasNonNull("address_1") && !shipping.path("address_1").asText().isBlank()
                ? shipping : billing;
        final SubmittedOrder order = SubmittedOrder.newBuilder()
                .setShopId(shopId)
                .setShopOrderRef(json.text(body, "id", "id", true))
                .setChannel(SalesChannel.WOOCOMMERCE)
                .setPlatformEventId(platformEventId)
                .setCustomer(Customer.newBuilder()
                        .setEmail(json.text(billing, "email", "billing.email", true))
                        .setFirstName(json.text(billing, "first_name", "billing.first_name", true))
                        .setLastName(json.text(billing, "last_name", "billing.last_name", true))
                        .setShopCustomerId(customerId == null || customerId.equals("0") ? null : customerId)
                        .build())
                .setShippingAddress(address(json, shipTo, shipTo == billing ? "billing" : "shipping"))
                .setBillingAddress(address(json, billing, "billing"))
                .setLines(lines)
                .setShippingMethod(methodId == null ? "" : methodId)
                .setShippingMethodTitle(json.text(firstShippingLine, "method_title", "shipping_lines[0].method_title", false))
                .setShippingCost(json.money(json.decimal(body, "shipping_total", "shipping_total", currency, false)
                        + json.decimal(body, "shipping_tax", "shipping_tax", currency, false), currency))
                .setDiscount(json.money(json.decimal(body, "discount_total", "discount_total", currency, false)
                        + json.decimal(body, "discount_tax", "discount_tax", currency, false), currency))
                .setTotal(json.money(json.decimal(body, "total", "total", currency, true), currency))
                .setPayment(PaymentFacts.newBuilder()
                        .setMethod(paymentMethod(json.text(body, "payment_method", "payment_method", false)))
                        .setThreeDSecure(ThreeDSecureResult.UNKNOWN)
                        .setAuthorisation(body.hasNonNull("date_paid_gmt") ? AuthorisationStatus.AUTHORISED : AuthorisationStatus.PENDING)
                        .setClientIp(json.text(body, "customer_ip_address", "customer_ip_address", false))
                        .build())
                .setPlacedAt(json.instant(body, "date_created_gmt", "date_created_gmt"))
                .setReceivedAt(receivedAt)
                .setPaymentState(paymentState(body.path("status").asText("")))
                .build();
        return new Mapped(order, json.errors());
    }

    /**
     * {@code order.created} and {@code order.updated} carry the whole order; one whose status is
     * {@code cancelled}, {@code refunded} or {@code failed} is a cancellation, and so is {@code order.deleted}
     * (only its id). {@code order.restored} and any other topic are ignored: a cancellation the pool took stays.
     */
    @Override
    public Delivery delivery(final String topic, final JsonNode body) {
        final boolean cancelled = CANCELLED_STATUSES.contains(body.path("status").asText("").strip().toLowerCase(Locale.ROOT));
        if (topic == null) {
            return cancelled ? Delivery.CANCELLATION : Delivery.ORDER_CREATED;
        }
        return switch (topic.strip().toLowerCase(Locale.ROOT)) {
            case "order.created" -> cancelled ? Delivery.CANCELLATION : Delivery.ORDER_CREATED;
            case "order.updated" -> cancelled ? Delivery.CANCELLATION : Delivery.ORDER_CHANGED;
            case "order.deleted" -> Delivery.CANCELLATION;
            default -> Delivery.IGNORED;
        };
    }

    /** The order's {@code id}; the reason names the topic and the status the order went to. */
    @Override
    public CancellationRequest cancellation(final String topic, final JsonNode body) {
        final JsonReader json = new JsonReader();
        final String ref = json.text(body, "id", "id", true);
        final JsonNode statusNode = body.path("status"); // made safe later, never a cause to refuse
        final String status = statusNode.isValueNode() ? statusNode.asText(null) : null;
        final String reason = "WooCommerce " + (topic == null ? "order" : topic.strip()) + (status == null ? "" : ", status " + status);
        return new CancellationRequest(ref.strip(), reason, json.errors());
    }

    @Override
    public Instant changedAt(final JsonNode body) {
        return JsonReader.optionalInstant(body, "date_modified_gmt");
    }

    /**
     * WooCommerce's order {@code status}: {@code processing} (paid, to ship) and {@code completed} are paid;
     * {@code pending}, {@code on-hold} and {@code checkout-draft} wait for payment; any other (a plugin's own) is
     * not known to be paid.
     */
    static PaymentState paymentState(final String status) {
        return switch (status.strip().toLowerCase(Locale.ROOT)) {
            case "processing", "completed" -> PaymentState.PAID;
            case "pending", "on-hold", "checkout-draft" -> PaymentState.PENDING;
            default -> PaymentState.UNKNOWN;
        };
    }

    private static PaymentMethod paymentMethod(final String gateway) {
        if (gateway == null) {
            return PaymentMethod.UNKNOWN;
        }
        final String id = gateway.toLowerCase(Locale.ROOT);
        if (id.contains("stripe") || id.contains("card")) {
            return PaymentMethod.CARD;
        }
        if (id.contains("paypal") || id.equals("ppcp-gateway")) {
            return PaymentMethod.PAYPAL;
        }
        if (id.equals("bacs")) {
            return PaymentMethod.BANK_TRANSFER;
        }
        return PaymentMethod.OTHER;
    }

    private static Address address(final JsonReader json, final JsonNode node, final String path) {
        final String first = json.text(node, "first_name", path + ".first_name", false);
        final String last = json.text(node, "last_name", path + ".last_name", false);
        return Address.newBuilder()
                .setName(((first == null ? "" : first) + " " + (last == null ? "" : last)).strip())
                .setCompany(json.text(node, "company", path + ".company", false))
                .setLine1(json.text(node, "address_1", path + ".address_1", true))
                .setLine2(json.text(node, "address_2", path + ".address_2", false))
                .setPostalCode(json.text(node, "postcode", path + ".postcode", true))
                .setCity(json.text(node, "city", path + ".city", true))
                .setRegion(json.text(node, "state", path + ".state", false))
                .setCountryCode(json.text(node, "country", path + ".country", true))
                .setPhone(json.text(node, "phone", path + ".phone", false))
                .build();
    }
}
