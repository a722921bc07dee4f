package org.orderpool.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.OrderRejection;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.ReviewDecision;
import org.orderpool.contracts.ReviewVerdict;
import org.orderpool.contracts.SalesChannel;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.contracts.ShopOrderKey;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.intake.domain.OrderIds;
import org.orderpool.intake.gateway.WebhookSignatures;
import org.orderpool.serde.ConfluentRegistryHttpClient;
import org.orderpool.shipping.CarrierCalendarPublisher;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.KafkaPlatform;
import org.orderpool.testing.KafkaTestClient;

/**
 * Feeds the whole bad-input corpus ({@code bad-input-corpus.json}) to the running local stack, through
 * the gateway and straight onto every input topic, with good orders before and after, and checks that
 * each case got its own answer (status and error code, rejection naming the fields, original bytes on
 * the right dead-letter topics once, or nothing at all for decisions about unknown orders), that nothing
 * is lost, and that the good orders went all the way to SCHEDULED meanwhile.
 */
class BadInputCorpusIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHOP = "tea-house";
    private static final Map<String, String> SECRETS = Map.of("tea-house", "demo-secret-tea-house", "ceramics-studio",
            "demo-secret-ceramics-studio");

    private static LocalStack stack;
    private static KafkaTestClient kafka;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> failures = new ArrayList<>();
    private final List<String> goodOrders = new ArrayList<>();
    private final Map<String, List<String>> expectedRejections = new LinkedHashMap<>();
    private final Map<String, String> ignoredOrders = new LinkedHashMap<>();
    private final Map<String, List<byte[]>> expectedDeadLetters = new LinkedHashMap<>();
    private final Map<String, String> caseOfDeadLetter = new LinkedHashMap<>();
    /** The shop's own reference of every order that must go through, as sent: every status must carry it unchanged. */
    private final Map<String, String> refsSent = new LinkedHashMap<>();
    private int sequence;

    @BeforeAll
    static void startStack() {
        final Path dataDir = Path.of(System.getProperty("orderpool.test.dir", "target/test-work")).resolve("corpus-" + System.nanoTime());
        stack = LocalStack.start(LocalStack.Settings.forTest(dataDir));
        kafka = new KafkaTestClient(KafkaPlatform.existing(stack.bootstrapServers(), stack.schemaRegistryUrl(), "local stack"));
    }

    @AfterAll
    static void stopStack() {
        kafka.close();
        stack.close();
    }

    @Test
    void shouldAnswerEveryCaseOfTheCorpusAndKeepTakingGoodOrders() throws Exception {
        final JsonNode corpus;
        try (InputStream in = getClass().getResourceAsStream("/bad-input-corpus.json")) {
            corpus = JSON.readTree(in);
        }
        sendGoodOrders("before");
        for (final JsonNode gatewayCase : corpus.get("gateway")) {
            gateway(gatewayCase);
        }
        for (final JsonNode topicCase : corpus.get("topics")) {
            topic(topicCase);
        }
        sendGoodOrders("after");

        // Good orders sent after every bad record went through intake, fraud-check, stock-reservation and shipping-scheduler.
        Awaitility.await("good orders scheduled").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            final Map<String, List<OrderStatus>> statuses = statuses();
            assertThat(goodOrders).allSatisfy(orderId -> assertThat(statuses.getOrDefault(orderId, List.of())).as(orderId)
                    .contains(OrderStatus.SCHEDULED));
        });
        final Map<String, List<OrderStatus>> statuses = statuses();
        for (final ConsumerRecord<String, OrderStatusChange> record : kafka.readToEnd(Topics.ORDERS_STATUS)) {
            final String sentRef = refsSent.get(record.key());
            if (sentRef != null && !sentRef.equals(record.value().getShopOrderRef())) {
                failures.add(record.key() + ": status " + record.value().getStatus() + " carries the ref '" + record.value().getShopOrderRef()
                        + "', the shop sent '" + sentRef + "'");
            }
        }
        goodOrders.forEach(orderId -> {
            final List<OrderStatus> history = statuses.getOrDefault(orderId, List.of());
            if (history.size() != history.stream().distinct().count()) {
                failures.add(orderId + " has a status twice: " + history);
            }
        });
        final List<OrderRejection> rejections = kafka.readToEnd(Topics.ORDERS_REJECTED).stream().map(ConsumerRecord::value).toList();
        expectedRejections.forEach((orderId, fields) -> {
            final List<String> named = rejections.stream().filter(r -> r.getOrderId().equals(orderId))
                    .flatMap(r -> r.getErrors().stream()).map(e -> e.getField()).toList();
            if (!named.containsAll(fields)) {
                failures.add("rejection of " + orderId + " names " + named + ", not all of " + fields);
            }
            if (!statuses.getOrDefault(orderId, List.of()).equals(List.of(OrderStatus.REJECTED))) {
                failures.add(orderId + " should end REJECTED and only that, has " + statuses.get(orderId));
            }
        });
        ignoredOrders.forEach((orderId, name) -> {
            if (statuses.containsKey(orderId)) {
                failures.add(name + ": an order nobody submitted got statuses " + statuses.get(orderId));
            }
        });
        expectedDeadLetters.forEach((deadLetterTopic, originals) -> {
            final List<ConsumerRecord<byte[], byte[]>> deadLetters = kafka.readRawToEnd(deadLetterTopic);
            for (final byte[] original : originals) {
                final long copies = deadLetters.stream().filter(d -> Arrays.equals(d.value(), original)).count();
                if (copies != 1) {
                    failures.add(caseOfDeadLetter.get(deadLetterTopic + HexFormat.of().formatHex(original)) + ": " + copies + " copies on "
                            + deadLetterTopic);
                } else if (deadLetters.stream().filter(d -> Arrays.equals(d.value(), original)).findFirst().orElseThrow().headers()
                        .toArray().length == 0) {
                    failures.add(caseOfDeadLetter.get(deadLetterTopic + HexFormat.of().formatHex(original)) + ": no error headers on "
                            + deadLetterTopic);
                }
            }
        });
        assertThat(failures).as("cases without their answer").isEmpty();
    }

    private void gateway(final JsonNode gatewayCase) throws Exception {
        final String name = gatewayCase.get("name").asText();
        final String shop = gatewayCase.path("shop").asText(SHOP);
        final byte[] body = body(gatewayCase, "CORPUS-" + (++sequence) + "-" + UUID.randomUUID().toString().substring(0, 8));
        final String ref = refOf(body);
        if (gatewayCase.has("slowClient")) {
            slowClient(name, shop, gatewayCase.get("slowClient"), gatewayCase.get("expect"));
            return;
        }
        final long now = Instant.now().getEpochSecond();
        final String signature = gatewayCase.path("signature").asText("valid");
        final long signedAt = signature.equals("stale") ? now - 3_600 : now;
        final String secret = switch (signature) {
            case "forged" -> "not-the-secret";
            case "another-shop" -> SECRETS.get("ceramics-studio");
            default -> SECRETS.getOrDefault(shop, "unknown");
        };
        final String path = gatewayCase.path("path").asText("/shops/" + shop + "/orders");
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.intakeUrl() + path))
                .header("Content-Type", gatewayCase.path("contentType").asText("application/json"))
                .header("X-Pool-Timestamp", Long.toString(signedAt))
                .method(gatewayCase.path("method").asText("POST"), HttpRequest.BodyPublishers.ofByteArray(body));
        if (gatewayCase.has("hugeHeader")) {
            request.header("X-Padding", "p".repeat(gatewayCase.get("hugeHeader").asInt()));
        }
        if (!signature.equals("none")) {
            request.header("X-Pool-Signature", WebhookSignatures.poolSignature(secret, signedAt, body));
        }
        final HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        final JsonNode expect = gatewayCase.get("expect");
        final int status = expect.get("status").asInt();
        if (response.statusCode() != status) {
            failures.add(name + ": HTTP " + response.statusCode() + " instead of " + status + ": " + abbreviate(response.body()));
            return;
        }
        if (status == 202 && expect.has("rejected")) {
            final List<String> fields = new ArrayList<>();
            expect.get("rejected").forEach(field -> fields.add(field.asText()));
            expectedRejections.put(OrderIds.forShopOrder(shop, ref), fields);
            return;
        }
        if (status == 202) {
            goodOrders.add(OrderIds.forShopOrder(shop, ref));
            refsSent.put(OrderIds.forShopOrder(shop, ref), ref);
            return;
        }
        final JsonNode answer = JSON.readTree(response.body());
        final String code = answer.path("error").asText(answer.path("code").asText());
        if (!response.body().contains("\"" + expect.get("code").asText() + "\"")) {
            failures.add(name + ": error code " + code + " instead of " + expect.get("code").asText() + ": " + abbreviate(response.body()));
        }
        for (final JsonNode field : expect.path("fields")) {
            if (!response.body().contains("\"" + field.asText() + "\"")) {
                failures.add(name + ": the answer does not name the field " + field.asText() + ": " + abbreviate(response.body()));
            }
        }
        if (response.body().contains("4111 1111 1111 1111") || response.body().contains("5555555555554444")) {
            failures.add(name + ": the answer repeats the card number");
        }
    }

    private void topic(final JsonNode topicCase) throws Exception {
        final String name = topicCase.get("name").asText();
        final String topicName = topicCase.get("topic").asText();
        final JsonNode expect = topicCase.get("expect");
        if (topicCase.has("bytes")) {
            final byte[] bytes = bytes(topicCase.get("bytes").asText());
            final boolean keyless = topicCase.has("key") && topicCase.get("key").isNull();
            kafka.sendRaw(topicName, keyless ? null : ("corpus-" + (++sequence)).getBytes(StandardCharsets.UTF_8), bytes);
            for (final JsonNode deadLetterTopic : expect.get("deadLetters")) {
                expectedDeadLetters.computeIfAbsent(deadLetterTopic.asText(), t -> new ArrayList<>()).add(bytes);
                caseOfDeadLetter.put(deadLetterTopic.asText() + HexFormat.of().formatHex(bytes), name);
            }
        } else if (topicName.equals(Topics.SHOP_ORDERS_SUBMITTED.name())) {
            final String ref = "CORPUS-K-" + (++sequence);
            final SubmittedOrder order = Fixtures.order("corpus-" + sequence).shop(SHOP).shopOrderRef(ref).channel(
                    SalesChannel.KAFKA).line("SKU-TEA-01", 1).submitted();
            order.setPlacedAt(Instant.now());
            order.setReceivedAt(Instant.now());
            final ShopOrderKey key = new ShopOrderKey(SHOP, ref);
            topicCase.get("set").fields().forEachRemaining(change -> {
                final JsonNode value = resolve(change.getValue());
                if (change.getKey().startsWith("@key.")) {
                    set(key, change.getKey().substring("@key.".length()), value);
                } else {
                    set(order, change.getKey(), value);
                }
            });
            // the shop's clock, not the pool's: a record timestamp the shop chose
            final Instant stamp = topicCase.has("recordTimestamp") ? Instant.now().plus(Duration.parse(topicCase.get("recordTimestamp").asText()))
                    : null;
            kafka.send(Topics.SHOP_ORDERS_SUBMITTED, key, order, stamp);
            if (topicCase.path("twice").asBoolean()) {
                kafka.send(Topics.SHOP_ORDERS_SUBMITTED, key, order, stamp == null ? null : stamp.minus(Duration.ofMinutes(30)));
            }
            // a record is answered on the order its key names, never on the one its value names
            final String keyOrderId = OrderIds.forShopOrder(key.getShopId(), key.getShopOrderRef());
            if (!key.getShopOrderRef().equals(order.getShopOrderRef())) {
                ignoredOrders.put(OrderIds.forShopOrder(order.getShopId(), order.getShopOrderRef()), name);
            }
            if (expect.path("scheduled").asBoolean()) {
                goodOrders.add(keyOrderId);
                refsSent.put(keyOrderId, key.getShopOrderRef());
            } else {
                final List<String> fields = new ArrayList<>();
                expect.get("rejected").forEach(field -> fields.add(field.asText()));
                expectedRejections.put(keyOrderId, fields);
            }
        } else {
            final String orderId = "ord-corpus-unknown-" + UUID.randomUUID();
            if (topicName.equals(Topics.FRAUD_REVIEW_DECISIONS.name())) {
                kafka.send(Topics.FRAUD_REVIEW_DECISIONS, orderId, ReviewDecision.newBuilder().setDecisionId("d-" + orderId).setOrderId(orderId)
                        .setVerdict(ReviewVerdict.APPROVE).setOperator("ops.corpus").setDecidedAt(Instant.now()).build());
            } else {
                kafka.send(Topics.ORDERS_CANCELLATIONS, orderId, OrderCancellation.newBuilder().setCancellationId("c-" + orderId)
                        .setOrderId(orderId).setShopId(SHOP).setShopOrderRef("never-sent").setRequestedAt(Instant.now()).build());
            }
            ignoredOrders.put(orderId, name);
        }
    }

    private void sendGoodOrders(final String when) throws Exception {
        for (int i = 0; i < 3; i++) {
            final String ref = "GOOD-" + when + "-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
            final byte[] body = body(JSON.createObjectNode(), ref);
            final long now = Instant.now().getEpochSecond();
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.intakeUrl() + "/shops/" + SHOP + "/orders"))
                    .header("Content-Type", "application/json").header("X-Pool-Timestamp", Long.toString(now))
                    .header("X-Pool-Signature", WebhookSignatures.poolSignature(SECRETS.get(SHOP), now, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            goodOrders.add(OrderIds.forShopOrder(SHOP, ref));
        }
        final String ref = "GOOD-K-" + when + "-" + UUID.randomUUID().toString().substring(0, 8);
        final SubmittedOrder order = Fixtures.order("good-" + ref).shop(SHOP).shopOrderRef(ref).line("SKU-TEA-02", 1).distinctBuyer(ref)
                .submitted();
        order.setPlacedAt(Instant.now());
        order.setReceivedAt(Instant.now());
        kafka.send(Topics.SHOP_ORDERS_SUBMITTED, new ShopOrderKey(SHOP, ref), order);
        goodOrders.add(OrderIds.forShopOrder(SHOP, ref));
    }

    /** The example order with a fresh reference, changed as the case says; or the case's own body. */
    private byte[] body(final JsonNode gatewayCase, final String ref) throws IOException {
        if (gatewayCase.has("body")) {
            return gatewayCase.get("body").asText().getBytes(StandardCharsets.UTF_8);
        }
        if (gatewayCase.has("generate")) {
            final String[] generator = gatewayCase.get("generate").asText().split(":");
            final int size = Integer.parseInt(generator[1]);
            return switch (generator[0]) {
                case "deep-json" -> ("[".repeat(size) + "]".repeat(size)).getBytes(StandardCharsets.UTF_8);
                case "huge" -> ("{\"shopOrderRef\": \"" + ref + "\", \"note\": \"" + "x".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8);
                default -> throw new IllegalArgumentException("unknown generator " + generator[0]);
            };
        }
        final ObjectNode order = (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("..", "docs", "examples", "pool-order.json")));
        order.put("shopOrderRef", ref);
        order.put("placedAt", Instant.now().toString());
        // a customer of its own, so the good orders of the corpus do not look like one card's velocity to fraud-check
        ((ObjectNode) order.get("customer")).put("email", "buyer-" + ref.toLowerCase() + "@example.org");
        ((ObjectNode) order.get("shippingAddress")).put("line1", Math.floorMod(ref.hashCode(), 900) + " rue des Lilas");
        ((ObjectNode) order.get("payment")).put("cardFingerprint", "fp_" + Integer.toHexString(ref.hashCode()));
        gatewayCase.path("set").fields().forEachRemaining(change -> setJson(order, change.getKey(), resolve(change.getValue())));
        final byte[] json = JSON.writeValueAsBytes(order);
        if (gatewayCase.has("duplicateKey")) {
            // the same key again at the end of the object, with another value: JSON parsers disagree on which one wins
            final String key = gatewayCase.get("duplicateKey").asText();
            final String text = new String(json, StandardCharsets.UTF_8);
            return (text.substring(0, text.length() - 1) + ",\"" + key + "\":1}").getBytes(StandardCharsets.UTF_8);
        }
        return json;
    }

    /** Sets (or with null removes) the value at a path like {@code lines[0].quantity}. */
    private static void setJson(final ObjectNode root, final String path, final JsonNode value) {
        final String[] steps = path.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < steps.length - 1; i++) {
            node = step(node, steps[i]);
        }
        final String last = steps[steps.length - 1];
        if (last.endsWith("]")) {
            final String field = last.substring(0, last.indexOf('['));
            final int index = Integer.parseInt(last.substring(last.indexOf('[') + 1, last.length() - 1));
            ((ArrayNode) node.get(field)).set(index, value);
        } else if (value.isNull()) {
            ((ObjectNode) node).remove(last);
        } else {
            ((ObjectNode) node).set(last, value);
        }
    }

    private static JsonNode step(final JsonNode node, final String step) {
        if (step.endsWith("]")) {
            return node.get(step.substring(0, step.indexOf('['))).get(Integer.parseInt(step.substring(step.indexOf('[') + 1, step.length() - 1)));
        }
        return node.get(step);
    }

    /** Sets the value at a path like {@code lines[0].quantity} of an Avro record. */
    private static void set(final IndexedRecord record, final String path, final JsonNode value) {
        final String[] steps = path.split("\\.");
        IndexedRecord target = record;
        for (int i = 0; i < steps.length - 1; i++) {
            final String step = steps[i];
            if (step.endsWith("]")) {
                final List<?> list = (List<?>) get(target, step.substring(0, step.indexOf('[')));
                target = (IndexedRecord) list.get(Integer.parseInt(step.substring(step.indexOf('[') + 1, step.length() - 1)));
            } else {
                target = (IndexedRecord) get(target, step);
            }
        }
        final Schema.Field field = target.getSchema().getField(steps[steps.length - 1]);
        final boolean instant = field.schema().getLogicalType() != null
                && field.schema().getLogicalType().getName().equals("timestamp-millis");
        target.put(field.pos(), value.isInt() ? (Object) value.asInt() : instant ? Instant.parse(value.asText()) : value.asText());
    }

    private static Object get(final IndexedRecord record, final String field) {
        return record.get(record.getSchema().getField(field).pos());
    }

    /** The bytes of a case: {@code text:}, {@code hex:}, or one of the named broken records. */
    private static byte[] bytes(final String spec) throws IOException {
        if (spec.startsWith("text:")) {
            return spec.substring(5).getBytes(StandardCharsets.UTF_8);
        }
        if (spec.startsWith("hex:")) {
            return HexFormat.of().parseHex(spec.substring(4).replace(" ", ""));
        }
        final SubmittedOrder order = Fixtures.order("corpus-bytes").shop(SHOP).line("SKU-TEA-01", 1).submitted();
        final String topic = Topics.SHOP_ORDERS_SUBMITTED.name();
        return switch (spec) {
            case "record:orders.cancellations" -> Topics.ORDERS_CANCELLATIONS.valueSerde(kafka.serdes()).serializer()
                    .serialize(Topics.ORDERS_CANCELLATIONS.name(), OrderCancellation.newBuilder().setCancellationId("c-corpus")
                            .setOrderId("ord-corpus").setShopId(SHOP).setShopOrderRef("x").setRequestedAt(Instant.now()).build());
            case "truncated-order" -> {
                final byte[] whole = Topics.SHOP_ORDERS_SUBMITTED.valueSerde(kafka.serdes()).serializer().serialize(topic, order);
                yield Arrays.copyOf(whole, whole.length / 2);
            }
            case "order-without-lines" -> withoutLines(order);
            case "valid-order" -> {
                order.setPlacedAt(Instant.now());
                yield Topics.SHOP_ORDERS_SUBMITTED.valueSerde(kafka.serdes()).serializer().serialize(topic, order);
            }
            case "invalid-calendar" -> Topics.SHIPPING_CARRIER_CALENDARS.valueSerde(kafka.serdes()).serializer().serialize(
                    Topics.SHIPPING_CARRIER_CALENDARS.name(), CarrierCalendar.newBuilder(CarrierCalendarPublisher.defaultCalendars(Instant.now())
                            .get(0)).setTimeZone("Mars/Olympus_Mons").setPackingLeadTimeMinutes(-5).build());
            default -> {
                if (spec.startsWith("manifest:")) {
                    final Order shipped = Fixtures.order("corpus-manifest").line("SKU-TEA-01", 1).build();
                    yield Topics.SHIPPING_MANIFESTS.valueSerde(kafka.serdes()).serializer().serialize(Topics.SHIPPING_MANIFESTS.name(),
                            ShipmentManifest.newBuilder(Fixtures.manifest("colis-express", Fixtures.parcel(shipped, "colis-express")))
                                    .setManifestId(spec.substring("manifest:".length())).build());
                }
                throw new IllegalArgumentException("unknown bytes " + spec);
            }
        };
    }

    /** A client that announces more bytes than it sends and goes quiet: the gateway must answer and close within the bound. */
    private void slowClient(final String name, final String shop, final JsonNode slow, final JsonNode expect) throws IOException {
        final URI gateway = URI.create(stack.intakeUrl());
        final long started = System.nanoTime();
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(60_000);
            final OutputStream out = socket.getOutputStream();
            out.write(("POST /shops/" + shop + "/orders HTTP/1.1\r\nHost: " + gateway.getHost() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + slow.get("announced").asInt() + "\r\n\r\n" + "{".repeat(slow.get("sent").asInt()))
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            final long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            if (!answer.startsWith("HTTP/1.1 " + expect.get("status").asInt()) || !answer.contains("\"" + expect.get("code").asText() + "\"")) {
                failures.add(name + ": answered " + abbreviate(answer));
            }
            if (seconds > expect.get("withinSeconds").asInt()) {
                failures.add(name + ": the gateway held the connection " + seconds + " s");
            }
        } catch (final SocketTimeoutException e) {
            failures.add(name + ": the gateway neither answered nor closed the connection within 60 s");
        }
    }

    /** The shop order ref a gateway case's body carries (its own, or the fresh one), for the order id. */
    private static String refOf(final byte[] body) {
        try {
            final JsonNode ref = JSON.readTree(body).path("shopOrderRef");
            return ref.isTextual() ? ref.asText() : "";
        } catch (final IOException | RuntimeException e) {
            return "";
        }
    }

    /** A case's value: {@code @now<ISO-8601 duration>} is that long from now (as an instant); {@code {n}} becomes a fresh number. */
    private JsonNode resolve(final JsonNode value) {
        if (!value.isTextual()) {
            return value;
        }
        final String text = value.asText();
        if (text.startsWith("@now")) {
            return JSON.getNodeFactory().textNode(Instant.now().plus(Duration.parse(text.substring(4))).truncatedTo(ChronoUnit.SECONDS).toString());
        }
        return text.contains("{n}") ? JSON.getNodeFactory().textNode(text.replace("{n}", Integer.toString(++sequence))) : value;
    }

    /** An order written with a schema that has no {@code lines} (registered under a subject of its own), in Confluent framing. */
    private static byte[] withoutLines(final SubmittedOrder order) throws IOException {
        final Schema full = SubmittedOrder.getClassSchema();
        final List<Schema.Field> fields = full.getFields().stream().filter(f -> !f.name().equals("lines"))
                .map(f -> new Schema.Field(f, f.schema())).toList();
        final Schema broken = Schema.createRecord(full.getName(), full.getDoc(), full.getNamespace(), false, fields);
        final int id = new ConfluentRegistryHttpClient(stack.schemaRegistryUrl(), null, Duration.ofSeconds(10))
                .register("corpus-order-without-lines-value", broken);
        final GenericRecord record = new GenericData.Record(broken);
        broken.getFields().forEach(f -> record.put(f.name(), order.get(f.name())));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(new byte[] {(byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(broken, SpecificData.getForClass(SubmittedOrder.class)).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static Map<String, List<OrderStatus>> statuses() {
        final Map<String, List<OrderStatus>> statuses = new LinkedHashMap<>();
        for (final ConsumerRecord<String, OrderStatusChange> record : kafka.readToEnd(Topics.ORDERS_STATUS)) {
            statuses.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value().getStatus());
        }
        return statuses;
    }

    private static String abbreviate(final String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
