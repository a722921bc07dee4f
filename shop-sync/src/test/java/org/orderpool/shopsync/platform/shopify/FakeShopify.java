package org.orderpool.shopsync.platform.shopify;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.orderpool.shopsync.platform.shopify.FakeShopifySchema.FieldDef;
import org.orderpool.shopsync.platform.shopify.GraphQlDocument.Field;
import org.orderpool.shopsync.platform.shopify.GraphQlDocument.InlineFragment;
import org.orderpool.shopsync.platform.shopify.GraphQlDocument.Operation;
import org.orderpool.shopsync.platform.shopify.GraphQlDocument.Selection;
import org.orderpool.shopsync.platform.shopify.GraphQlDocument.TypeRef;

/**
 * A strict local Shopify GraphQL Admin API endpoint on loopback, for tests: one store, one API version.
 *
 * <ul>
 *   <li>HTTP as Shopify: POST {@code /admin/api/<version>/graphql.json} only (another version or path is 404),
 *   {@code X-Shopify-Access-Token} checked (401 otherwise), JSON {@code {query, variables, operationName}}.</li>
 *   <li>The document is parsed and validated against {@link FakeShopifySchema}: unknown fields and arguments,
 *   missing required arguments, undeclared or unused variables, variable/argument type mismatches, missing
 *   selections, and variable values checked field by field against the input types (unknown or missing
 *   fields, wrong scalars), answered as Shopify answers them: HTTP 200 with {@code errors}.</li>
 *   <li>A cost bucket: each request's requested cost (objects 1, connections 2 + first x their nodes,
 *   mutations 10) is taken up front; a request the bucket cannot pay is {@code THROTTLED}, with
 *   {@code extensions.cost.throttleStatus}; it refills at its restore rate on the fake's clock. On demand
 *   it answers 429 with {@code Retry-After}, or 503.</li>
 *   <li>Data: orders with fulfillment orders at locations, fulfillments with tracking, tags; inventory
 *   items with an available quantity per location. Mutations answer {@code userErrors} for ids it does not
 *   have, as Shopify does; {@code inventorySetQuantities} compares {@code changeFromQuantity}, needs
 *   {@code @idempotent} (from 2026-04) and replays the first answer to a repeated key.</li>
 * </ul>
 */
public final class FakeShopify implements AutoCloseable {

    public static final String TOKEN_HEADER = "X-Shopify-Access-Token";
    static final Set<String> REASONS = Set.of("correction", "cycle_count_available", "damaged", "movement_created", "movement_updated",
            "movement_received", "movement_canceled", "other", "promotion", "quality_control", "received", "reservation_created",
            "reservation_deleted", "reservation_updated", "restock", "safety_stock", "shrinkage");
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final double MAX_SINGLE_QUERY_COST = 1000;

    private final HttpServer server;
    private final String accessToken;
    private final String apiVersion;
    private final FakeShopifySchema schema;
    private final LongSupplier clockMillis;
    private final AtomicLong ids = new AtomicLong(1000);

    private double maximum = 1000;
    private double restoreRate = 100;
    private double available = 1000;
    private long refilledAt;
    private int answer429;
    private long retryAfterSeconds;
    private int answer503;
    private String loseAnswerOf;
    private BiConsumer<String, Integer> onStockSet = (item, quantity) -> { };

    final Map<String, FakeOrder> orders = new LinkedHashMap<>();
    /** Inventory item → location → available. */
    final Map<String, Map<String, Integer>> inventory = new LinkedHashMap<>();
    final Set<String> locations = new LinkedHashSet<>();
    private final Map<String, Cached> idempotency = new LinkedHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    private FakeShopify(final String accessToken, final String apiVersion, final LongSupplier clockMillis) throws IOException {
        this.accessToken = accessToken;
        this.apiVersion = apiVersion;
        this.schema = new FakeShopifySchema(apiVersion);
        this.clockMillis = clockMillis;
        this.refilledAt = clockMillis.getAsLong();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public static FakeShopify start(final String accessToken, final String apiVersion, final LongSupplier clockMillis) {
        try {
            return new FakeShopify(accessToken, apiVersion, clockMillis);
        } catch (final IOException e) {
            throw new IllegalStateException("cannot start the fake Shopify", e);
        }
    }

    public static FakeShopify start(final String accessToken, final String apiVersion) {
        return start(accessToken, apiVersion, System::currentTimeMillis);
    }

    /** {@code http://127.0.0.1:<port>}: the store's base URL. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    // ---- what tests set up and look at

    public record Tracking(String company, String number, String url) {
    }

    public record FakeFulfillment(String id, String status, List<Tracking> tracking, boolean notifyCustomer) {
    }

    static final class FakeLine {
        final String id;
        final int total;
        int remaining;

        FakeLine(final String id, final int total) {
            this.id = id;
            this.total = total;
            this.remaining = total;
        }
    }

    static final class FakeFulfillmentOrder {
        final String id;
        String status = "OPEN";
        /** UNSUBMITTED at a merchant-managed location; a fulfilment service's FO goes SUBMITTED, ACCEPTED, ... */
        String requestStatus = "UNSUBMITTED";
        /** What the fulfilment service last said: the rejection's reason and message, or its message with an answer. */
        String answeredReason;
        String answeredMessage;
        final String locationId;
        final List<FakeLine> lines = new ArrayList<>();

        FakeFulfillmentOrder(final String id, final String locationId) {
            this.id = id;
            this.locationId = locationId;
        }
    }

    public static final class FakeOrder {
        final String id;
        final Set<String> tags = new LinkedHashSet<>();
        final List<FakeFulfillmentOrder> fulfillmentOrders = new ArrayList<>();
        final List<FakeFulfillment> fulfillments = new ArrayList<>();

        FakeOrder(final String id) {
            this.id = id;
        }
    }

    /** One request as it came, and the status answered. */
    public record Request(String operationName, String query, Map<String, Object> variables, int status, String answer) {
    }

    /** An order {@code gid://shopify/Order/<number>} with one open fulfillment order at the location, one line per quantity. */
    public synchronized FakeOrder order(final long number, final String locationId, final int... quantities) {
        locations.add(locationId);
        final FakeOrder order = new FakeOrder("gid://shopify/Order/" + number);
        final FakeFulfillmentOrder fulfillmentOrder = new FakeFulfillmentOrder("gid://shopify/FulfillmentOrder/" + ids.incrementAndGet(),
                locationId);
        for (final int quantity : quantities) {
            fulfillmentOrder.lines.add(new FakeLine("gid://shopify/FulfillmentOrderLineItem/" + ids.incrementAndGet(), quantity));
        }
        order.fulfillmentOrders.add(fulfillmentOrder);
        orders.put(order.id, order);
        return order;
    }

