package org.orderpool.shopsync.platform.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.shopsync.domain.PlatformAction;
import org.orderpool.shopsync.domain.PlatformOutcome;
import org.orderpool.shopsync.domain.StockResult;
import org.orderpool.shopsync.platform.OrderCall;
import org.orderpool.shopsync.platform.PlatformConnector;
import org.orderpool.shopsync.platform.PlatformHttp;
import org.orderpool.shopsync.platform.StockPush;
import org.springframework.http.HttpMethod;

/**
 * One shop's Shopify store through the GraphQL Admin API, as JSON posted with {@link PlatformHttp}
 * ({@code {query, variables, operationName}}, the custom app's token in {@code X-Shopify-Access-Token}).
 *
 * <ul>
 *   <li><b>Shipped</b>: reads the order's fulfillments and fulfillment orders; if a fulfillment already
 *   carries one of the parcels' tracking numbers (the call was made before a crash), it is done.
 *   Otherwise {@code fulfillmentCreate} fulfils every open fulfillment order assigned to the pool's
 *   location (all their remaining items: the pool ships whole orders), with
 *   {@code trackingInfo {company, numbers, urls}} and {@code notifyCustomer: true}.</li>
 *   <li><b>Cancelled, or not served</b> (out of stock, rejected, blocked): the order is tagged
 *   ({@code orderpool-cancelled}, {@code orderpool-out-of-stock}, ...) with {@code tagsAdd}, which adds
 *   a tag once however often it is called.</li>
 *   <li><b>Fulfilment-service requests</b>, when the pool's location is a fulfilment service's (the merchant
 *   requests fulfilment, its fulfillment orders carry a {@code requestStatus}): each call answers what waits
 *   on the order's fulfillment orders at that location, read first so a repeat answers nothing twice. Once the
 *   pool reserved the stock (RESERVED) a {@code SUBMITTED} request is accepted
 *   ({@code fulfillmentOrderAcceptFulfillmentRequest}), so the merchant sees it in progress and may ask to cancel. An
 *   order the pool cannot serve rejects a {@code SUBMITTED} request with its reason
 *   ({@code fulfillmentOrderRejectFulfillmentRequest}: out of stock {@code INVENTORY_OUT_OF_STOCK}, an
 *   address refused {@code INCORRECT_ADDRESS}, an unknown SKU {@code INVALID_SKU}, else {@code OTHER}, with
 *   the pool's reason as message); a cancelled one rejects it too ({@code OTHER}) and accepts a
 *   {@code CANCELLATION_REQUESTED} ({@code fulfillmentOrderAcceptCancellationRequest}); a shipped one rejects a
 *   cancellation request as too late (the parcels are on the carrier's manifest:
 *   {@code fulfillmentOrderRejectCancellationRequest}), then fulfils (accepting first a request still
 *   {@code SUBMITTED}). At a merchant-managed location the request status is {@code UNSUBMITTED}: nothing to answer.</li>
 *   <li><b>Stock</b>: {@code inventorySetQuantities} of the {@code available} quantity (reason
 *   {@code correction}), every quantity with {@code changeFromQuantity}, the quantity Shopify last had as
 *   far as shop-sync knows (read first when unknown; nothing is written where Shopify already shows the
 *   figure), and an {@code @idempotent} key made of the figures and their versions. On a stale
 *   {@code changeFromQuantity} (a sale on the storefront meanwhile) the quantities are read again and the
 *   call made once more.</li>
 * </ul>
 *
 * <p>Throttling: the shop's {@link CostBucket} is consulted before each request and corrected by every
 * answer's {@code extensions.cost.throttleStatus}; a request it would not let through, a {@code THROTTLED}
 * error or an HTTP 429 (its {@code Retry-After}) come back as {@link PlatformOutcome.Throttled}, and the
 * outbox tries again after the pause. A 5xx or no answer is a failure to retry; any other 4xx, a user
 * error or a GraphQL error is refused, with Shopify's message.
 */
public final class ShopifyConnector implements PlatformConnector {

