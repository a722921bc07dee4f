package org.orderpool.shopsync.platform.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.orderpool.shopsync.domain.PlatformAction;
import org.orderpool.shopsync.domain.PlatformOutcome;
import org.orderpool.shopsync.domain.StockResult;
import org.orderpool.shopsync.domain.TrackingUrls;
import org.orderpool.shopsync.platform.OrderCall;
import org.orderpool.shopsync.platform.PlatformConnector;
import org.orderpool.shopsync.platform.PlatformHttp;
import org.orderpool.shopsync.platform.StockPush;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * One shop's WooCommerce site through its REST API ({@code /wp-json/wc/v3}) and the Shipment Tracking
 * extension's ({@code /wp-json/wc-shipment-tracking/v3}), with the shop's REST API key as HTTP Basic.
 *
 * <ul>
 *   <li><b>Shipped</b>: reads the order's shipment trackings and adds one per parcel whose tracking number
 *   is not there yet (a custom provider with the carrier's tracking link, {@code %1$s} for the number),
 *   then moves the order to {@code completed} if it is pending, processing or on hold (WooCommerce's
 *   "completed" e-mail then carries the tracking). An order completed already is left as it is.</li>
 *   <li><b>Cancelled</b>: moves the order to {@code cancelled} unless it is cancelled, completed or refunded
 *   already, and adds a private order note with the reason unless a note of this call is there.</li>
 *   <li><b>Not served</b> (out of stock, rejected, blocked): a private order note with the reason, once;
 *   the status is the merchant's to change (refund, cancel).</li>
 *   <li><b>Stock</b>: {@code products/batch} (or {@code products/<id>/variations/batch}) with
 *   {@code manage_stock: true} and {@code stock_quantity}; for a shop taking backorders also
 *   {@code backorders: notify}, and {@code stock_status: onbackorder} at zero. Setting an absolute
 *   quantity twice has no second effect, so stock is written without reading first.</li>
 * </ul>
 *
 * <p>A 5xx or no answer is a failure to retry, a 429 waits for its {@code Retry-After}, any other 4xx is
 * refused with WooCommerce's code and message.
 */
public final class WooCommerceConnector implements PlatformConnector {

    static final String MARKER = "[orderpool %s]";
    private static final Pattern ORDER_ID = Pattern.compile("[1-9][0-9]{0,18}");
    private static final Set<String> OPEN = Set.of("pending", "processing", "on-hold");
    private static final Set<String> SETTLED = Set.of("cancelled", "completed", "refunded", "trash");

    private final WooCommerceSettings settings;
    private final PlatformHttp http;
    private final TrackingUrls trackingUrls;
    private final String authorization;

    public WooCommerceConnector(final WooCommerceSettings settings, final PlatformHttp http, final TrackingUrls trackingUrls) {
        this.settings = settings;
        this.http = http;
        this.trackingUrls = trackingUrls;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((settings.consumerKey() + ":" + settings.consumerSecret())
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public PlatformOutcome order(final OrderCall call) {
        if (call.shopOrderRef() == null || !ORDER_ID.matcher(call.shopOrderRef()).matches()) {
            return new PlatformOutcome.Refused("the shop order ref '" + call.shopOrderRef() + "' is not a WooCommerce order id");
        }
        final String order = "/wp-json/wc/v3/orders/" + call.shopOrderRef();
        final Call read = call(HttpMethod.GET, order, null, "reading order " + call.shopOrderRef());
        if (read.failure() != null) {
            return read.failure();
        }
        final String status = read.json().path("status").asText();
        return switch (call.action()) {
            case ACCEPT -> new PlatformOutcome.Done("WooCommerce has no fulfilment request to accept"); // not asked (PlatformKind)
            case SHIP -> ship(call, order, status);
            case CANCEL -> cancel(call, order, status);
            case UNSERVED -> note(call, order, "The logistics pool will not ship this order (" + label(call) + ")" + reason(call)
                    + ". Please refund or cancel it.", "note added");
        };
    }

    private PlatformOutcome ship(final OrderCall call, final String order, final String status) {
        final String trackings = "/wp-json/wc-shipment-tracking/v3/orders/" + call.shopOrderRef() + "/shipment-trackings";
        final Call existing = call(HttpMethod.GET, trackings, null, "reading the order's shipment trackings");
        if (existing.failure() != null) {
            return existing.failure();
        }
        final Set<String> known = new HashSet<>();
        existing.json().forEach(tracking -> known.add(tracking.path("tracking_number").asText()));
        int added = 0;
        for (final OrderCall.ShippedParcel parcel : call.parcels()) {
            if (parcel.trackingReference() == null || !known.add(parcel.trackingReference())) {
                continue;
            }
            final Call posted = call(HttpMethod.POST, trackings, tracking(parcel), "adding tracking " + parcel.trackingReference());
            if (posted.failure() != null) {
                return posted.failure();
            }
            added++;
        }
        if (known.isEmpty()) {
            return new PlatformOutcome.Failed("no parcel with a tracking reference known for order " + call.orderId() + " yet", null);
        }
        if (!OPEN.contains(status)) {
            return new PlatformOutcome.Done(added + " tracking(s) added; order " + call.shopOrderRef() + " left " + status);
        }
        final Call completed = call(HttpMethod.PUT, order, Map.of("status", "completed"), "completing order " + call.shopOrderRef());
        return completed.failure() != null ? completed.failure()
                : new PlatformOutcome.Done(added + " tracking(s) added; order " + call.shopOrderRef() + " completed");
    }

    private Map<String, Object> tracking(final OrderCall.ShippedParcel parcel) {
        final String provider = settings.carrierNames().getOrDefault(parcel.carrierId(), parcel.carrierId());
        final Map<String, Object> tracking = new LinkedHashMap<>();
        trackingUrls.templateFor(parcel.carrierId(), "%1$s").ifPresentOrElse(link -> {
            tracking.put("custom_tracking_provider", provider);
            tracking.put("custom_tracking_link", link);
        }, () -> tracking.put("tracking_provider", provider));
        tracking.put("tracking_number", parcel.trackingReference());
        if (parcel.cutOffAt() != null) {
            tracking.put("date_shipped", parcel.cutOffAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        }
        return tracking;
    }

    private PlatformOutcome cancel(final OrderCall call, final String order, final String status) {
        String done = "order " + call.shopOrderRef() + " was " + status + " already";
        if (!SETTLED.contains(status)) {
            final Call cancelled = call(HttpMethod.PUT, order, Map.of("status", "cancelled"), "cancelling order " + call.shopOrderRef());
            if (cancelled.failure() != null) {
                return cancelled.failure();
            }
            done = "order " + call.shopOrderRef() + " cancelled";
        }
        return note(call, order, "Cancelled by the logistics pool" + reason(call) + ".", done);
    }

    /** Adds a private note to the order unless a note of this call is there already. */
    private PlatformOutcome note(final OrderCall call, final String order, final String text, final String done) {
        final String marker = MARKER.formatted(call.callId());
        final Call notes = call(HttpMethod.GET, order + "/notes", null, "reading the order's notes");
        if (notes.failure() != null) {
            return notes.failure();
        }
        for (final JsonNode note : notes.json()) {
            if (note.path("note").asText().contains(marker)) {
                return new PlatformOutcome.Done(done + "; its note was there already");
            }
        }
        final Call added = call(HttpMethod.POST, order + "/notes", Map.of("note", text + " " + marker, "customer_note", false),
                "adding a note to order " + call.shopOrderRef());
        return added.failure() != null ? added.failure() : new PlatformOutcome.Done(done + "; note added");
    }

    private static String label(final OrderCall call) {
        return call.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String reason(final OrderCall call) {
        final String why = call.reason() == null || call.reason().isBlank() ? "" : ": " + call.reason();
        return why + (call.reasonCode() == null ? "" : " (" + call.reasonCode() + ")");
    }

    @Override
    public Map<String, StockResult> stock(final StockPush push) {
        final Map<String, StockResult> results = new LinkedHashMap<>();
        final Map<String, List<StockPush.StockItem>> byEndpoint = new LinkedHashMap<>();
        for (final StockPush.StockItem item : push.items()) {
            final WooCommerceSettings.Item target = settings.items().get(item.sku());
            if (target == null) {
                results.put(item.sku(), StockResult.unknown(new PlatformOutcome.Refused("SKU " + item.sku()
                        + " has no WooCommerce product in the shop's stock map")));
                continue;
            }
            final String endpoint = target.variationId() == null ? "/wp-json/wc/v3/products/batch"
                    : "/wp-json/wc/v3/products/" + target.productId() + "/variations/batch";
            byEndpoint.computeIfAbsent(endpoint, e -> new ArrayList<>()).add(item);
        }
        byEndpoint.forEach((endpoint, items) -> batch(endpoint, items, results));
        return results;
    }

    private void batch(final String endpoint, final List<StockPush.StockItem> items, final Map<String, StockResult> results) {
        final List<Map<String, Object>> updates = new ArrayList<>();
        final Map<Long, String> skuById = new LinkedHashMap<>();
        for (final StockPush.StockItem item : items) {
            final long id = settings.items().get(item.sku()).id();
            skuById.put(id, item.sku());
            final Map<String, Object> update = new LinkedHashMap<>();
            update.put("id", id);
            update.put("manage_stock", true);
            update.put("stock_quantity", item.quantity());
            if (settings.backorders()) {
                update.put("backorders", "notify");
                if (item.quantity() <= 0) {
                    update.put("stock_status", "onbackorder");
                }
            }
            updates.add(update);
        }
        final Call call = call(HttpMethod.POST, endpoint, Map.of("update", updates), "updating the stock of " + items.size()
                + " item(s)");
        if (call.failure() != null) {
            items.forEach(item -> results.put(item.sku(), StockResult.unknown(call.failure())));
            return;
        }
        for (final JsonNode updated : call.json().path("update")) {
            final String sku = skuById.get(updated.path("id").asLong());
            if (sku == null) {
                continue;
            }
            final JsonNode error = updated.path("error");
            if (error.isObject()) {
                results.put(sku, StockResult.unknown(new PlatformOutcome.Refused("WooCommerce refused item " + updated.path("id").asLong()
                        + ": " + error.path("code").asText() + ": " + error.path("message").asText())));
            } else {
                final int quantity = updated.path("stock_quantity").asInt();
                results.put(sku, StockResult.done("stock set to " + quantity + " in WooCommerce", quantity));
            }
        }
        items.forEach(item -> results.putIfAbsent(item.sku(), StockResult.unknown(new PlatformOutcome.Failed(
                "WooCommerce's batch answer does not mention item " + settings.items().get(item.sku()).id(), null))));
    }

    /** One REST call: the answer's JSON, or the outcome that says why there is none. */
    private Call call(final HttpMethod method, final String path, final Object body, final String what) {
        final URI uri = settings.siteUrl().resolve(path);
        final PlatformHttp.Answer answer = http.send(method, uri, Map.of(HttpHeaders.AUTHORIZATION, authorization), body);
        if (answer.status() == 0) {
            return new Call(null, new PlatformOutcome.Failed(what + ": " + answer.error(), null));
        }
        if (answer.ok()) {
            return new Call(answer.json(), null);
        }
        final JsonNode error = answer.json();
        final String message = error.isObject() ? error.path("code").asText() + ": " + error.path("message").asText() : answer.excerpt();
        if (answer.status() == 429) {
            final Duration pause = answer.retryAfterPause() != null ? answer.retryAfterPause() : Duration.ofSeconds(5);
            return new Call(null, new PlatformOutcome.Throttled(pause, what + ": HTTP 429 from WooCommerce"));
        }
        if (answer.status() >= 500) {
            return new Call(null, new PlatformOutcome.Failed(what + ": HTTP " + answer.status() + " from WooCommerce: " + message,
                    answer.retryAfterPause()));
        }
        return new Call(null, new PlatformOutcome.Refused(what + ": HTTP " + answer.status() + " from WooCommerce: " + message
                + (answer.status() == 401 ? " (check the shop's consumer key and secret)" : "")));
    }

    private record Call(JsonNode json, PlatformOutcome failure) {
    }
}