    /**
     * The merchant asks the fulfilment service (the pool) to fulfil the order's fulfillment orders: they go
     * {@code SUBMITTED}, and the service must accept or reject each request.
     */
    public synchronized void requestFulfilment(final String orderId) {
        orders.get(orderId).fulfillmentOrders.forEach(fo -> fo.requestStatus = "SUBMITTED");
    }

    /** The merchant accepted-then-regretted: asks to cancel an accepted request ({@code CANCELLATION_REQUESTED}). */
    public synchronized void requestCancellation(final String orderId) {
        for (final FakeFulfillmentOrder fo : orders.get(orderId).fulfillmentOrders) {
            if (!"ACCEPTED".equals(fo.requestStatus)) {
                throw new IllegalStateException("Shopify sends a cancellation request only for an accepted fulfillment order, not "
                        + fo.requestStatus);
            }
            fo.requestStatus = "CANCELLATION_REQUESTED";
        }
    }

    /** The first fulfillment order's request status, status, and what the service answered (reason, message). */
    public synchronized List<String> requestOf(final String orderId) {
        final FakeFulfillmentOrder fo = orders.get(orderId).fulfillmentOrders.get(0);
        return Arrays.asList(fo.requestStatus, fo.status, fo.answeredReason, fo.answeredMessage);
    }

    public synchronized void stock(final String inventoryItemId, final String locationId, final int quantity) {
        locations.add(locationId);
        inventory.computeIfAbsent(inventoryItemId, item -> new LinkedHashMap<>()).put(locationId, quantity);
    }

    public synchronized Integer available(final String inventoryItemId, final String locationId) {
        return inventory.getOrDefault(inventoryItemId, Map.of()).get(locationId);
    }

    public synchronized List<FakeFulfillment> fulfillments(final String orderId) {
        return List.copyOf(orders.get(orderId).fulfillments);
    }

    public synchronized Set<String> tags(final String orderId) {
        return Set.copyOf(orders.get(orderId).tags);
    }

    /** The cost bucket's size and restore rate (points a second); it starts full. */
    public synchronized void bucket(final double size, final double restorePerSecond) {
        maximum = size;
        available = size;
        restoreRate = restorePerSecond;
        refilledAt = clockMillis.getAsLong();
    }

    /** Takes points out of the bucket, as another app's calls to the same store would (the bucket is per app, the fake has one). */
    public synchronized void drain(final double points) {
        refill();
        available = Math.max(0, available - points);
    }

    public synchronized double currentlyAvailable() {
        refill();
        return available;
    }

    /** The next {@code times} requests are answered 429 with {@code Retry-After: seconds}. */
    public synchronized void answer429(final int times, final long seconds) {
        answer429 = times;
        retryAfterSeconds = seconds;
    }

    public synchronized void answer503(final int times) {
        answer503 = times;
    }

    /**
     * The next request of this operation is carried out, but its answer is lost on the way back (a 502 from
     * Shopify's edge, as when the caller's connection or process dies after sending): the caller cannot
     * know whether it was applied.
     */
    /** Told of every available quantity set (inventory item, quantity), as it is applied: for a benchmark's clock. */
    public synchronized void onStockSet(final BiConsumer<String, Integer> listener) {
        onStockSet = listener;
    }