    static final String ACCESS_TOKEN_HEADER = "X-Shopify-Access-Token";
    static final String ORDER_TO_FULFIL = """
            query OrderToFulfil($id: ID!) {
              order(id: $id) {
                id
                fulfillments(first: 5) { id status trackingInfo(first: 3) { number } }
                fulfillmentOrders(first: 5) {
                  nodes {
                    id
                    status
                    requestStatus
                    assignedLocation { location { id } }
                  }
                }
              }
            }""";
    static final String ORDER_REQUESTS = """
            query OrderRequests($id: ID!) {
              order(id: $id) {
                id
                fulfillmentOrders(first: 5) {
                  nodes {
                    id
                    status
                    requestStatus
                    assignedLocation { location { id } }
                  }
                }
              }
            }""";
    static final String ACCEPT_FULFILMENT_REQUEST = """
            mutation AcceptFulfilmentRequest($id: ID!, $message: String) {
              fulfillmentOrderAcceptFulfillmentRequest(id: $id, message: $message) {
                fulfillmentOrder { id status requestStatus }
                userErrors { field message }
              }
            }""";
    static final String REJECT_FULFILMENT_REQUEST = """
            mutation RejectFulfilmentRequest($id: ID!, $reason: FulfillmentOrderRejectionReason, $message: String) {
              fulfillmentOrderRejectFulfillmentRequest(id: $id, reason: $reason, message: $message) {
                fulfillmentOrder { id status requestStatus }
                userErrors { field message }
              }
            }""";
    static final String ACCEPT_CANCELLATION_REQUEST = """
            mutation AcceptCancellationRequest($id: ID!, $message: String) {
              fulfillmentOrderAcceptCancellationRequest(id: $id, message: $message) {
                fulfillmentOrder { id status requestStatus }
                userErrors { field message }
              }
            }""";
    static final String REJECT_CANCELLATION_REQUEST = """
            mutation RejectCancellationRequest($id: ID!, $message: String) {
              fulfillmentOrderRejectCancellationRequest(id: $id, message: $message) {
                fulfillmentOrder { id status requestStatus }
                userErrors { field message }
              }
            }""";
    /** Shopify's limit on the message of an answer to a request. */
    static final int MESSAGE_LIMIT = 255;
    static final String FULFIL_WITH_TRACKING = """
            mutation FulfilWithTracking($fulfillment: FulfillmentInput!) {
              fulfillmentCreate(fulfillment: $fulfillment) {
                fulfillment { id status trackingInfo(first: 10) { company number url } }
                userErrors { field message }
              }
            }""";
    static final String TAG_ORDER = """
            mutation TagOrder($id: ID!, $tags: [String!]!) {
              tagsAdd(id: $id, tags: $tags) {
                node { id }
                userErrors { field message }
              }
            }""";
    static final String AVAILABLE_AT_LOCATION = """
            query AvailableAtLocation($ids: [ID!]!, $locationId: ID!) {
              nodes(ids: $ids) {
                ... on InventoryItem {
                  id
                  inventoryLevel(locationId: $locationId) { quantities(names: ["available"]) { name quantity } }
                }
              }
            }""";
    static final String SET_AVAILABLE = """
            mutation SetAvailable($input: InventorySetQuantitiesInput!) {
              inventorySetQuantities(input: $input) @idempotent(key: "%s") {
                inventoryAdjustmentGroup { reason }
                userErrors { code field message }
              }
            }""";
    static final String REFERENCE_DOCUMENT = "orderpool://shop-sync/stock-levels";
    private static final Set<String> STALE = Set.of("CHANGE_FROM_QUANTITY_STALE", "COMPARE_QUANTITY_STALE");
    private static final Set<String> FULFILLABLE = Set.of("OPEN", "IN_PROGRESS");
    private static final Set<String> WAITING = Set.of("ON_HOLD", "SCHEDULED");
    /** What a query is taken to cost before Shopify said what one like it costs; a mutation costs 10 points. */
    private static final double FIRST_ESTIMATE = 50;
    private static final double MUTATION_COST = 10;
    /** The least a THROTTLED answer waits, where shop-sync's picture of the bucket says it could go already. */
    private static final Duration SHORTEST_PAUSE = Duration.ofMillis(500);

