package org.orderpool.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.orderpool.contracts.PaymentState;

/**
 * A simulated order as each platform's webhook body carries it, shaped like the platforms' own: Shopify's
 * order object (large integer ids, decimal strings, {@code price_set}s in shop and presentment money, tax
 * included, the rate's code and title, {@code financial_status}, {@code cancelled_at}) and WooCommerce's
 * REST v3 order ({@code status}, {@code date_paid_gmt}, {@code method_id} and {@code method_title}), at each
 * step of its lifecycle ({@link PlatformEvent}); and the pool's own JSON, with its optional payment state.
 */
public final class WebhookPayloads {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter WOO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final ZoneOffset SHOP_ZONE = ZoneOffset.ofHours(1);

    private WebhookPayloads() {
    }

    /** The pool's JSON of an order paid at checkout. */
    public static byte[] poolJson(final SimOrder order) {
        return poolJson(order, null);
    }

    /** The pool's JSON, stating the payment when {@code paymentState} is set (an order sent unpaid, then paid). */
    public static byte[] poolJson(final SimOrder order, final PaymentState paymentState) {
        final ObjectNode body = JSON.createObjectNode();
        body.put("shopOrderRef", order.shopOrderRef());
        body.put("placedAt", order.placedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("currency", "EUR");
        body.putObject("customer").put("email", order.customer().email()).put("firstName", order.customer().firstName())
                .put("lastName", order.customer().lastName());
        body.putObject("shippingAddress").put("name", order.address().name()).put("line1", order.address().line1())
                .put("postalCode", order.address().postalCode()).put("city", order.address().city())
                .put("countryCode", order.address().countryCode());
        final ArrayNode lines = body.putArray("lines");
        order.lines().forEach(line -> lines.addObject().put("sku", line.sku()).put("quantity", line.quantity()).put("unitPrice", line.unitCents()));
        body.put("shippingMethod", ShippingRates.of(order.shop().platform(), order.shippingMethod()).code());
        body.put("shippingCost", order.shippingCents());
        body.put("total", order.totalCents());
        final SimOrder.Payment payment = order.payment();
        body.putObject("payment").put("method", "CARD").put("cardBin", payment.bin()).put("cardLastFour", payment.lastFour())
                .put("cardFingerprint", payment.fingerprint()).put("cardCountry", payment.cardCountry())
                .put("threeDSecure", payment.threeDSecure()).put("authorisation", payment.authorisation())
                .put("clientIp", payment.clientIp()).put("clientIpCountry", payment.clientIpCountry());
        if (paymentState != null) {
            body.put("paymentState", paymentState.name());
        }
        return bytes(body);
    }

    /** The body of the pool's cancellation endpoint: the order's ref (the signature covers the body) and why. */
    public static byte[] poolCancellation(final SimOrder order, final String reason) {
        return bytes(JSON.createObjectNode().put("shopOrderRef", order.shopOrderRef()).put("reason", reason));
    }

    /** Shopify's {@code orders/create} of an order paid at checkout. */
    public static byte[] shopify(final SimOrder order) {
        return shopify(order, PlatformEvent.CREATED_PAID, order.placedAt());
    }

    /** Shopify's order object as a webhook of this step carries it, last changed {@code at}. */
    public static byte[] shopify(final SimOrder order, final PlatformEvent event, final Instant at) {
        final long id = Long.parseLong(order.shopOrderRef());
        final boolean paid = event == PlatformEvent.CREATED_PAID || event == PlatformEvent.PAID;
        final long total = order.totalCents();
        final ObjectNode body = JSON.createObjectNode();
        body.put("id", id);
        body.put("admin_graphql_api_id", "gid://shopify/Order/" + id);
        body.put("browser_ip", order.payment().clientIp());
        body.put("buyer_accepts_marketing", false);
        body.put("cancel_reason", event == PlatformEvent.CANCELLED ? "customer" : null);
        body.put("cancelled_at", event == PlatformEvent.CANCELLED ? shopTime(at) : null);
        body.put("confirmed", true);
        body.put("contact_email", order.customer().email());
        body.put("created_at", shopTime(order.placedAt()));
        body.put("currency", "EUR");
        body.put("customer_locale", "fr-FR");
        body.putArray("discount_codes");
        body.put("email", order.customer().email());
        body.put("financial_status", switch (event) {
            case CREATED_PAID, PAID -> "paid";
            case CREATED_UNPAID -> "pending";
            case CANCELLED -> "voided";
        });
        body.putNull("fulfillment_status");
        body.put("name", "#" + (1000 + id % 100_000));
        body.putNull("note");
        body.put("number", id % 100_000);
        body.put("order_number", 1000 + id % 100_000);
        body.putArray("payment_gateway_names").add(paid ? "shopify_payments" : "manual");
        body.put("presentment_currency", "EUR");
        body.put("processed_at", shopTime(order.placedAt()));
        body.put("source_name", "web");
        body.put("subtotal_price", decimal(total - order.shippingCents()));
        moneySet(body, "subtotal_price_set", total - order.shippingCents());
        body.put("tags", "");
        final long tax = includedTax(total);
        body.putArray("tax_lines").addObject().put("price", decimal(tax)).put("rate", 0.2).put("title", "TVA").put("channel_liable", false);
        body.put("taxes_included", true);
        body.put("test", false);
        body.put("total_discounts", "0.00");
        moneySet(body, "total_discounts_set", 0);
        body.put("total_line_items_price", decimal(total - order.shippingCents()));
        body.put("total_outstanding", paid ? "0.00" : decimal(total));
        body.put("total_price", decimal(total));
        moneySet(body, "total_price_set", total);
        moneySet(body, "total_shipping_price_set", order.shippingCents());
        body.put("total_tax", decimal(tax));
        moneySet(body, "total_tax_set", tax);
        body.put("total_tip_received", "0.00");
        body.put("updated_at", shopTime(at));
        body.putNull("user_id");
        final long customerId = 7_000_000_000_000L + Math.floorMod(order.customer().email().hashCode(), 1_000_000_000);
        body.putObject("customer").put("id", customerId).put("email", order.customer().email())
                .put("first_name", order.customer().firstName()).put("last_name", order.customer().lastName())
                .put("state", "disabled").put("currency", "EUR").put("admin_graphql_api_id", "gid://shopify/Customer/" + customerId);
        shopifyAddress(body.putObject("shipping_address"), order);
        shopifyAddress(body.putObject("billing_address"), order);
        final ArrayNode items = body.putArray("line_items");
        for (int i = 0; i < order.lines().size(); i++) {
            final SimOrder.Line line = order.lines().get(i);
            final long lineId = id * 100 + i + 1;
            final ObjectNode item = items.addObject().put("id", lineId).put("admin_graphql_api_id", "gid://shopify/LineItem/" + lineId)
                    .put("fulfillable_quantity", line.quantity()).put("fulfillment_service", "manual").putNull("fulfillment_status")
                    .put("gift_card", false).put("grams", 500).put("name", line.sku()).put("price", decimal(line.unitCents()))
                    .put("product_exists", true).put("product_id", 8_000_000_000L + Math.floorMod(line.sku().hashCode(), 1_000_000))
                    .put("quantity", line.quantity()).put("requires_shipping", true).put("sku", line.sku()).put("taxable", true)
                    .put("title", line.sku()).put("total_discount", "0.00")
                    .put("variant_id", 40_000_000_000_000L + Math.floorMod(line.sku().hashCode(), 1_000_000))
                    .put("variant_inventory_management", "shopify").putNull("variant_title").put("vendor", order.shop().shopId());
            moneySet(item, "price_set", line.unitCents());
            item.putArray("properties");
            item.putArray("tax_lines");
            item.putArray("discount_allocations");
        }
        final ShippingRates.Rate rate = ShippingRates.of(SimulatedShop.Platform.SHOPIFY, order.shippingMethod());
        final ObjectNode shipping = body.putArray("shipping_lines").addObject().put("id", id * 10 + 7).putNull("carrier_identifier")
                .put("code", rate.code()).put("discounted_price", decimal(order.shippingCents())).put("price", decimal(order.shippingCents()))
                .put("source", "shopify").put("title", rate.title());
        moneySet(shipping, "price_set", order.shippingCents());
        shipping.putArray("tax_lines");
        shipping.putArray("discount_allocations");
        if (paid) {
            body.putObject("payment_details").put("credit_card_bin", order.payment().bin())
                    .put("credit_card_number", "•••• •••• •••• " + order.payment().lastFour()).put("credit_card_company", "Visa");
        }
        return bytes(body);
    }

    /** WooCommerce's {@code order.created} of an order paid at checkout. */
    public static byte[] wooCommerce(final SimOrder order) {
        return wooCommerce(order, PlatformEvent.CREATED_PAID, order.placedAt());
    }

    /** WooCommerce's REST v3 order as a webhook of this step carries it, last modified {@code at}. */
    public static byte[] wooCommerce(final SimOrder order, final PlatformEvent event, final Instant at) {
        final boolean paid = event == PlatformEvent.CREATED_PAID || event == PlatformEvent.PAID;
        final long id = Long.parseLong(order.shopOrderRef());
        final ObjectNode body = JSON.createObjectNode();
        body.put("id", id);
        body.put("parent_id", 0);
        body.put("status", switch (event) {
            case CREATED_PAID, PAID -> "processing";
            case CREATED_UNPAID -> "on-hold";
            case CANCELLED -> "cancelled";
        });
        body.put("currency", "EUR");
        body.put("version", "9.4.2");
        body.put("prices_include_tax", true);
        body.put("date_created", WOO_TIME.format(order.placedAt().atOffset(SHOP_ZONE).toLocalDateTime().toInstant(ZoneOffset.UTC)));
        body.put("date_modified", WOO_TIME.format(at.atOffset(SHOP_ZONE).toLocalDateTime().toInstant(ZoneOffset.UTC)));
        body.put("discount_total", "0.00");
        body.put("discount_tax", "0.00");
        body.put("shipping_total", decimal(order.shippingCents()));
        body.put("shipping_tax", "0.00");
        body.put("cart_tax", "0.00");
        body.put("total", decimal(order.totalCents()));
        body.put("total_tax", "0.00");
        body.put("customer_id", 0);
        body.put("order_key", "wc_order_" + Long.toString(id, 36));
        final ObjectNode billing = body.putObject("billing");
        wooAddress(billing, order);
        billing.put("email", order.customer().email()).put("phone", "");
        wooAddress(body.putObject("shipping"), order);
        body.put("payment_method", paid ? "stripe" : "bacs");
        body.put("payment_method_title", paid ? "Carte bancaire" : "Virement bancaire");
        body.put("transaction_id", paid ? "pi_" + Long.toString(id * 31, 36) : "");
        body.put("customer_ip_address", order.payment().clientIp());
        body.put("customer_user_agent", "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0");
        body.put("created_via", "checkout");
        body.put("customer_note", "");
        body.put("number", order.shopOrderRef());
        body.putArray("meta_data");
        final ArrayNode items = body.putArray("line_items");
        for (int i = 0; i < order.lines().size(); i++) {
            final SimOrder.Line line = order.lines().get(i);
            final long lineTotal = line.unitCents() * line.quantity();
            final ObjectNode item = items.addObject().put("id", id * 10 + i + 1).put("name", line.sku())
                    .put("product_id", 100 + Math.floorMod(line.sku().hashCode(), 900)).put("variation_id", 0).put("quantity", line.quantity())
                    .put("tax_class", "").put("subtotal", decimal(lineTotal)).put("subtotal_tax", "0.00").put("total", decimal(lineTotal))
                    .put("total_tax", "0.00").put("sku", line.sku()).put("price", line.unitCents() / 100.0);
            item.putArray("taxes");
            item.putArray("meta_data");
            item.putObject("image").put("id", "").put("src", "");
        }
        body.putArray("tax_lines");
        final ShippingRates.Rate rate = ShippingRates.of(SimulatedShop.Platform.WOOCOMMERCE, order.shippingMethod());
        final ObjectNode shipping = body.putArray("shipping_lines").addObject().put("id", id * 10 + 9).put("method_title", rate.title())
                .put("method_id", rate.code()).put("instance_id", rate.code().equals("local_pickup") ? "4" : "3")
                .put("total", decimal(order.shippingCents())).put("total_tax", "0.00");
        shipping.putArray("taxes");
        shipping.putArray("meta_data");
        body.putArray("fee_lines");
        body.putArray("coupon_lines");
        body.putArray("refunds");
        body.put("date_created_gmt", WOO_TIME.format(order.placedAt()));
        body.put("date_modified_gmt", WOO_TIME.format(at));
        if (paid) {
            body.put("date_paid_gmt", WOO_TIME.format(event == PlatformEvent.PAID ? at : order.placedAt()));
        } else {
            body.putNull("date_paid_gmt");
        }
        body.putNull("date_completed_gmt");
        body.put("currency_symbol", "€");
        return bytes(body);
    }

    private static void shopifyAddress(final ObjectNode node, final SimOrder order) {
        node.put("first_name", order.customer().firstName()).put("last_name", order.customer().lastName())
                .put("name", order.address().name()).put("address1", order.address().line1()).putNull("address2")
                .put("city", order.address().city()).put("zip", order.address().postalCode()).putNull("province")
                .put("country_code", order.address().countryCode()).putNull("province_code").putNull("company").putNull("phone");
    }

    private static void wooAddress(final ObjectNode node, final SimOrder order) {
        node.put("first_name", order.customer().firstName()).put("last_name", order.customer().lastName()).put("company", "")
                .put("address_1", order.address().line1()).put("address_2", "").put("city", order.address().city()).put("state", "")
                .put("postcode", order.address().postalCode()).put("country", order.address().countryCode());
    }

    /** Shopify's shop and presentment money of an amount: one currency here. */
    private static void moneySet(final ObjectNode parent, final String name, final long cents) {
        final ObjectNode set = parent.putObject(name);
        set.putObject("shop_money").put("amount", decimal(cents)).put("currency_code", "EUR");
        set.putObject("presentment_money").put("amount", decimal(cents)).put("currency_code", "EUR");
    }

    /** The 20 % VAT included in a gross amount. */
    private static long includedTax(final long grossCents) {
        return BigDecimal.valueOf(grossCents).divide(BigDecimal.valueOf(6), 0, RoundingMode.HALF_UP).longValueExact();
    }

    private static String shopTime(final Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).atOffset(SHOP_ZONE).toString();
    }

    private static String decimal(final long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    private static byte[] bytes(final ObjectNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
