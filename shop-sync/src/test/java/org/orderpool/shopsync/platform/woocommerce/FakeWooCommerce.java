package org.orderpool.shopsync.platform.woocommerce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict local WooCommerce site on loopback, for tests: the REST API v3 ({@code /wp-json/wc/v3}) for
 * orders, order notes and products (batch), and the Shipment Tracking extension
 * ({@code /wp-json/wc-shipment-tracking/v3}). It checks the REST API key (HTTP Basic: 401 as WooCommerce
 * answers it), validates bodies (order statuses WooCommerce accepts, tracking fields and dates, stock
 * fields, at most 100 objects a batch) and answers errors in WooCommerce's shape
 * {@code {code, message, data: {status}}}: 400 invalid parameters, 404 unknown ids and routes, 413 too big
 * a batch. On demand it answers 503.
 */
public final class FakeWooCommerce implements AutoCloseable {

    static final Set<String> ORDER_STATUSES = Set.of("pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed",
            "checkout-draft");
    /** Shipment Tracking's predefined providers the fake knows (a few of the extension's list). */
    static final Map<String, String> PROVIDERS = Map.of("Colissimo", "https://www.laposte.fr/outils/suivre-vos-envois?code=%1$s",
            "DHL", "https://www.dhl.com/en/express/tracking.html?AWB=%1$s", "USPS", "https://tools.usps.com/go/TrackConfirmAction_input?qtc_tLabels1=%1$s");
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Pattern ORDER = Pattern.compile("/wp-json/wc/v3/orders/(\\d+)");
    private static final Pattern NOTES = Pattern.compile("/wp-json/wc/v3/orders/(\\d+)/notes");
    private static final Pattern TRACKINGS = Pattern.compile("/wp-json/wc-shipment-tracking/v3/orders/(\\d+)/shipment-trackings");
    private static final Pattern VARIATIONS = Pattern.compile("/wp-json/wc/v3/products/(\\d+)/variations/batch");

    private final HttpServer server;
    private final String authorization;
    private final AtomicLong ids = new AtomicLong(9000);
    private boolean trackingExtension = true;
    private int answer503;
    private BiConsumer<Long, Integer> onStockSet = (id, quantity) -> { };

    /** Order id → status. */
    final Map<Long, String> orders = new LinkedHashMap<>();
    final Map<Long, List<Map<String, Object>>> notes = new LinkedHashMap<>();
    final Map<Long, List<Map<String, Object>>> trackings = new LinkedHashMap<>();
    /** Product or variation id → its stock fields; variations also name their parent. */
    final Map<Long, Map<String, Object>> products = new LinkedHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    public record Request(String method, String path, Object body, int status) {
    }