    private final ShopifySettings settings;
    private final PlatformHttp http;
    private final CostBucket bucket;
    private final Map<String, Double> requestedCosts = new ConcurrentHashMap<>();

    public ShopifyConnector(final ShopifySettings settings, final PlatformHttp http, final LongSupplier clockMillis) {
        this.settings = settings;
        this.http = http;
        this.bucket = new CostBucket(clockMillis);
    }

    @Override
    public PlatformOutcome order(final OrderCall call) {
        final String orderId = ShopifySettings.globalId("Order", call.shopOrderRef());
        if (orderId == null) {
            return new PlatformOutcome.Refused("the shop order ref '" + call.shopOrderRef() + "' is not a Shopify order id");
        }
        return switch (call.action()) {
            case ACCEPT -> accept(call, orderId);
            case SHIP -> ship(call, orderId);
            case CANCEL, UNSERVED -> tag(call, orderId);
        };
    }

    /** The pool reserved the order's stock: a fulfilment request waiting at the pool's location is accepted. */
    private PlatformOutcome accept(final OrderCall call, final String orderId) {
        final PlatformOutcome unanswered = answerRequests(call, orderId);
        if (unanswered != null) {
            return unanswered;
        }
        return new PlatformOutcome.Done("fulfilment request of order " + orderId + " answered (accepted where one waited)");
    }

    private PlatformOutcome ship(final OrderCall call, final String orderId) {
        final List<OrderCall.ShippedParcel> parcels = call.parcels().stream().filter(p -> p.trackingReference() != null).toList();
        if (parcels.isEmpty()) {
            return new PlatformOutcome.Failed("no parcel with a tracking reference known for order " + call.orderId() + " yet", null);
        }
        final Set<String> numbers = new LinkedHashSet<>();
        parcels.forEach(parcel -> numbers.add(parcel.trackingReference()));
        final Reply read = post("OrderToFulfil", ORDER_TO_FULFIL, Map.of("id", orderId));
        if (read.failure() != null) {
            return read.failure();
        }
        final JsonNode order = read.data().path("order");
        if (!order.isObject()) {
            return new PlatformOutcome.Refused("Shopify has no order " + orderId + " (the shop order ref)");
        }
        for (final JsonNode fulfillment : order.path("fulfillments")) {
            if (!"CANCELLED".equals(fulfillment.path("status").asText())) {
                for (final JsonNode tracking : fulfillment.path("trackingInfo")) {
                    if (numbers.contains(tracking.path("number").asText())) {
                        return new PlatformOutcome.Done("already fulfilled in Shopify as " + fulfillment.path("id").asText()
                                + " with tracking " + tracking.path("number").asText());
                    }
                }
            }
        }
        final List<Map<String, Object>> toFulfil = new ArrayList<>();
        final Set<String> elsewhere = new LinkedHashSet<>();
        boolean waiting = false;
        for (final JsonNode fulfillmentOrder : order.path("fulfillmentOrders").path("nodes")) {
            final String status = fulfillmentOrder.path("status").asText();
            final String location = fulfillmentOrder.path("assignedLocation").path("location").path("id").asText();
            waiting |= WAITING.contains(status);
            if (!FULFILLABLE.contains(status)) {
                continue;
            }
            if (!settings.locationId().equals(location)) {
                elsewhere.add(location);
                continue;
            }
            // without fulfillmentOrderLineItems Shopify fulfils every remaining item of the fulfillment order: the pool ships whole orders
            toFulfil.add(Map.of("fulfillmentOrderId", fulfillmentOrder.path("id").asText()));
            final String id = fulfillmentOrder.path("id").asText();
            final String requestStatus = fulfillmentOrder.path("requestStatus").asText();
            final PlatformOutcome answered = "SUBMITTED".equals(requestStatus)
                    ? answer("AcceptFulfilmentRequest", ACCEPT_FULFILMENT_REQUEST, "fulfillmentOrderAcceptFulfillmentRequest", id,
                            null, "orderpool ships it: on the carrier's manifest")
                    : "CANCELLATION_REQUESTED".equals(requestStatus)
                    ? answer("RejectCancellationRequest", REJECT_CANCELLATION_REQUEST, "fulfillmentOrderRejectCancellationRequest", id,
                            null, "too late to cancel: the parcels are on the carrier's manifest and leave at the cut-off")
                    : null;
            if (answered != null) {
                return answered;
            }
        }
        if (toFulfil.isEmpty()) {
            if (!elsewhere.isEmpty()) {
                return new PlatformOutcome.Refused("order " + orderId + " has open fulfillment orders at " + elsewhere
                        + ", none at the pool's location " + settings.locationId() + " (check the shop's location-id)");
            }
            if (waiting) {
                return new PlatformOutcome.Failed("the order's fulfillment order is on hold or scheduled in Shopify", null);
            }
            return new PlatformOutcome.Done("nothing left to fulfil in Shopify for order " + orderId
                    + " (fulfilled or closed there already)");
        }
        final Map<String, Object> fulfillment = new LinkedHashMap<>();
        fulfillment.put("lineItemsByFulfillmentOrder", toFulfil);
        fulfillment.put("trackingInfo", trackingInfo(parcels, numbers));
        fulfillment.put("notifyCustomer", true);
        final Reply created = post("FulfilWithTracking", FULFIL_WITH_TRACKING, Map.of("fulfillment", fulfillment));
        if (created.failure() != null) {
            return created.failure();
        }
        final JsonNode payload = created.data().path("fulfillmentCreate");
        final String errors = userErrors(payload);
        if (errors != null) {
            return new PlatformOutcome.Refused("fulfillmentCreate for order " + orderId + ": " + errors);
        }
        if (!payload.path("fulfillment").isObject()) {
            return new PlatformOutcome.Failed("fulfillmentCreate for order " + orderId + " returned no fulfillment", null);
        }
        return new PlatformOutcome.Done("fulfilled in Shopify as " + payload.path("fulfillment").path("id").asText()
                + " with tracking " + String.join(", ", numbers));
    }

