package org.orderpool.intake.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

/** The pool's own JSON order format (documented in the README); amounts in minor units, one currency. */
final class PoolJsonMapper implements OrderPayloadMapper {

    @Override
    public Mapped map(final String shopId, final JsonNode body, final String platformEventId, final Instant receivedAt) {
        final JsonReader json = new JsonReader();
        final String bodyShop = json.text(body, "shopId", "shopId", false);
        if (bodyShop != null && !bodyShop.equals(shopId)) {
            json.error("shopId", "shop_mismatch", "the body names shop '" + bodyShop + "' but the URL names '" + shopId + "'");
        }
        final String currency = json.text(body, "currency", "currency", true).toUpperCase(Locale.ROOT);
        final List<OrderLine> lines = new ArrayList<>();
        final List<JsonNode> items = json.array(body, "lines", "lines");
        for (int i = 0; i < items.size(); i++) {
            final JsonNode item = items.get(i);
            final String path = "lines[" + i + "]";
            final String lineId = json.text(item, "lineId", path + ".lineId", false);
            lines.add(OrderLine.newBuilder()
                    .setLineId(lineId != null ? lineId : Integer.toString(i + 1))
                    .setSku(json.text(item, "sku", path + ".sku", true))
                    .setTitle(json.text(item, "title", path + ".title", false))
                    .setQuantity(json.integer(item, "quantity", path + ".quantity"))
                    .setUnitPrice(json.money(json.minorUnits(item, "unitPrice", path + ".unitPrice", true), currency))
                    .build());
        }
        final JsonNode billing = json.object(body, "billingAddress", "billingAddress", false);
        final JsonNode discount = body.get("discount");
        final JsonNode addedTax = body.get("addedTax");
        final SubmittedOrder order = SubmittedOrder.newBuilder()
                .setShopId(shopId)
                .setShopOrderRef(json.text(body, "shopOrderRef", "shopOrderRef", true))
                .setChannel(SalesChannel.POOL_JSON)
                .setPlatformEventId(platformEventId)
                .setCustomer(customer(json, json.object(body, "customer", "customer", true)))
                .setShippingAddress(address(json, json.object(body, "shippingAddress", "shippingAddress", true), "shippingAddress"))
                .setBillingAddress(billing == null ? null : address(json, billing, "billingAddress"))
                .setLines(lines)
                .setShippingMethod(json.text(body, "shippingMethod", "shippingMethod", true))
                .setShippingCost(json.money(json.minorUnits(body, "shippingCost", "shippingCost", true), currency))
                .setDiscount(discount == null || discount.isNull() ? null : json.money(json.minorUnits(body, "discount", "discount", false), currency))
                .setAddedTax(addedTax == null || addedTax.isNull() ? null : json.money(json.minorUnits(body, "addedTax", "addedTax", false), currency))
                .setTotal(json.money(json.minorUnits(body, "total", "total", true), currency))
                .setPayment(payment(json, json.object(body, "payment", "payment", false)))
                .setPlacedAt(json.instant(body, "placedAt", "placedAt"))
                .setReceivedAt(receivedAt)
                .setPaymentState(paymentState(json, body))
                .build();
        return new Mapped(order, json.errors());
    }

    @Override
    public CancellationRequest cancellation(final String topic, final JsonNode body) {
        throw new UnsupportedOperationException("the pool's format cancels through its own endpoint");
    }

    /**
     * A new order, unless it states its payment ({@code paymentState}): then it may be the paid version of an order
     * sent unpaid before, and is passed on every time for order-intake to decide. Cancellations have their own endpoint.
     */
    @Override
    public Delivery delivery(final String topic, final JsonNode body) {
        return body.hasNonNull("paymentState") ? Delivery.ORDER_CHANGED : Delivery.ORDER_CREATED;
    }

    @Override
    public Instant changedAt(final JsonNode body) {
        return null; // the pool's format signs a timestamp header instead
    }

    /** The optional {@code paymentState} (PAID, AUTHORISED, PENDING); absent, the order is taken as paid. */
    private static PaymentState paymentState(final JsonReader json, final JsonNode body) {
        final String text = json.text(body, "paymentState", "paymentState", false);
        if (text == null) {
            return null;
        }
        try {
            final PaymentState state = PaymentState.valueOf(text.strip().toUpperCase(Locale.ROOT));
            if (state != PaymentState.UNKNOWN) {
                return state;
            }
        } catch (final IllegalArgumentException e) {
            // reported below
        }
        json.error("paymentState", "unknown_value", "'" + text + "' is not one of PAID, AUTHORISED, PENDING");
        return null;
    }

    private static Customer customer(final JsonReader json, final JsonNode node) {
        return Customer.newBuilder()
                .setEmail(json.text(node, "email", "customer.email", true))
                .setFirstName(json.text(node, "firstName", "customer.firstName", true))
                .setLastName(json.text(node, "lastName", "customer.lastName", true))
                .setShopCustomerId(json.text(node, "shopCustomerId", "customer.shopCustomerId", false))
                .build();
    }

    static Address address(final JsonReader json, final JsonNode node, final String path) {
        return Address.newBuilder()
                .setName(json.text(node, "name", path + ".name", true))
                .setCompany(json.text(node, "company", path + ".company", false))
                .setLine1(json.text(node, "line1", path + ".line1", true))
                .setLine2(json.text(node, "line2", path + ".line2", false))
                .setPostalCode(json.text(node, "postalCode", path + ".postalCode", true))
                .setCity(json.text(node, "city", path + ".city", true))
                .setRegion(json.text(node, "region", path + ".region", false))
                .setCountryCode(json.text(node, "countryCode", path + ".countryCode", true))
                .setPhone(json.text(node, "phone", path + ".phone", false))
                .build();
    }

    private static PaymentFacts payment(final JsonReader json, final JsonNode node) {
        if (node == null) {
            return null;
        }
        return PaymentFacts.newBuilder()
                .setMethod(enumValue(json, node, "method", PaymentMethod.class, PaymentMethod.UNKNOWN))
                .setCardBin(json.text(node, "cardBin", "payment.cardBin", false))
                .setCardLastFour(json.text(node, "cardLastFour", "payment.cardLastFour", false))
                .setCardFingerprint(json.text(node, "cardFingerprint", "payment.cardFingerprint", false))
                .setCardCountry(json.text(node, "cardCountry", "payment.cardCountry", false))
                .setThreeDSecure(enumValue(json, node, "threeDSecure", ThreeDSecureResult.class, ThreeDSecureResult.UNKNOWN))
                .setAuthorisation(enumValue(json, node, "authorisation", AuthorisationStatus.class, AuthorisationStatus.UNKNOWN))
                .setClientIp(json.text(node, "clientIp", "payment.clientIp", false))
                .setClientIpCountry(json.text(node, "clientIpCountry", "payment.clientIpCountry", false))
                .build();
    }

    private static <E extends Enum<E>> E enumValue(final JsonReader json, final JsonNode node, final String name,
                                                   final Class<E> type, final E fallback) {
        final String text = json.text(node, name, "payment." + name, false);
        if (text == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            json.error("payment." + name, "unknown_value", "'" + text + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
            return fallback;
        }
    }
}