    private FakeWooCommerce(final String consumerKey, final String consumerSecret) throws IOException {
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((consumerKey + ":" + consumerSecret)
                .getBytes(StandardCharsets.UTF_8));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public static FakeWooCommerce start(final String consumerKey, final String consumerSecret) {
        try {
            return new FakeWooCommerce(consumerKey, consumerSecret);
        } catch (final IOException e) {
            throw new IllegalStateException("cannot start the fake WooCommerce", e);
        }
    }

    public URI siteUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public synchronized void order(final long id, final String status) {
        orders.put(id, status);
    }

    public synchronized String status(final long id) {
        return orders.get(id);
    }

    public synchronized List<Map<String, Object>> notesOf(final long id) {
        return List.copyOf(notes.getOrDefault(id, List.of()));
    }

    public synchronized List<Map<String, Object>> trackingsOf(final long id) {
        return List.copyOf(trackings.getOrDefault(id, List.of()));
    }

    public synchronized void product(final long id, final int stockQuantity) {
        final Map<String, Object> product = new LinkedHashMap<>(Map.of("id", id, "manage_stock", false, "stock_status", "instock",
                "backorders", "no"));
        product.put("stock_quantity", stockQuantity);
        products.put(id, product);
    }

    public synchronized void variation(final long parentId, final long id, final int stockQuantity) {
        product(id, stockQuantity);
        products.get(id).put("parent_id", parentId);
    }

    public synchronized Map<String, Object> productOf(final long id) {
        return Map.copyOf(products.get(id));
    }

    /** The site without the Shipment Tracking extension: its routes are gone. */
    public synchronized void withoutTrackingExtension() {
        trackingExtension = false;
    }

    /** Told of every stock quantity set (product or variation id, quantity), as it is applied: for a benchmark's clock. */
    public synchronized void onStockSet(final BiConsumer<Long, Integer> listener) {
        onStockSet = listener;
    }

    public synchronized void answer503(final int times) {
        answer503 = times;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<Request> writes() {
        return requests().stream().filter(request -> !request.method().equals("GET")).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Object parsed = null;
            String problem = null;
            if (body.length > 0) {
                try {
                    parsed = JSON.readValue(body, Object.class);
                } catch (final IOException e) {
                    problem = "Invalid JSON body passed.";
                }
            }
            final Answer answer = answer(exchange, parsed, problem);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), parsed, answer.status()));
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            final byte[] out = write(answer.body()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), out.length);
            exchange.getResponseBody().write(out);
        }
    }

    private record Answer(int status, Object body) {
    }

    private static Answer error(final int status, final String code, final String message, final Map<String, Object> more) {
        final Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", status);
        data.putAll(more);
        final Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("data", data);
        return new Answer(status, error);
    }

    private static Answer invalid(final String parameter, final String why) {
        return error(400, "rest_invalid_param", "Invalid parameter(s): " + parameter, Map.of("params", Map.of(parameter, why)));
    }

    private static Answer missing(final String parameter) {
        return error(400, "rest_missing_callback_param", "Missing parameter(s): " + parameter, Map.of("params", List.of(parameter)));
    }

    private static Answer noRoute() {
        return error(404, "rest_no_route", "No route was found matching the URL and request method.", Map.of());
    }

    @SuppressWarnings("unchecked")
    private synchronized Answer answer(final HttpExchange exchange, final Object body, final String problem) {
        final String given = exchange.getRequestHeaders().getFirst("Authorization");
        if (given == null) {
            return error(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.", Map.of());
        }
        if (!given.equals(authorization)) {
            return error(401, "woocommerce_rest_authentication_error", "Consumer key is invalid.", Map.of());
        }
        if (answer503 > 0) {
            answer503--;
            return error(503, "internal_server_error", "The site is experiencing technical difficulties.", Map.of());
        }
        if (problem != null) {
            return error(400, "rest_invalid_json", problem, Map.of());
        }
        final String method = exchange.getRequestMethod();
        final String path = exchange.getRequestURI().getPath();
        final Map<String, Object> fields = body instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        Matcher matcher;
        if ((matcher = ORDER.matcher(path)).matches()) {
            return order(method, Long.parseLong(matcher.group(1)), fields);
        }
        if ((matcher = NOTES.matcher(path)).matches()) {
            return notes(method, Long.parseLong(matcher.group(1)), fields);
        }
        if ((matcher = TRACKINGS.matcher(path)).matches()) {
            return trackingExtension ? trackings(method, Long.parseLong(matcher.group(1)), fields) : noRoute();
        }
        if (path.equals("/wp-json/wc/v3/products/batch") && method.equals("POST")) {
            return batch(null, fields);
        }
        if ((matcher = VARIATIONS.matcher(path)).matches() && method.equals("POST")) {
            return batch(Long.parseLong(matcher.group(1)), fields);
        }
        return noRoute();
    }

    private static Answer invalidOrder() {
        return error(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.", Map.of());
    }

    private Map<String, Object> orderJson(final long id) {
        final Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", id);
        order.put("status", orders.get(id));
        order.put("currency", "EUR");
        return order;
    }

    private Answer order(final String method, final long id, final Map<String, Object> fields) {
        if (!orders.containsKey(id)) {
            return invalidOrder();
        }
        if (method.equals("GET")) {
            return new Answer(200, orderJson(id));
        }
        if (!method.equals("PUT") && !method.equals("POST") && !method.equals("PATCH")) {
            return noRoute();
        }
        if (fields.containsKey("status")) {
            final Object status = fields.get("status");
            if (!(status instanceof String text) || !ORDER_STATUSES.contains(text)) {
                return invalid("status", "status is not one of pending, processing, on-hold, completed, cancelled, refunded, failed, "
                        + "and checkout-draft.");
            }
            orders.put(id, text);
        }
        return new Answer(200, orderJson(id));
    }

    private Answer notes(final String method, final long id, final Map<String, Object> fields) {
        if (!orders.containsKey(id)) {
            return invalidOrder();
        }
        if (method.equals("GET")) {
            return new Answer(200, notes.getOrDefault(id, List.of()));
        }
        if (!method.equals("POST")) {
            return noRoute();
        }
        if (!(fields.get("note") instanceof String text) || text.isBlank()) {
            return missing("note");
        }
        if (fields.containsKey("customer_note") && !(fields.get("customer_note") instanceof Boolean)) {
            return invalid("customer_note", "customer_note is not of type boolean.");
        }
        final Map<String, Object> note = new LinkedHashMap<>();
        note.put("id", ids.incrementAndGet());
        note.put("author", "WooCommerce");
        note.put("date_created", "2026-12-01T10:00:00");
        note.put("note", text);
        note.put("customer_note", Boolean.TRUE.equals(fields.get("customer_note")));
        notes.computeIfAbsent(id, o -> new ArrayList<>()).add(note);
        return new Answer(201, note);
    }

    private Answer trackings(final String method, final long id, final Map<String, Object> fields) {
        if (!orders.containsKey(id)) {
            return invalidOrder();
        }
        if (method.equals("GET")) {
            return new Answer(200, trackings.getOrDefault(id, List.of()));
        }
        if (!method.equals("POST")) {
            return noRoute();
        }
        if (!(fields.get("tracking_number") instanceof String number) || number.isBlank()) {
            return missing("tracking_number");
        }
        final String link;
        final String provider;
        if (fields.get("custom_tracking_provider") instanceof String custom && !custom.isBlank()) {
            if (!(fields.get("custom_tracking_link") instanceof String customLink) || !httpUrl(customLink.replace("%1$s", "X"))) {
                return invalid("custom_tracking_link", "custom_tracking_link must be a full http(s) URL, normally with %1$s for the number.");
            }
            if (fields.containsKey("tracking_provider")) {
                return invalid("tracking_provider", "give tracking_provider or custom_tracking_provider, not both.");
            }
            provider = custom;
            link = customLink;
        } else if (fields.get("tracking_provider") instanceof String predefined) {
            if (!PROVIDERS.containsKey(predefined)) {
                return invalid("tracking_provider", "tracking_provider is not one of the providers this store knows.");
            }
            provider = predefined;
            link = PROVIDERS.get(predefined);
        } else {
            return missing("tracking_provider");
        }
        String shipped = LocalDate.of(2026, 12, 1).toString();
        if (fields.get("date_shipped") != null) {
            try {
                shipped = LocalDate.parse(String.valueOf(fields.get("date_shipped"))).toString();
            } catch (final DateTimeParseException e) {
                return invalid("date_shipped", "date_shipped must be a date in YYYY-MM-DD form.");
            }
        }
        final Map<String, Object> tracking = new LinkedHashMap<>();
        tracking.put("tracking_id", Long.toHexString(ids.incrementAndGet()));
        tracking.put("tracking_provider", provider);
        tracking.put("tracking_link", link.replace("%1$s", number));
        tracking.put("tracking_number", number);
        tracking.put("date_shipped", shipped);
        trackings.computeIfAbsent(id, o -> new ArrayList<>()).add(tracking);
        return new Answer(201, tracking);
    }

    @SuppressWarnings("unchecked")
    private Answer batch(final Long parent, final Map<String, Object> fields) {
        if (parent != null && !products.containsKey(parent)) {
            return error(404, "woocommerce_rest_product_invalid_id", "Invalid ID.", Map.of());
        }
        final Object updates = fields.getOrDefault("update", List.of());
        if (!(updates instanceof List<?> list)) {
            return invalid("update", "update is not of type array.");
        }
        if (list.size() > 100) {
            return error(413, "woocommerce_rest_request_entity_too_large", "Unable to accept more than 100 items for this request.",
                    Map.of());
        }
        final List<Object> results = new ArrayList<>();
        for (final Object item : list) {
            final Map<String, Object> update = item instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
            final Object rawId = update.get("id");
            final long id = rawId instanceof Number number ? number.longValue() : -1;
            final Map<String, Object> product = products.get(id);
            final boolean isVariation = product != null && product.containsKey("parent_id");
            if (product == null || (parent == null) == isVariation || parent != null && !parent.equals(product.get("parent_id"))) {
                results.add(itemError(id, "woocommerce_rest_product_invalid_id", parent == null && isVariation
                        ? "To manipulate product variations you should use the /products/<product_id>/variations/<id> endpoint."
                        : "Invalid ID."));
                continue;
            }
            final String wrong = stockProblem(update);
            if (wrong != null) {
                results.add(itemError(id, "rest_invalid_param", wrong));
                continue;
            }
            update.forEach((key, value) -> {
                if (!key.equals("id")) {
                    product.put(key, value);
                }
            });
            if (Boolean.TRUE.equals(product.get("manage_stock"))) {
                final int quantity = ((Number) product.get("stock_quantity")).intValue();
                onStockSet.accept(id, quantity);
                product.put("stock_status", quantity > 0 ? "instock" : "no".equals(product.get("backorders")) ? "outofstock" : "onbackorder");
            }
            results.add(new LinkedHashMap<>(product));
        }
        return new Answer(200, Map.of("update", results));
    }

    private static String stockProblem(final Map<String, Object> update) {
        if (update.containsKey("manage_stock") && !(update.get("manage_stock") instanceof Boolean)) {
            return "manage_stock is not of type boolean.";
        }
        if (update.containsKey("stock_quantity") && !(update.get("stock_quantity") instanceof Integer)) {
            return "stock_quantity is not of type integer.";
        }
        if (update.containsKey("backorders") && !Set.of("no", "notify", "yes").contains(update.get("backorders"))) {
            return "backorders is not one of no, notify, and yes.";
        }
        if (update.containsKey("stock_status") && !Set.of("instock", "outofstock", "onbackorder").contains(update.get("stock_status"))) {
            return "stock_status is not one of instock, outofstock, and onbackorder.";
        }
        return null;
    }

    private static Map<String, Object> itemError(final long id, final String code, final String message) {
        return Map.of("id", id, "error", Map.of("code", code, "message", message, "data", Map.of("status", 400)));
    }

    private static boolean httpUrl(final String text) {
        try {
            final URI uri = URI.create(text);
            return uri.isAbsolute() && uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        } catch (final IllegalArgumentException e) {
            return false;
        }
    }

    private static String write(final Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