    /** One company for the fulfilment (the first parcel's carrier, as Shopify knows it); URLs when every parcel has one. */
    private Map<String, Object> trackingInfo(final List<OrderCall.ShippedParcel> parcels, final Set<String> numbers) {
        final String carrier = parcels.get(0).carrierId();
        final Map<String, Object> tracking = new LinkedHashMap<>();
        tracking.put("company", settings.carrierNames().getOrDefault(carrier, carrier));
        tracking.put("numbers", List.copyOf(numbers));
        final Map<String, String> urlByNumber = new LinkedHashMap<>();
        parcels.forEach(parcel -> urlByNumber.putIfAbsent(parcel.trackingReference(), parcel.trackingUrl()));
        if (urlByNumber.values().stream().allMatch(Objects::nonNull)) {
            tracking.put("urls", List.copyOf(urlByNumber.values()));
        }
        return tracking;
    }

    /**
     * Answers the requests waiting on the order's fulfillment orders at the pool's location: for an order the pool
     * took on, a fulfilment request is accepted; for one it will not ship, a fulfilment request is rejected with its
     * reason and a cancellation request accepted.
     *
     * @return null when every waiting request is answered (or none waits); otherwise why not
     */
    private PlatformOutcome answerRequests(final OrderCall call, final String orderId) {
        final Reply read = post("OrderRequests", ORDER_REQUESTS, Map.of("id", orderId));
        if (read.failure() != null) {
            return read.failure();
        }
        final JsonNode order = read.data().path("order");
        if (!order.isObject()) {
            return new PlatformOutcome.Refused("Shopify has no order " + orderId + " (the shop order ref)");
        }
        for (final JsonNode fulfillmentOrder : order.path("fulfillmentOrders").path("nodes")) {
            if (!settings.locationId().equals(fulfillmentOrder.path("assignedLocation").path("location").path("id").asText())) {
                continue;
            }
            final String id = fulfillmentOrder.path("id").asText();
            final String requestStatus = fulfillmentOrder.path("requestStatus").asText();
            final PlatformOutcome answered;
            if (call.action() == PlatformAction.ACCEPT) {
                answered = !"SUBMITTED".equals(requestStatus) ? null : answer("AcceptFulfilmentRequest", ACCEPT_FULFILMENT_REQUEST,
                        "fulfillmentOrderAcceptFulfillmentRequest", id, null, "orderpool reserved the stock; it ships at a coming cut-off");
            } else {
                answered = switch (requestStatus) {
                    case "SUBMITTED" -> answer("RejectFulfilmentRequest", REJECT_FULFILMENT_REQUEST,
                            "fulfillmentOrderRejectFulfillmentRequest", id, rejectionReason(call), poolReason(call));
                    case "CANCELLATION_REQUESTED" -> answer("AcceptCancellationRequest", ACCEPT_CANCELLATION_REQUEST,
                            "fulfillmentOrderAcceptCancellationRequest", id, null, poolReason(call));
                    default -> null;
                };
            }
            if (answered != null) {
                return answered;
            }
        }
        return null;
    }

