package org.orderpool.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** A simulated order as each platform's webhook body carries it (the formats order-intake's mappers read). */
public final class WebhookPayloads {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter WOO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private WebhookPayloads() {
    }

    public static byte[] poolJson(final SimOrder order) {
        final ObjectNode body = JSON.createObjectNode();
        body.put("shopOrderRef", order.shopOrderRef());
        body.put("placedAt", order.placedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("currency", "EUR");
        body.putObject("customer").put("email", order.customer().email()).put("firstName", order.customer().firstName())
                .put("lastName", order.customer().lastName());
        body.putObject("shippingAddress").put("name", order.address().name()).put("line1", order.address().line1())
                .put("postalCode", order.address().postalCode()).put("city", order.address().city()).put("countryCode", order.address().countryCode());
        final ArrayNode lines = body.putArray("lines");
        order.lines().forEach(line -> lines.addObject().put("sku", line.sku()).put("quantity", line.quantity()).put("unitPrice", line.unitCents()));
        body.put("shippingMethod", order.shippingMethod());
        body.put("shippingCost", order.shippingCents());
        body.put("total", order.totalCents());
        final SimOrder.Payment payment = order.payment();
        body.putObject("payment").put("method", "CARD").put("cardBin", payment.bin()).put("cardLastFour", payment.lastFour())
                .put("cardFingerprint", payment.fingerprint()).put("cardCountry", payment.cardCountry())
                .put("threeDSecure", payment.threeDSecure()).put("authorisation", payment.authorisation())
                .put("clientIp", payment.clientIp()).put("clientIpCountry", payment.clientIpCountry());
        return bytes(body);
    }

    public static byte[] shopify(final SimOrder order) {
        final ObjectNode body = JSON.createObjectNode();
        body.put("id", Long.parseLong(order.shopOrderRef()));
        body.put("name", "#" + order.shopOrderRef());
        body.put("email", order.customer().email());
        body.put("created_at", order.placedAt().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.ofHours(1)).toString());
        body.put("currency", "EUR");
        body.put("financial_status", "paid");
        body.put("taxes_included", true);
        body.put("total_price", decimal(order.totalCents()));
        body.put("total_discounts", "0.00");
        body.put("browser_ip", order.payment().clientIp());
        body.putObject("customer").put("email", order.customer().email()).put("first_name", order.customer().firstName())
                .put("last_name", order.customer().lastName());
        body.putObject("shipping_address").put("name", order.address().name()).put("first_name", order.customer().firstName())
                .put("last_name", order.customer().lastName()).put("address1", order.address().line1()).put("city", order.address().city())
                .put("zip", order.address().postalCode()).put("country_code", order.address().countryCode());
        final ArrayNode items = body.putArray("line_items");
        for (int i = 0; i < order.lines().size(); i++) {
            final SimOrder.Line line = order.lines().get(i);
            items.addObject().put("id", i + 1).put("sku", line.sku()).put("quantity", line.quantity()).put("price", decimal(line.unitCents()));
        }
        body.putArray("shipping_lines").addObject().put("code", order.shippingMethod()).put("price", decimal(order.shippingCents()));
        body.putObject("payment_details").put("credit_card_bin", order.payment().bin())
                .put("credit_card_number", "•••• •••• •••• " + order.payment().lastFour()).put("credit_card_company", "Visa");
        return bytes(body);
    }

    public static byte[] wooCommerce(final SimOrder order) {
        final ObjectNode body = JSON.createObjectNode();
        body.put("id", Long.parseLong(order.shopOrderRef()));
        body.put("number", order.shopOrderRef());
        body.put("status", "processing");
        body.put("currency", "EUR");
        body.put("date_created_gmt", WOO_TIME.format(order.placedAt()));
        body.put("discount_total", "0.00");
        body.put("discount_tax", "0.00");
        body.put("shipping_total", decimal(order.shippingCents()));
        body.put("shipping_tax", "0.00");
        body.put("total", decimal(order.totalCents()));
        body.put("customer_ip_address", order.payment().clientIp());
        body.put("payment_method", "stripe");
        body.putObject("billing").put("first_name", order.customer().firstName()).put("last_name", order.customer().lastName())
                .put("address_1", order.address().line1()).put("city", order.address().city()).put("postcode", order.address().postalCode())
                .put("country", order.address().countryCode()).put("email", order.customer().email());
        body.putObject("shipping").put("first_name", order.customer().firstName()).put("last_name", order.customer().lastName())
                .put("address_1", order.address().line1()).put("city", order.address().city()).put("postcode", order.address().postalCode())
                .put("country", order.address().countryCode());
        final ArrayNode items = body.putArray("line_items");
        for (int i = 0; i < order.lines().size(); i++) {
            final SimOrder.Line line = order.lines().get(i);
            items.addObject().put("id", i + 1).put("name", line.sku()).put("sku", line.sku()).put("quantity", line.quantity())
                    .put("subtotal", decimal(line.unitCents() * line.quantity())).put("subtotal_tax", "0.00")
                    .put("total", decimal(line.unitCents() * line.quantity())).put("total_tax", "0.00");
        }
        final String methodId = switch (order.shippingMethod()) {
            case "EXPRESS" -> "express_courier";
            case "PICKUP_POINT" -> "local_pickup";
            default -> "flat_rate";
        };
        body.putArray("shipping_lines").addObject().put("method_id", methodId).put("total", decimal(order.shippingCents())).put("total_tax", "0.00");
        return bytes(body);
    }

    private static String decimal(final long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    private static byte[] bytes(final ObjectNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
