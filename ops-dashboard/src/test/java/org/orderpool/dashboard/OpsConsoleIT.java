package org.orderpool.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.OpsActionType;
import org.orderpool.contracts.OpsAuditRecord;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.ReviewDecision;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.KafkaPlatform;
import org.orderpool.testing.KafkaTestClient;
import org.orderpool.testing.RealKafka;
import org.orderpool.testing.ServiceUnderTest;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The console as it runs, on the real broker and registry: an operator's actions land on their topics
 * with their audit records (one transaction each), a dead letter is inspected and re-driven with who
 * re-drove it, and a restarted console rebuilds the same picture from the topics and does not repeat an
 * action it already did.
 */
@RealKafka
class OpsConsoleIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String PASSWORD = UUID.randomUUID().toString();
    private static ServiceUnderTest console;
    private static KafkaTestClient kafka;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startConsole(final KafkaPlatform platform) {
        final String hash = new BCryptPasswordEncoder(4).encode(PASSWORD);
        console = ServiceUnderTest.start(OpsDashboardApplication::builder, platform, KafkaTestClient.uniquePrefix("console"), "ops-dashboard",
                "--server.port=0", "--orderpool.console.users[0].name=anna", "--orderpool.console.users[0].role=OPERATOR",
                "--orderpool.console.users[0].password-hash=" + hash);
        kafka = console.kafka();
    }

    @AfterAll
    static void stopConsole() {
        console.close();
    }

    @Test
    void shouldWriteActionsWithTheirAuditRedriveADeadLetterAndRebuildThePictureAfterARestart() throws Exception {
        final Order order = Fixtures.order("it-held").line("SKU-TEA-01", 1).build();
        kafka.send(topic(Topics.ORDERS_STATUS), order.getOrderId(), Fixtures.statusChange(order, OrderStatus.IN_REVIEW));
        kafka.send(topic(Topics.STOCK_LEVELS), "SKU-TEA-01", Fixtures.stockLevel("SKU-TEA-01", 5, 0));
        await("the console shows the held order", () -> get("/api/overview").body().contains("it-held"));

        final HttpResponse<String> decided = post("/api/reviews/it-held", "{\"verdict\":\"APPROVE\",\"actionId\":\"review-it-held-1\"}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(202);
        assertThat(post("/api/stock/SKU-TEA-01/movements", "{\"type\":\"RECEIPT\",\"quantity\":12,\"actionId\":\"receipt-it-0001\"}")
                .statusCode()).isEqualTo(202);

        final List<ReviewDecision> decisions = kafka.read(topic(Topics.FRAUD_REVIEW_DECISIONS), 1, TIMEOUT).values();
        assertThat(decisions).singleElement().satisfies(d -> {
            assertThat(d.getOperator()).isEqualTo("anna");
            assertThat(d.getDecisionId()).isEqualTo("review-it-held-1");
        });
        assertThat(kafka.read(topic(Topics.STOCK_MOVEMENTS), 1, TIMEOUT).values()).singleElement()
                .satisfies(m -> assertThat(m.getMovementId()).isEqualTo("receipt-it-0001"));

        // a dead letter of fraud-check, as Kafka Streams writes it: the original bytes and the error headers
        final String source = topic(Topics.ORDERS_ACCEPTED).name();
        final byte[] value = Topics.ORDERS_ACCEPTED.valueSerde(kafka.serdes()).serializer().serialize(source, order);
        sendDeadLetter(topic(Topics.FRAUD_CHECK_DLQ).name(), order.getOrderId().getBytes(StandardCharsets.UTF_8), value, source);
        final String deadLetter = "/api/dead-letters/" + topic(Topics.FRAUD_CHECK_DLQ).name() + "/0/0";
        await("the console lists the dead letter", () -> get("/api/overview").body().contains("boom: a bad rule"));
        final String inspected = get(deadLetter).body();
        assertThat(inspected).contains("\"sourceTopic\":\"" + source + "\"").contains("\"as\":\"contract\"").contains("it-held")
                .contains("__streams.errors.message");

        assertThat(post(deadLetter + "/redrive", "{\"actionId\":\"redrive-it-0001\"}").statusCode()).isEqualTo(202);
        final ConsumerRecord<byte[], byte[]> redriven = kafka.readRaw(source, 1, TIMEOUT).get(0);
        assertThat(redriven.value()).isEqualTo(value);
        assertThat(header(redriven, "orderpool.redriven-by")).isEqualTo("anna");
        assertThat(header(redriven, "__streams.errors.message")).as("the original headers go along").isEqualTo("boom: a bad rule");
        await("the console knows it was re-driven", () -> get("/api/overview").body().contains("re-driven by anna"));
        assertThat(post(deadLetter + "/redrive", "{\"actionId\":\"redrive-it-0002\"}").statusCode()).as("once only").isEqualTo(409);

        final List<OpsAuditRecord> audit = kafka.read(topic(Topics.OPS_AUDIT), 3, TIMEOUT).values();
        assertThat(audit).extracting(OpsAuditRecord::getAction).containsExactly(OpsActionType.REVIEW_DECISION, OpsActionType.STOCK_MOVEMENT,
                OpsActionType.DEAD_LETTER_REDRIVE);
        assertThat(audit).extracting(OpsAuditRecord::getActor).containsOnly("anna");

        final Map<String, Object> before = picture(get("/api/overview").body());
        console.restartWithEmptyState("restarted");
        await("the restarted console rebuilds the same picture", () -> picture(get("/api/overview").body()).equals(before));
        final HttpResponse<String> again = post("/api/reviews/it-held", "{\"verdict\":\"APPROVE\",\"actionId\":\"review-it-held-1\"}");
        assertThat(again.statusCode()).as("the audit trail remembers the action: " + again.body()).isEqualTo(200);
        assertThat(kafka.read(topic(Topics.FRAUD_REVIEW_DECISIONS), 2, Duration.ofSeconds(3)).values()).hasSize(1);
    }

    /** The overview without what moves with the clock (its time, the per-minute chart, the countdowns). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> picture(final String overview) throws Exception {
        final Map<String, Object> picture = new ObjectMapper().readValue(overview, Map.class);
        picture.remove("generatedAt");
        picture.remove("perMinute");
        picture.remove("cutOffs");
        return picture;
    }

    private static void sendDeadLetter(final String topic, final byte[] key, final byte[] value, final String source) throws Exception {
        final Map<String, Object> settings = new HashMap<>(kafka.platform().clientSettings());
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.platform().bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer())) {
            final ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key, value);
            record.headers().add(new RecordHeader("__streams.errors.exception", "java.lang.IllegalStateException".getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader("__streams.errors.message", "boom: a bad rule".getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader("__streams.errors.topic", source.getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader("__streams.errors.partition", "0".getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader("__streams.errors.offset", "0".getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(final String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(final String path, final String json) throws Exception {
        return http.send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(final String path) {
        final String port = console.context().getEnvironment().getProperty("local.server.port");
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("anna:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private static <K, V> Topic<K, V> topic(final Topic<K, V> topic) {
        return console.topic(topic);
    }

    private static void await(final String what, final Callable<Boolean> condition) {
        Awaitility.await(what).atMost(TIMEOUT).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(condition);
    }
}