    /** One answer to a request; null when Shopify took it, otherwise the failure or refusal. */
    private PlatformOutcome answer(final String operation, final String document, final String field, final String fulfillmentOrderId,
                                   final String reason, final String message) {
        final Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("id", fulfillmentOrderId);
        if (reason != null) {
            variables.put("reason", reason);
        }
        variables.put("message", message.length() > MESSAGE_LIMIT ? message.substring(0, MESSAGE_LIMIT - 1) + "…" : message);
        final Reply reply = post(operation, document, variables);
        if (reply.failure() != null) {
            return reply.failure();
        }
        final String errors = userErrors(reply.data().path(field));
        return errors == null ? null : new PlatformOutcome.Refused(field + " on " + fulfillmentOrderId + ": " + errors);
    }

    /** Shopify's rejection reason for an order the pool will not serve. */
    static String rejectionReason(final OrderCall call) {
        final String code = call.reasonCode() == null ? "" : call.reasonCode().toLowerCase(Locale.ROOT);
        if (call.status() == OrderStatus.OUT_OF_STOCK) {
            return "INVENTORY_OUT_OF_STOCK";
        }
        if (call.status() == OrderStatus.REJECTED && code.contains("address")) {
            return "INCORRECT_ADDRESS";
        }
        if (call.status() == OrderStatus.REJECTED && code.contains("sku")) {
            return "INVALID_SKU";
        }
        return "OTHER";
    }

    private static String poolReason(final OrderCall call) {
        return "orderpool: " + call.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (call.reason() == null || call.reason().isBlank() ? "" : " (" + call.reason().strip() + ")");
    }

    private PlatformOutcome tag(final OrderCall call, final String orderId) {
        final PlatformOutcome unanswered = answerRequests(call, orderId);
        if (unanswered != null) {
            return unanswered;
        }
        final String tag = "orderpool-" + call.status().name().toLowerCase(Locale.ROOT).replace('_', '-');
        final Reply tagged = post("TagOrder", TAG_ORDER, Map.of("id", orderId, "tags", List.of(tag)));
        if (tagged.failure() != null) {
            return tagged.failure();
        }
        final JsonNode payload = tagged.data().path("tagsAdd");
        final String errors = userErrors(payload);
        if (errors != null) {
            return new PlatformOutcome.Refused("tagsAdd on order " + orderId + ": " + errors);
        }
        return new PlatformOutcome.Done("order " + orderId + " tagged " + tag + " in Shopify"
                + (call.action() == PlatformAction.CANCEL ? " (cancelled: nothing to fulfil)" : ""));
    }