    public synchronized void loseAnswerOf(final String operationName) {
        loseAnswerOf = operationName;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<Request> requests(final String operationName) {
        return requests().stream().filter(request -> operationName.equals(request.operationName())).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    // ---- HTTP

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            final Answer answer = answer(exchange, new String(body, StandardCharsets.UTF_8));
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
            }
            final byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), out.length);
            exchange.getResponseBody().write(out);
        }
    }

    private record Answer(int status, String body, String retryAfter) {
    }

    private synchronized Answer answer(final HttpExchange exchange, final String body) {
        Map<String, Object> request = Map.of();
        Answer answer;
        try {
            request = JSON.readValue(body, Map.class);
        } catch (final JsonProcessingException | ClassCastException e) {
            request = Map.of();
        }
        answer = route(exchange, body, request);
        if (loseAnswerOf != null && loseAnswerOf.equals(request.get("operationName")) && answer.status() == 200) {
            loseAnswerOf = null;
            answer = new Answer(502, "{\"errors\":\"Bad Gateway\"}", null);
        }
        final Object variables = request.get("variables");
        requests.add(new Request(request.get("operationName") instanceof String name ? name : null,
                request.get("query") instanceof String query ? query : null,
                variables instanceof Map<?, ?> map ? copy(map) : Map.of(), answer.status(), answer.body()));
        return answer;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(final Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private Answer route(final HttpExchange exchange, final String body, final Map<String, Object> request) {
        if (!exchange.getRequestURI().getPath().equals("/admin/api/" + apiVersion + "/graphql.json")) {
            return new Answer(404, "{\"errors\":\"Not Found\"}", null);
        }
        if (!accessToken.equals(exchange.getRequestHeaders().getFirst(TOKEN_HEADER))) {
            return new Answer(401, "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}", null);
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            return new Answer(405, "{\"errors\":\"Method Not Allowed\"}", null);
        }
        if (answer429 > 0) {
            answer429--;
            return new Answer(429, "{\"errors\":\"Exceeded the rate limit for this store. Retry after the time given in Retry-After.\"}",
                    Long.toString(retryAfterSeconds));
        }
        if (answer503 > 0) {
            answer503--;
            return new Answer(503, "{\"errors\":\"Service Unavailable\"}", null);
        }
        final String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("application/json")) {
            return new Answer(415, "{\"errors\":\"Content-Type must be application/json\"}", null);
        }
        if (!(request.get("query") instanceof String query)) {
            return errors(List.of(error("No query string was present", null, null, Map.of())));
        }
        final Operation operation;
        try {
            operation = GraphQlDocument.parse(query);
        } catch (final GraphQlDocument.SyntaxError e) {
            return errors(List.of(error("syntax error: " + e.getMessage(), e.line, e.column, Map.of())));
        }
        if (request.get("operationName") instanceof String name && !name.equals(operation.name())) {
            return errors(List.of(error("No operation named \"" + name + "\"", null, null, Map.of())));
        }
        final Map<String, Object> variables = request.get("variables") instanceof Map<?, ?> map ? copy(map) : Map.of();
        final List<Map<String, Object>> invalid = new Validator(operation, variables).validate();
        if (!invalid.isEmpty()) {
            return errors(invalid);
        }
        final String rootType = operation.type().equals("mutation") ? "Mutation" : "QueryRoot";
        final double cost = operation.type().equals("mutation") ? 10 : cost(operation.selections(), rootType, variables);
        if (cost > MAX_SINGLE_QUERY_COST) {
            return errors(List.of(error("Query cost is " + (long) cost + ", which exceeds the single query max cost limit (1000).",
                    null, null, Map.of("code", "MAX_COST_EXCEEDED", "cost", cost, "maxCost", MAX_SINGLE_QUERY_COST))));
        }
        refill();
        if (available < cost) {
            final Map<String, Object> throttled = new LinkedHashMap<>();
            throttled.put("errors", List.of(error("Throttled", null, null, Map.of("code", "THROTTLED",
                    "documentation", "https://shopify.dev/api/usage/rate-limits"))));
            throttled.put("extensions", Map.of("cost", costExtension(cost, null)));
            return new Answer(200, write(throttled), null);
        }
        available -= cost;
        final Execution execution = new Execution(variables);
        final Object data = execution.run(operation, rootType);
        final Map<String, Object> response = new LinkedHashMap<>();
        if (!execution.errors.isEmpty()) {
            response.put("errors", execution.errors);
        }
        response.put("data", data);
        response.put("extensions", Map.of("cost", costExtension(cost, cost)));
        return new Answer(200, write(response), null);
    }

    private Map<String, Object> costExtension(final double requested, final Double actual) {
        final Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("requestedQueryCost", requested);
        cost.put("actualQueryCost", actual);
        cost.put("throttleStatus", Map.of("maximumAvailable", maximum, "currentlyAvailable", available, "restoreRate", restoreRate));
        return cost;
    }

    private void refill() {
        final long now = clockMillis.getAsLong();
        if (now > refilledAt) {
            available = Math.min(maximum, available + restoreRate * (now - refilledAt) / 1000.0);
            refilledAt = now;
        }
    }

    private static Answer errors(final List<Map<String, Object>> errors) {
        return new Answer(200, write(Map.of("errors", errors)), null);
    }

    static Map<String, Object> error(final String message, final Integer line, final Integer column, final Map<String, Object> extensions) {
        final Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        if (line != null) {
            error.put("locations", List.of(Map.of("line", line, "column", column)));
        }
        if (!extensions.isEmpty()) {
            error.put("extensions", extensions);
        }
        return error;
    }

    private static String write(final Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- cost

    private double cost(final List<Selection> selections, final String type, final Map<String, Object> variables) {
        double total = 0;
        for (final Selection selection : selections) {
            if (selection instanceof InlineFragment fragment) {
                total += cost(fragment.selections(), fragment.typeCondition(), variables);
                continue;
            }
            final Field field = (Field) selection;
            final FieldDef def = schema.objects.getOrDefault(type, Map.of()).get(field.name());
            if (def == null || schema.isLeaf(base(def.type()))) {
                continue;
            }
            final double children = cost(field.selections(), base(def.type()), variables);
            final Object first = Execution.argument(field.arguments().get("first"), variables);
            if (first instanceof Number count) {
                total += 2 + count.doubleValue() * Math.max(1, children);
            } else if (field.name().equals("nodes") && field.arguments().get("ids") != null) {
                final Object ids = Execution.argument(field.arguments().get("ids"), variables);
                total += (ids instanceof List<?> list ? list.size() : 1) * (1 + children);
            } else {
                total += (field.name().equals("nodes") ? 0 : 1) + children;
            }
        }
        return total;
    }

    static String base(final TypeRef type) {
        return type.isList() ? base(type.item()) : type.name();
    }

    // ---- validation

    /** Checks an operation against the schema and its variables against their types, collecting errors as Shopify words them. */
    private final class Validator {
        private final Operation operation;
        private final Map<String, Object> variables;
        private final List<Map<String, Object>> errors = new ArrayList<>();
        private final Set<String> used = new LinkedHashSet<>();

        Validator(final Operation operation, final Map<String, Object> variables) {
            this.operation = operation;
            this.variables = variables;
        }

        List<Map<String, Object>> validate() {
            final String rootType = operation.type().equals("mutation") ? "Mutation" : "QueryRoot";
            for (final Map.Entry<String, TypeRef> declared : operation.variables().entrySet()) {
                final String type = base(declared.getValue());
                if (!schema.isLeaf(type) && !schema.inputs.containsKey(type)) {
                    errors.add(error(type + " isn't a defined input type (on $" + declared.getKey() + ")", null, null,
                            Map.of("code", "variableRequiresValidType", "typeName", type, "variableName", declared.getKey())));
                }
            }
            selections(operation.selections(), rootType, new ArrayList<>(List.of(operation.type()
                    + (operation.name() == null ? "" : " " + operation.name()))));
            for (final String declared : operation.variables().keySet()) {
                if (!used.contains(declared)) {
                    errors.add(error("Variable $" + declared + " is declared by " + describe() + " but not used", null, null,
                            Map.of("code", "variableNotUsed", "variableName", declared)));
                }
            }
            if (errors.isEmpty()) {
                values();
            }
            return errors;
        }

        private String describe() {
            return operation.name() == null ? "anonymous " + operation.type() : operation.name();
        }

        private void selections(final List<Selection> selections, final String type, final List<String> path) {
            for (final Selection selection : selections) {
                if (selection instanceof InlineFragment fragment) {
                    if (!schema.isComposite(fragment.typeCondition())) {
                        errors.add(error("No such type " + fragment.typeCondition() + ", so it can't be a fragment condition", null,
                                null, Map.of("code", "undefinedType", "typeName", fragment.typeCondition())));
                    } else if (!schema.fits(fragment.typeCondition(), type)) {
                        errors.add(error("Fragment on " + fragment.typeCondition() + " can't be spread inside " + type, null, null,
                                Map.of("code", "fragmentSpreadImpossible", "typeName", fragment.typeCondition())));
                    } else {
                        selections(fragment.selections(), fragment.typeCondition(), path);
                    }
                    continue;
                }
                field((Field) selection, type, path);
            }
        }

        private void field(final Field field, final String type, final List<String> parentPath) {
            final List<String> path = new ArrayList<>(parentPath);
            path.add(field.responseKey());
            if (field.name().equals("__typename")) {
                return;
            }
            final FieldDef def = schema.objects.get(type).get(field.name());
            if (def == null) {
                errors.add(fieldError("Field '" + field.name() + "' doesn't exist on type '" + type + "'", field, path,
                        Map.of("code", "undefinedField", "typeName", type, "fieldName", field.name())));
                return;
            }
            for (final Map.Entry<String, Object> argument : field.arguments().entrySet()) {
                final TypeRef expected = def.arguments().get(argument.getKey());
                if (expected == null) {
                    errors.add(fieldError("Field '" + field.name() + "' doesn't accept argument '" + argument.getKey() + "'", field, path,
                            Map.of("code", "argumentNotAccepted", "name", field.name(), "typeName", "Field",
                                    "argumentName", argument.getKey())));
                    continue;
                }
                argument(field, path, argument.getKey(), argument.getValue(), expected);
            }
            final List<String> missing = def.arguments().entrySet().stream()
                    .filter(entry -> entry.getValue().nonNull() && !field.arguments().containsKey(entry.getKey())).map(Map.Entry::getKey)
                    .toList();
            if (!missing.isEmpty()) {
                errors.add(fieldError("Field '" + field.name() + "' is missing required arguments: " + String.join(", ", missing), field,
                        path, Map.of("code", "missingRequiredArguments", "className", "Field", "name", field.name(),
                                "arguments", String.join(", ", missing))));
            }
            if (base(def.type()).endsWith("Connection") && !field.arguments().containsKey("first")
                    && !field.arguments().containsKey("last")) {
                errors.add(fieldError("you must provide one of first or last", field, path, Map.of()));
            }
            for (final GraphQlDocument.Directive directive : field.directives()) {
                if (!directive.name().equals("idempotent") || !type.equals("Mutation")) {
                    errors.add(fieldError("Directive '" + directive.name() + "' is not defined" + (directive.name().equals("idempotent")
                            ? " here: it goes on a mutation field" : ""), field, path, Map.of("code", "undefinedDirective",
                            "directiveName", directive.name())));
                } else if (!(directive.arguments().get("key") instanceof String key) || key.isBlank()) {
                    errors.add(fieldError("Directive 'idempotent' is missing required arguments: key", field, path,
                            Map.of("code", "missingRequiredArguments", "arguments", "key")));
                }
            }
            final String returned = base(def.type());
            if (schema.isLeaf(returned) && !field.selections().isEmpty()) {
                errors.add(fieldError("Selections can't be made on scalars (field '" + field.name() + "' returns " + returned
                        + " but has selections)", field, path, Map.of("code", "selectionMismatch", "nodeName", "field '"
                        + field.name() + "'", "typeName", returned)));
            } else if (!schema.isLeaf(returned) && field.selections().isEmpty()) {
                errors.add(fieldError("Field must have selections (field '" + field.name() + "' returns " + returned
                        + " but has no selections. Did you mean '" + field.name() + " { ... }'?)", field, path,
                        Map.of("code", "selectionMismatch", "nodeName", "field '" + field.name() + "'", "typeName", returned)));
            } else if (!schema.isLeaf(returned)) {
                selections(field.selections(), returned, path);
            }
        }

        private void argument(final Field field, final List<String> path, final String name, final Object value, final TypeRef expected) {
            if (value instanceof GraphQlDocument.Variable variable) {
                used.add(variable.name());
                final TypeRef declared = operation.variables().get(variable.name());
                if (declared == null) {
                    errors.add(fieldError("Variable $" + variable.name() + " is used by " + describe() + " but not declared", field, path,
                            Map.of("code", "variableNotDefined", "variableName", variable.name())));
                } else if (!fits(declared, expected)) {
                    errors.add(fieldError("Type mismatch on variable $" + variable.name() + " and argument " + name + " (" + declared
                            + " / " + expected + ")", field, path, Map.of("code", "variableMismatch", "variableName", variable.name(),
                            "typeName", declared.toString(), "argumentName", name, "errorMessage", "Type mismatch")));
                }
                return;
            }
            final List<Map<String, Object>> problems = new ArrayList<>();
            coerce(literal(value), expected, new ArrayList<>(), problems);
            if (!problems.isEmpty()) {
                errors.add(fieldError("Argument '" + name + "' on Field '" + field.name() + "' has an invalid value (" + write(literal(value))
                        + "). Expected type '" + expected + "'.", field, path, Map.of("code", "argumentLiteralsIncompatible",
                        "typeName", "Field", "argumentName", name)));
            }
        }

        /** A literal as JSON would carry it (enum values as their names). */
        private Object literal(final Object value) {
            if (value instanceof GraphQlDocument.EnumValue enumValue) {
                return enumValue.name();
            }
            if (value instanceof List<?> list) {
                return list.stream().map(this::literal).toList();
            }
            if (value instanceof Map<?, ?> map) {
                final Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((key, item) -> copy.put((String) key, literal(item)));
                return copy;
            }
            return value;
        }

        /** Whether a variable of type {@code declared} may stand where {@code expected} is (a non-null variable fits a nullable place). */
        private boolean fits(final TypeRef declared, final TypeRef expected) {
            if (expected.nonNull() && !declared.nonNull()) {
                return false;
            }
            if (declared.isList() != expected.isList()) {
                return false;
            }
            return declared.isList() ? fits(declared.item(), expected.item()) || fitsLoosely(declared.item(), expected.item())
                    : declared.name().equals(expected.name());
        }

        private boolean fitsLoosely(final TypeRef declared, final TypeRef expected) {
            return !expected.nonNull() && base(declared).equals(base(expected));
        }

        private void values() {
            for (final Map.Entry<String, TypeRef> declared : operation.variables().entrySet()) {
                final List<Map<String, Object>> problems = new ArrayList<>();
                coerce(variables.get(declared.getKey()), declared.getValue(), new ArrayList<>(), problems);
                if (!problems.isEmpty()) {
                    final List<String> described = problems.stream().map(problem -> {
                        @SuppressWarnings("unchecked") final List<Object> where = (List<Object>) problem.get("path");
                        return where.isEmpty() ? (String) problem.get("explanation") : String.join(".", where.stream()
                                .map(String::valueOf).toList()) + " (" + problem.get("explanation") + ")";
                    }).toList();
                    final Map<String, Object> extensions = new LinkedHashMap<>();
                    extensions.put("value", variables.get(declared.getKey()));
                    extensions.put("problems", problems);
                    errors.add(error("Variable $" + declared.getKey() + " of type " + declared.getValue() + " was provided invalid value"
                            + (problems.size() == 1 && ((List<?>) problems.get(0).get("path")).isEmpty() ? "" : " for "
                            + String.join(", ", described)), null, null, extensions));
                }
            }
        }

        private void coerce(final Object value, final TypeRef type, final List<Object> path, final List<Map<String, Object>> problems) {
            if (value == null) {
                if (type.nonNull()) {
                    problems.add(problem(path, "Expected value to not be null"));
                }
                return;
            }
            if (type.isList()) {
                if (value instanceof List<?> list) {
                    for (int i = 0; i < list.size(); i++) {
                        final List<Object> at = new ArrayList<>(path);
                        at.add(i);
                        coerce(list.get(i), type.item(), at, problems);
                    }
                } else {
                    coerce(value, type.item(), path, problems);
                }
                return;
            }
            final String name = type.name();
            if (schema.inputs.containsKey(name)) {
                if (!(value instanceof Map<?, ?> map)) {
                    problems.add(problem(path, "Expected \"" + value + "\" to be a key-value object."));
                    return;
                }
                final Map<String, TypeRef> fields = schema.inputs.get(name);
                for (final Object key : map.keySet()) {
                    if (!fields.containsKey(String.valueOf(key))) {
                        final List<Object> at = new ArrayList<>(path);
                        at.add(key);
                        problems.add(problem(at, "Field is not defined on " + name));
                    }
                }
                fields.forEach((field, fieldType) -> {
                    final List<Object> at = new ArrayList<>(path);
                    at.add(field);
                    coerce(map.get(field), fieldType, at, problems);
                });
                return;
            }
            if (FakeShopifySchema.ENUMS.containsKey(name)) {
                if (!(value instanceof String text) || !FakeShopifySchema.ENUMS.get(name).contains(text)) {
                    problems.add(problem(path, "Expected \"" + value + "\" to be one of: " + String.join(", ",
                            FakeShopifySchema.ENUMS.get(name))));
                }
                return;
            }
            final boolean ok = switch (name) {
                case "ID" -> value instanceof String || value instanceof Integer || value instanceof Long;
                case "String", "DateTime" -> value instanceof String;
                case "Int" -> (value instanceof Integer || value instanceof Long) && ((Number) value).longValue() == ((Number) value).intValue();
                case "Float" -> value instanceof Number;
                case "Boolean" -> value instanceof Boolean;
                case "URL" -> value instanceof String text && absoluteHttpUrl(text);
                default -> false;
            };
            if (!ok) {
                problems.add(problem(path, "Could not coerce value " + write(value) + " to " + name));
            }
        }

        private Map<String, Object> problem(final List<Object> path, final String explanation) {
            final Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("path", List.copyOf(path));
            problem.put("explanation", explanation);
            return problem;
        }

        private Map<String, Object> fieldError(final String message, final Field field, final List<String> path,
                                               final Map<String, Object> extensions) {
            final Map<String, Object> error = error(message, field.line(), field.column(), extensions);
            error.put("path", List.copyOf(path));
            return error;
        }
    }

    static boolean absoluteHttpUrl(final String text) {
        try {
            final URI uri = URI.create(text);
            return uri.isAbsolute() && uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        } catch (final IllegalArgumentException e) {
            return false;
        }
    }

    // ---- execution

    private record Cached(String variables, Object result) {
    }

    /** Resolves an operation over the fake's data, projecting each object onto its selection set. */
    private final class Execution {
        private final Map<String, Object> variables;
        final List<Map<String, Object>> errors = new ArrayList<>();

        Execution(final Map<String, Object> variables) {
            this.variables = variables;
        }

        Object run(final Operation operation, final String rootType) {
            final Map<String, Object> root = new LinkedHashMap<>();
            for (final Selection selection : operation.selections()) {
                final Field field = (Field) selection;
                final Map<String, Object> arguments = arguments(field);
                final Object value = switch (field.name()) {
                    case "order" -> orderNode((String) arguments.get("id"));
                    case "nodes" -> ((List<?>) arguments.get("ids")).stream().map(id -> node(String.valueOf(id))).toList();
                    case "location" -> locations.contains((String) arguments.get("id")) ? Map.of("__typename", "Location", "id",
                            arguments.get("id"), "name", "Warehouse") : null;
                    case "fulfillmentCreate" -> idempotent(field, arguments, () -> fulfillmentCreate(arguments));
                    case "tagsAdd" -> idempotent(field, arguments, () -> tagsAdd(arguments));
                    case "fulfillmentOrderAcceptFulfillmentRequest" -> answerRequest(arguments, "SUBMITTED", "ACCEPTED", "IN_PROGRESS",
                            "Cannot accept a fulfillment request for a fulfillment order whose request status is ");
                    case "fulfillmentOrderRejectFulfillmentRequest" -> answerRequest(arguments, "SUBMITTED", "REJECTED", null,
                            "Cannot reject a fulfillment request for a fulfillment order whose request status is ");
                    case "fulfillmentOrderAcceptCancellationRequest" -> answerRequest(arguments, "CANCELLATION_REQUESTED",
                            "CANCELLATION_ACCEPTED", "CLOSED", "Cannot accept a cancellation request for a fulfillment order whose "
                                    + "request status is ");
                    case "fulfillmentOrderRejectCancellationRequest" -> answerRequest(arguments, "CANCELLATION_REQUESTED",
                            "CANCELLATION_REJECTED", null, "Cannot reject a cancellation request for a fulfillment order whose "
                                    + "request status is ");
                    case "inventorySetQuantities" -> field.directives().stream().noneMatch(d -> d.name().equals("idempotent"))
                            && apiVersion.compareTo("2026-04") >= 0 ? missingIdempotency()
                            : idempotent(field, arguments, () -> setQuantities(arguments));
                    default -> null;
                };
                root.put(field.responseKey(), project(value, field, schema.objects.get(rootType).get(field.name()).type()));
            }
            return root;
        }

        private Object idempotent(final Field field, final Map<String, Object> arguments, final Supplier<Object> work) {
            final String key = field.directives().stream().filter(d -> d.name().equals("idempotent"))
                    .map(d -> (String) d.arguments().get("key")).findFirst().orElse(null);
            if (key == null) {
                return work.get();
            }
            final String canonical = field.name() + write(arguments);
            final Cached cached = idempotency.get(key);
            if (cached != null) {
                if (!cached.variables().equals(canonical)) {
                    errors.add(error("The idempotency key " + key + " was used before with other parameters", null, null,
                            Map.of("code", "IDEMPOTENCY_KEY_PARAMETER_MISMATCH")));
                    return null;
                }
                return cached.result();
            }
            final Object result = work.get();
            idempotency.put(key, new Cached(canonical, result));
            return result;
        }

        /** From 2026-04 Shopify refuses the inventory mutations without an idempotency key (an error at run time). */
        private Object missingIdempotency() {
            errors.add(error("The @idempotent directive is required for inventorySetQuantities as of 2026-04", null, null,
                    Map.of("code", "BAD_REQUEST")));
            return null;
        }

        private Map<String, Object> arguments(final Field field) {
            final Map<String, Object> resolved = new LinkedHashMap<>();
            field.arguments().forEach((name, value) -> resolved.put(name, argument(value, variables)));
            return resolved;
        }

        static Object argument(final Object value, final Map<String, Object> variables) {
            if (value instanceof GraphQlDocument.Variable variable) {
                return variables.get(variable.name());
            }
            if (value instanceof GraphQlDocument.EnumValue enumValue) {
                return enumValue.name();
            }
            if (value instanceof List<?> list) {
                return list.stream().map(item -> argument(item, variables)).toList();
            }
            return value;
        }

        /** The value projected on the field's selections; lists truncated to {@code first}. */
        private Object project(final Object raw, final Field field, final TypeRef type) {
            Object value = raw;
            if (value instanceof Function<?, ?> resolver) {
                @SuppressWarnings("unchecked") final Function<Map<String, Object>, Object> f = (Function<Map<String, Object>, Object>) resolver;
                value = f.apply(arguments(field));
            }
            final Object first = arguments(field).get("first");
            if (first instanceof Number count) {
                if (value instanceof List<?> list) {
                    value = list.subList(0, Math.min(list.size(), count.intValue()));
                } else if (value instanceof Map<?, ?> connection && connection.get("nodes") instanceof List<?> nodes) {
                    final Map<String, Object> truncated = new LinkedHashMap<>();
                    truncated.put("nodes", nodes.subList(0, Math.min(nodes.size(), count.intValue())));
                    truncated.put("pageInfo", Map.of("hasNextPage", nodes.size() > count.intValue(), "endCursor", "cursor"));
                    value = truncated;
                }
            }
            return select(value, field.selections(), base(type));
        }

        private Object select(final Object value, final List<Selection> selections, final String type) {
            if (value == null || selections.isEmpty()) {
                return value;
            }
            if (value instanceof List<?> list) {
                return list.stream().map(item -> select(item, selections, type)).toList();
            }
            final Map<?, ?> object = (Map<?, ?>) value;
            final Map<String, Object> out = new LinkedHashMap<>();
            selectInto(out, object, selections, type);
            return out;
        }

        private void selectInto(final Map<String, Object> out, final Map<?, ?> object, final List<Selection> selections, final String type) {
            final String actual = object.get("__typename") instanceof String name ? name : type;
            for (final Selection selection : selections) {
                if (selection instanceof InlineFragment fragment) {
                    if (fragment.typeCondition().equals(actual)) {
                        selectInto(out, object, fragment.selections(), actual);
                    }
                    continue;
                }
                final Field field = (Field) selection;
                if (field.name().equals("__typename")) {
                    out.put(field.responseKey(), actual);
                    continue;
                }
                final FieldDef def = schema.objects.get(actual).get(field.name());
                out.put(field.responseKey(), project(object.get(field.name()), field, def.type()));
            }
        }
    }

    // ---- data as GraphQL objects

    private Map<String, Object> orderNode(final String id) {
        final FakeOrder order = orders.get(id);
        if (order == null) {
            return null;
        }
        final Map<String, Object> node = new LinkedHashMap<>();
        node.put("__typename", "Order");
        node.put("id", order.id);
        node.put("name", "#" + order.id.substring(order.id.lastIndexOf('/') + 1));
        node.put("tags", List.copyOf(order.tags));
        node.put("cancelledAt", null);
        node.put("fulfillments", order.fulfillments.stream().map(FakeShopify::fulfillmentNode).toList());
        final List<Object> fulfillmentOrders = new ArrayList<>();
        for (final FakeFulfillmentOrder fulfillmentOrder : order.fulfillmentOrders) {
            final Map<String, Object> fo = new LinkedHashMap<>();
            fo.put("__typename", "FulfillmentOrder");
            fo.put("id", fulfillmentOrder.id);
            fo.put("status", fulfillmentOrder.status);
            fo.put("requestStatus", fulfillmentOrder.requestStatus);
            fo.put("orderId", order.id);
            fo.put("assignedLocation", Map.of("name", "Warehouse", "location", Map.of("__typename", "Location",
                    "id", fulfillmentOrder.locationId, "name", "Warehouse")));
            fo.put("lineItems", Map.of("nodes", fulfillmentOrder.lines.stream().map(line -> Map.of("__typename",
                    "FulfillmentOrderLineItem", "id", line.id, "remainingQuantity", line.remaining, "totalQuantity", line.total)).toList()));
            fulfillmentOrders.add(fo);
        }
        node.put("fulfillmentOrders", Map.of("nodes", fulfillmentOrders));
        return node;
    }

    private static Map<String, Object> fulfillmentNode(final FakeFulfillment fulfillment) {
        final Map<String, Object> node = new LinkedHashMap<>();
        node.put("__typename", "Fulfillment");
        node.put("id", fulfillment.id());
        node.put("status", fulfillment.status());
        node.put("createdAt", "2026-12-01T10:00:00Z");
        node.put("trackingInfo", fulfillment.tracking().stream().map(tracking -> {
            final Map<String, Object> info = new LinkedHashMap<>();
            info.put("company", tracking.company());
            info.put("number", tracking.number());
            info.put("url", tracking.url());
            return info;
        }).toList());
        return node;
    }

    private Object node(final String id) {
        if (orders.containsKey(id)) {
            return orderNode(id);
        }
        final Map<String, Integer> levels = inventory.get(id);
        if (levels == null) {
            return null;
        }
        final Map<String, Object> item = new LinkedHashMap<>();
        item.put("__typename", "InventoryItem");
        item.put("id", id);
        item.put("sku", null);
        item.put("tracked", true);
        item.put("inventoryLevel", (Function<Map<String, Object>, Object>) arguments -> {
            final Integer quantity = levels.get((String) arguments.get("locationId"));
            if (quantity == null) {
                return null;
            }
            final Map<String, Object> level = new LinkedHashMap<>();
            level.put("id", "gid://shopify/InventoryLevel/" + Math.abs(Objects.hash(id, arguments.get("locationId"))));
            level.put("location", Map.of("id", arguments.get("locationId"), "name", "Warehouse"));
            level.put("quantities", (Function<Map<String, Object>, Object>) names -> ((List<?>) names.get("names")).stream()
                    .map(name -> Map.of("name", name, "quantity", "available".equals(name) ? quantity : 0)).toList());
            return level;
        });
        return item;
    }

    private static Map<String, Object> userError(final List<Object> field, final String message) {
        final Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field.stream().map(String::valueOf).toList());
        error.put("message", message);
        return error;
    }

    @SuppressWarnings("unchecked")
    private Object fulfillmentCreate(final Map<String, Object> arguments) {
        final Map<String, Object> input = (Map<String, Object>) arguments.get("fulfillment");
        final List<Map<String, Object>> groups = (List<Map<String, Object>>) input.get("lineItemsByFulfillmentOrder");
        final List<Map<String, Object>> userErrors = new ArrayList<>();
        FakeOrder owner = null;
        final Map<FakeLine, Integer> taking = new LinkedHashMap<>();
        final List<FakeFulfillmentOrder> touched = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            final String id = (String) groups.get(i).get("fulfillmentOrderId");
            FakeFulfillmentOrder found = null;
            FakeOrder of = null;
            for (final FakeOrder order : orders.values()) {
                for (final FakeFulfillmentOrder fo : order.fulfillmentOrders) {
                    if (fo.id.equals(id)) {
                        found = fo;
                        of = order;
                    }
                }
            }
            final List<Object> at = List.of("fulfillment", "lineItemsByFulfillmentOrder", i, "fulfillmentOrderId");
            if (found == null) {
                userErrors.add(userError(at, "Fulfillment order does not exist."));
                continue;
            }
            if (owner != null && owner != of) {
                userErrors.add(userError(at, "All fulfillment orders must belong to the same order."));
                continue;
            }
            owner = of;
            if (!Set.of("OPEN", "IN_PROGRESS").contains(found.status)) {
                userErrors.add(userError(at, "Fulfillment order " + id + " has an unfulfillable status= " + found.status.toLowerCase() + "."));
                continue;
            }
            if (Set.of("SUBMITTED", "REJECTED", "CANCELLATION_REQUESTED").contains(found.requestStatus)) {
                // a fulfilment service fulfils only what it accepted, and answers a cancellation request first
                userErrors.add(userError(at, "Fulfillment order " + id + " cannot be fulfilled while its request status is "
                        + found.requestStatus.toLowerCase() + "."));
                continue;
            }
            touched.add(found);
            final List<Map<String, Object>> lines = (List<Map<String, Object>>) groups.get(i).get("fulfillmentOrderLineItems");
            if (lines == null) {
                found.lines.forEach(line -> taking.put(line, line.remaining));
                continue;
            }
            for (int j = 0; j < lines.size(); j++) {
                final String lineId = (String) lines.get(j).get("id");
                final int quantity = ((Number) lines.get(j).get("quantity")).intValue();
                final FakeLine line = found.lines.stream().filter(l -> l.id.equals(lineId)).findFirst().orElse(null);
                final List<Object> lineAt = List.of("fulfillment", "lineItemsByFulfillmentOrder", i, "fulfillmentOrderLineItems", j);
                if (line == null) {
                    userErrors.add(userError(lineAt, "Fulfillment order line item does not exist."));
                } else if (quantity <= 0 || quantity > line.remaining) {
                    userErrors.add(userError(lineAt, "Invalid fulfillment order line item quantity requested."));
                } else {
                    taking.put(line, quantity);
                }
            }
        }
        final Map<String, Object> tracking = (Map<String, Object>) input.get("trackingInfo");
        final List<Tracking> trackings = new ArrayList<>();
        if (tracking != null) {
            final List<String> numbers = new ArrayList<>();
            if (tracking.get("number") != null) {
                numbers.add((String) tracking.get("number"));
            }
            if (tracking.get("numbers") != null) {
                numbers.addAll((List<String>) tracking.get("numbers"));
            }
            final List<String> urls = new ArrayList<>();
            if (tracking.get("url") != null) {
                urls.add((String) tracking.get("url"));
            }
            if (tracking.get("urls") != null) {
                urls.addAll((List<String>) tracking.get("urls"));
            }
            if (!urls.isEmpty() && urls.size() != numbers.size()) {
                userErrors.add(userError(List.of("fulfillment", "trackingInfo", "urls"), "Tracking urls must match the tracking numbers."));
            }
            for (int k = 0; k < numbers.size(); k++) {
                trackings.add(new Tracking((String) tracking.get("company"), numbers.get(k), urls.isEmpty() ? null : urls.get(k)));
            }
        }
        if (!userErrors.isEmpty() || owner == null) {
            final Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("fulfillment", null);
            payload.put("userErrors", userErrors.isEmpty() ? List.of(userError(List.of("fulfillment"), "No fulfillment order given."))
                    : userErrors);
            return payload;
        }
        taking.forEach((line, quantity) -> line.remaining -= quantity);
        touched.forEach(fo -> fo.status = fo.lines.stream().allMatch(line -> line.remaining == 0) ? "CLOSED" : "IN_PROGRESS");
        final FakeFulfillment fulfillment = new FakeFulfillment("gid://shopify/Fulfillment/" + ids.incrementAndGet(), "SUCCESS",
                List.copyOf(trackings), Boolean.TRUE.equals(input.get("notifyCustomer")));
        owner.fulfillments.add(fulfillment);
        final Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("fulfillment", fulfillmentNode(fulfillment));
        payload.put("userErrors", List.of());
        return payload;
    }

    /**
     * A fulfilment service's answer to a request: allowed only from {@code from}, it sets the request status to {@code to}
     * (and the status to {@code status} when given); a rejection's line items must be the fulfillment order's.
     */
    @SuppressWarnings("unchecked")
    private Object answerRequest(final Map<String, Object> arguments, final String from, final String to, final String status,
                                 final String refusal) {
        final String id = (String) arguments.get("id");
        final FakeFulfillmentOrder fo = orders.values().stream().flatMap(order -> order.fulfillmentOrders.stream())
                .filter(candidate -> candidate.id.equals(id)).findFirst().orElse(null);
        final Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("fulfillmentOrder", null);
        if (fo == null) {
            payload.put("userErrors", List.of(userError(List.of("id"), "Fulfillment order does not exist.")));
            return payload;
        }
        if (!from.equals(fo.requestStatus)) {
            payload.put("userErrors", List.of(userError(List.of("id"), refusal + fo.requestStatus.toLowerCase() + ".")));
            return payload;
        }
        final List<Map<String, Object>> lines = (List<Map<String, Object>>) arguments.get("lineItems");
        if (lines != null) {
            for (int i = 0; i < lines.size(); i++) {
                final String lineId = (String) lines.get(i).get("fulfillmentOrderLineItemId");
                if (fo.lines.stream().noneMatch(line -> line.id.equals(lineId))) {
                    payload.put("userErrors", List.of(userError(List.of("lineItems", i, "fulfillmentOrderLineItemId"),
                            "Fulfillment order line item does not exist.")));
                    return payload;
                }
            }
        }
        final Object message = arguments.get("message");
        if (message instanceof String text && text.length() > 255) {
            payload.put("userErrors", List.of(userError(List.of("message"), "Message is too long (maximum is 255 characters)")));
            return payload;
        }
        fo.requestStatus = to;
        if (status != null) {
            fo.status = status;
        }
        fo.answeredReason = (String) arguments.get("reason");
        fo.answeredMessage = (String) message;
        final String orderId = orders.values().stream().filter(order -> order.fulfillmentOrders.contains(fo)).findFirst()
                .orElseThrow().id;
        payload.put("fulfillmentOrder", ((Map<String, List<Object>>) orderNode(orderId).get("fulfillmentOrders")).get("nodes").stream()
                .filter(node -> id.equals(((Map<?, ?>) node).get("id"))).findFirst().orElseThrow());
        payload.put("userErrors", List.of());
        return payload;
    }

    @SuppressWarnings("unchecked")
    private Object tagsAdd(final Map<String, Object> arguments) {
        final FakeOrder order = orders.get((String) arguments.get("id"));
        final Map<String, Object> payload = new LinkedHashMap<>();
        if (order == null) {
            payload.put("node", null);
            payload.put("userErrors", List.of(userError(List.of("id"), "Resource not found")));
            return payload;
        }
        final List<String> tags = (List<String>) arguments.get("tags");
        for (final String tag : tags) {
            if (tag.isBlank() || tag.length() > 40) {
                payload.put("node", null);
                payload.put("userErrors", List.of(userError(List.of("tags"), "Tags must be 1 to 40 characters: '" + tag + "'")));
                return payload;
            }
        }
        order.tags.addAll(tags);
        payload.put("node", orderNode(order.id));
        payload.put("userErrors", List.of());
        return payload;
    }

    @SuppressWarnings("unchecked")
    private Object setQuantities(final Map<String, Object> arguments) {
        final Map<String, Object> input = (Map<String, Object>) arguments.get("input");
        final List<Map<String, Object>> errors = new ArrayList<>();
        if (!Set.of("available", "on_hand").contains(input.get("name"))) {
            errors.add(inventoryError("INVALID_NAME", List.of("input", "name"), "The quantity name must be either 'available' or 'on_hand'."));
        }
        if (!REASONS.contains(input.get("reason"))) {
            errors.add(inventoryError("INVALID_REASON", List.of("input", "reason"), "The specified reason is invalid."));
        }
        final List<Map<String, Object>> quantities = (List<Map<String, Object>>) input.get("quantities");
        for (int i = 0; i < quantities.size(); i++) {
            final Map<String, Object> quantity = quantities.get(i);
            final String item = (String) quantity.get("inventoryItemId");
            final String location = (String) quantity.get("locationId");
            final List<Object> at = List.of("input", "quantities", i);
            if (!inventory.containsKey(item)) {
                errors.add(inventoryError("INVALID_INVENTORY_ITEM", append(at, "inventoryItemId"), "The specified inventory item could not be found."));
                continue;
            }
            if (!locations.contains(location)) {
                errors.add(inventoryError("INVALID_LOCATION", append(at, "locationId"), "The specified location could not be found."));
                continue;
            }
            final Integer current = inventory.get(item).get(location);
            if (current == null) {
                errors.add(inventoryError("ITEM_NOT_STOCKED_AT_LOCATION", append(at, "locationId"),
                        "The specified inventory item is not stocked at the location."));
                continue;
            }
            if (apiVersion.compareTo("2026-04") >= 0 && !quantity.containsKey("changeFromQuantity")) {
                errors.add(inventoryError("CHANGE_FROM_QUANTITY_REQUIRED", append(at, "changeFromQuantity"),
                        "changeFromQuantity is required: pass the quantity you expect, or null to skip the check."));
                continue;
            }
            final Object changeFrom = quantity.containsKey("changeFromQuantity") ? quantity.get("changeFromQuantity")
                    : quantity.get("compareQuantity");
            if (changeFrom != null && ((Number) changeFrom).intValue() != current) {
                errors.add(inventoryError("CHANGE_FROM_QUANTITY_STALE", append(at, "changeFromQuantity"),
                        "The specified compare quantity does not match the current quantity."));
            }
        }
        final Map<String, Object> payload = new LinkedHashMap<>();
        if (!errors.isEmpty()) {
            payload.put("inventoryAdjustmentGroup", null);
            payload.put("userErrors", errors);
            return payload;
        }
        final List<Object> changes = new ArrayList<>();
        for (final Map<String, Object> quantity : quantities) {
            final Map<String, Integer> levels = inventory.get((String) quantity.get("inventoryItemId"));
            final int before = levels.get((String) quantity.get("locationId"));
            final int after = ((Number) quantity.get("quantity")).intValue();
            levels.put((String) quantity.get("locationId"), after);
            onStockSet.accept((String) quantity.get("inventoryItemId"), after);
            changes.add(Map.of("name", input.get("name"), "delta", after - before, "quantityAfterChange", after));
        }
        final Map<String, Object> group = new LinkedHashMap<>();
        group.put("createdAt", "2026-12-01T10:00:00Z");
        group.put("reason", input.get("reason"));
        group.put("referenceDocumentUri", input.get("referenceDocumentUri"));
        group.put("changes", changes);
        payload.put("inventoryAdjustmentGroup", group);
        payload.put("userErrors", List.of());
        return payload;
    }

    private static List<Object> append(final List<Object> path, final Object more) {
        final List<Object> longer = new ArrayList<>(path);
        longer.add(more);
        return longer;
    }

    private static Map<String, Object> inventoryError(final String code, final List<Object> field, final String message) {
        final Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("field", field.stream().map(String::valueOf).toList());
        error.put("message", message);
        return error;
    }
}