    @Override
    public Map<String, StockResult> stock(final StockPush push) {
        final Map<String, StockResult> results = new LinkedHashMap<>();
        final Map<String, String> itemOf = new LinkedHashMap<>();
        final Map<String, Integer> known = new HashMap<>();
        final List<StockPush.StockItem> pending = new ArrayList<>();
        for (final StockPush.StockItem item : push.items()) {
            final String inventoryItem = ShopifySettings.globalId("InventoryItem", settings.inventoryItems().get(item.sku()));
            if (inventoryItem == null) {
                results.put(item.sku(), StockResult.unknown(new PlatformOutcome.Refused("SKU " + item.sku()
                        + " has no Shopify inventory item in the shop's stock map")));
                continue;
            }
            itemOf.put(item.sku(), inventoryItem);
            if (item.platformQuantity() != null) {
                known.put(item.sku(), item.platformQuantity());
            }
            pending.add(item);
        }
        final List<StockPush.StockItem> unread = pending.stream().filter(item -> !known.containsKey(item.sku())).toList();
        if (!read(unread, itemOf, known, results, pending)) {
            return results;
        }
        for (int round = 0; ; round++) {
            final List<StockPush.StockItem> toWrite = new ArrayList<>();
            for (final StockPush.StockItem item : pending) {
                if (known.get(item.sku()) == item.quantity()) {
                    results.put(item.sku(), StockResult.done("Shopify shows " + item.quantity() + " already", item.quantity()));
                } else {
                    toWrite.add(item);
                }
            }
            if (toWrite.isEmpty()) {
                return results;
            }
            final List<Integer> stale = write(toWrite, itemOf, known, results, push.shopId());
            if (stale.isEmpty()) {
                return results;
            }
            final List<StockPush.StockItem> again = stale.stream().map(toWrite::get).toList();
            if (round >= 1) {
                again.forEach(item -> results.put(item.sku(), StockResult.unknown(new PlatformOutcome.Failed(
                        "changeFromQuantity stale twice: the quantity keeps changing in Shopify", null))));
                return results;
            }
            again.forEach(item -> known.remove(item.sku()));
            pending.clear();
            pending.addAll(again);
            if (!read(again, itemOf, known, results, pending)) {
                return results;
            }
        }
    }

    /**
     * Reads the available quantity of {@code items} at the pool's location into {@code known}; an item
     * Shopify does not have is refused (and left out of {@code pending}).
     *
     * @return false when the read failed (every pending item's result then says why)
     */
    private boolean read(final List<StockPush.StockItem> items, final Map<String, String> itemOf, final Map<String, Integer> known,
                         final Map<String, StockResult> results, final List<StockPush.StockItem> pending) {
        if (items.isEmpty()) {
            return true;
        }
        final Reply reply = post("AvailableAtLocation", AVAILABLE_AT_LOCATION, Map.of("ids",
                items.stream().map(item -> itemOf.get(item.sku())).toList(), "locationId", settings.locationId()));
        if (reply.failure() != null) {
            pending.forEach(item -> results.put(item.sku(), new StockResult(reply.failure(), known.get(item.sku()))));
            return false;
        }
        final JsonNode nodes = reply.data().path("nodes");
        for (int i = 0; i < items.size(); i++) {
            final StockPush.StockItem item = items.get(i);
            final JsonNode node = nodes.path(i);
            final JsonNode level = node.path("inventoryLevel");
            String refused = null;
            if (!node.isObject()) {
                refused = "Shopify has no inventory item " + itemOf.get(item.sku()) + " (SKU " + item.sku() + ")";
            } else if (!level.isObject()) {
                refused = "inventory item " + itemOf.get(item.sku()) + " (SKU " + item.sku() + ") is not stocked at location "
                        + settings.locationId();
            }
            if (refused != null) {
                results.put(item.sku(), StockResult.unknown(new PlatformOutcome.Refused(refused)));
                pending.remove(item);
                continue;
            }
            int available = 0;
            for (final JsonNode quantity : level.path("quantities")) {
                if ("available".equals(quantity.path("name").asText())) {
                    available = quantity.path("quantity").asInt();
                }
            }
            known.put(item.sku(), available);
        }
        return true;
    }

    /**
     * Sets the items' available quantities, each compared with what {@code known} says Shopify has.
     *
     * @return the positions in {@code items} whose {@code changeFromQuantity} was stale (read again and retried);
     *         every other item's result is in {@code results}
     */
    private List<Integer> write(final List<StockPush.StockItem> items, final Map<String, String> itemOf,
                                final Map<String, Integer> known, final Map<String, StockResult> results, final String shopId) {
        final List<Map<String, Object>> quantities = new ArrayList<>();
        final StringBuilder key = new StringBuilder(shopId);
        for (final StockPush.StockItem item : items) {
            final Map<String, Object> quantity = new LinkedHashMap<>();
            quantity.put("inventoryItemId", itemOf.get(item.sku()));
            quantity.put("locationId", settings.locationId());
            quantity.put("quantity", item.quantity());
            quantity.put("changeFromQuantity", known.get(item.sku()));
            quantities.add(quantity);
            key.append('|').append(item.sku()).append('@').append(item.version()).append('=').append(item.quantity())
                    .append('<').append(known.get(item.sku()));
        }
        final Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", "available");
        input.put("reason", "correction");
        input.put("referenceDocumentUri", REFERENCE_DOCUMENT);
        input.put("quantities", quantities);
        final String idempotencyKey = UUID.nameUUIDFromBytes(key.toString().getBytes(StandardCharsets.UTF_8)).toString();
        final Reply reply = post("SetAvailable", SET_AVAILABLE.formatted(idempotencyKey), Map.of("input", input));
        if (reply.failure() != null) {
            final boolean throttled = reply.failure() instanceof PlatformOutcome.Throttled;
            items.forEach(item -> results.put(item.sku(), new StockResult(reply.failure(), throttled ? known.get(item.sku()) : null)));
            return List.of();
        }
        final JsonNode errors = reply.data().path("inventorySetQuantities").path("userErrors");
        if (errors.isEmpty()) {
            items.forEach(item -> results.put(item.sku(), StockResult.done("set to " + item.quantity() + " in Shopify", item.quantity())));
            return List.of();
        }
        final List<Integer> stale = new ArrayList<>();
        final Map<Integer, String> refused = new HashMap<>();
        String unplaced = null;
        for (final JsonNode error : errors) {
            final Integer index = quantityIndex(error.path("field"), items.size());
            final String message = error.path("code").asText("") + " " + error.path("message").asText();
            if (index == null) {
                unplaced = message.strip();
            } else if (STALE.contains(error.path("code").asText())) {
                stale.add(index);
            } else {
                refused.put(index, message.strip());
            }
        }
        for (int i = 0; i < items.size(); i++) {
            final StockPush.StockItem item = items.get(i);
            if (unplaced != null) {
                results.put(item.sku(), StockResult.unknown(new PlatformOutcome.Refused("inventorySetQuantities: " + unplaced)));
            } else if (refused.containsKey(i)) {
                results.put(item.sku(), StockResult.unknown(new PlatformOutcome.Refused("inventorySetQuantities: " + refused.get(i))));
            } else if (!stale.contains(i)) {
                results.put(item.sku(), StockResult.unknown(new PlatformOutcome.Failed(
                        "not applied: another quantity of the same call was refused", null)));
            }
        }
        return unplaced != null ? List.of() : stale;
    }

    /** The position in {@code quantities} a user error's field path names ({@code ["input", "quantities", "2", ...]}). */
    private static Integer quantityIndex(final JsonNode field, final int size) {
        for (int i = 0; i + 1 < field.size(); i++) {
            if ("quantities".equals(field.path(i).asText())) {
                try {
                    final int index = Integer.parseInt(field.path(i + 1).asText());
                    return index >= 0 && index < size ? index : null;
                } catch (final NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String userErrors(final JsonNode payload) {
        final JsonNode errors = payload.path("userErrors");
        if (errors.isEmpty()) {
            return null;
        }
        final List<String> messages = new ArrayList<>();
        errors.forEach(error -> messages.add((error.path("field").isArray() ? String.join(".", texts(error.path("field"))) + ": " : "")
                + error.path("message").asText()));
        return String.join("; ", messages);
    }

    private static List<String> texts(final JsonNode array) {
        final List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    /** One GraphQL request: its data, or the outcome that says why there is none. */
    private Reply post(final String operation, final String document, final Map<String, Object> variables) {
        final double estimate = requestedCosts.getOrDefault(operation, document.startsWith("mutation") ? MUTATION_COST : FIRST_ESTIMATE);
        final Duration pause = bucket.take(estimate);
        if (!pause.isZero()) {
            return new Reply(null, new PlatformOutcome.Throttled(pause, "the shop's Shopify cost bucket is short"));
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", document);
        body.put("variables", variables);
        body.put("operationName", operation);
        final PlatformHttp.Answer answer = http.send(HttpMethod.POST, settings.endpoint(), Map.of(ACCESS_TOKEN_HEADER,
                settings.accessToken()), body);
        if (answer.status() == 0) {
            return new Reply(null, new PlatformOutcome.Failed(answer.error(), null));
        }
        if (answer.status() == 429) {
            final Duration retryAfter = answer.retryAfterPause() != null ? answer.retryAfterPause() : Duration.ofSeconds(1);
            bucket.closeFor(retryAfter);
            return new Reply(null, new PlatformOutcome.Throttled(retryAfter, "HTTP 429 from Shopify"));
        }
        if (answer.status() >= 500) {
            return new Reply(null, new PlatformOutcome.Failed("HTTP " + answer.status() + " from Shopify", answer.retryAfterPause()));
        }
        if (!answer.ok()) {
            return new Reply(null, new PlatformOutcome.Refused("HTTP " + answer.status() + " from Shopify" + hint(answer.status())
                    + ": " + answer.excerpt()));
        }
        final JsonNode json = answer.json();
        if (!json.isObject()) {
            return new Reply(null, new PlatformOutcome.Failed("Shopify's answer is not JSON: " + answer.excerpt(), null));
        }
        final JsonNode cost = json.path("extensions").path("cost");
        final double requested = cost.path("requestedQueryCost").asDouble(estimate);
        if (cost.has("requestedQueryCost")) {
            requestedCosts.put(operation, requested);
        }
        final JsonNode status = cost.path("throttleStatus");
        if (status.has("currentlyAvailable")) {
            bucket.observe(status.path("maximumAvailable").asDouble(), status.path("currentlyAvailable").asDouble(),
                    status.path("restoreRate").asDouble());
        }
        final JsonNode errors = json.path("errors");
        if (!errors.isEmpty()) {
            final List<String> messages = new ArrayList<>();
            boolean throttled = false;
            boolean internal = false;
            for (final JsonNode error : errors) {
                final String code = error.path("extensions").path("code").asText("");
                throttled |= "THROTTLED".equals(code);
                internal |= "INTERNAL_SERVER_ERROR".equals(code);
                messages.add(error.path("message").asText() + (code.isEmpty() ? "" : " (" + code + ")"));
            }
            if (throttled) {
                final double size = status.path("maximumAvailable").asDouble(Double.MAX_VALUE);
                if (requested > size) {
                    return new Reply(null, new PlatformOutcome.Refused(operation + " costs " + requested
                            + " points, more than the shop's Shopify bucket holds (" + size + ")"));
                }
                final Duration wait = bucket.pauseFor(requested);
                return new Reply(null, new PlatformOutcome.Throttled(wait.compareTo(SHORTEST_PAUSE) < 0 ? SHORTEST_PAUSE : wait,
                        "THROTTLED by Shopify"));
            }
            return new Reply(null, internal ? new PlatformOutcome.Failed("Shopify: " + String.join("; ", messages), null)
                    : new PlatformOutcome.Refused("Shopify refused " + operation + ": " + String.join("; ", messages)));
        }
        return new Reply(json.path("data"), null);
    }

    private static String hint(final int status) {
        return switch (status) {
            case 401 -> " (the shop's Admin API access token is wrong or revoked)";
            case 402 -> " (the store is frozen: its plan is unpaid)";
            case 403 -> " (the app lacks an access scope: write_orders, write_merchant_managed_fulfillment_orders, write_inventory)";
            case 404 -> " (check the store domain and the API version)";
            default -> "";
        };
    }

    private record Reply(JsonNode data, PlatformOutcome failure) {
    }
}
