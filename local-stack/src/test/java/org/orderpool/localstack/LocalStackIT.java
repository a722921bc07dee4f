package org.orderpool.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.dashboard.security.DemoLogins;
import org.orderpool.intake.domain.OrderIds;
import org.orderpool.intake.gateway.WebhookSignatures;
import org.orderpool.simulator.ShopWebhookReceivers;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.KafkaPlatform;
import org.orderpool.testing.KafkaTestClient;

class LocalStackIT {

    private final Path dataDir = Path.of(System.getProperty("orderpool.test.dir", "target/test-work"))
            .resolve("stack-" + System.nanoTime());

    @Test
    void shouldCreateTheContractThenResumeFromItsDataDirectory() throws Exception {
        final Map<String, Integer> firstIds;
        try (LocalStack stack = LocalStack.start(LocalStack.Settings.forTest(dataDir))) {
            assertThat(stack.deployment().createdTopics()).hasSize(Topics.all().size());
            assertThat(topicNames(stack)).containsAll(Topics.all().stream().map(Topic::name).toList());
            firstIds = stack.deployment().schemaIds();
            assertThat(firstIds).containsOnlyKeys(Topics.subjects().keySet());
            assertThatTheGatewayTakesAnOrder(stack);
            assertThatTheShopSeesItsOrderAndNoOtherShopDoes(stack);
            assertThatTheShopsReceiverVerifiedItsWebhooks(stack);
            assertThatStockIsReserved(stack);
            try (KafkaTestClient kafka = new KafkaTestClient(platform(stack))) {
                assertThat(kafka.read(Topics.SHIPPING_CARRIER_CALENDARS, 2, Duration.ofSeconds(30)).values())
                        .extracting(c -> c.getCarrierId()).containsExactlyInAnyOrder("colis-express", "relais-pro");
            }

            assertThatThrownBy(() -> LocalStack.start(LocalStack.Settings.forTest(dataDir)))
                    .isInstanceOf(StackLock.AlreadyRunningException.class)
                    .hasMessageContaining("already running");
        }

        try (LocalStack again = LocalStack.start(LocalStack.Settings.forTest(dataDir))) {
            assertThat(again.deployment().createdTopics()).as("topics survive a restart").isEmpty();
            assertThat(again.deployment().schemaIds()).as("schemas keep their ids").isEqualTo(firstIds);
        }
    }

    @Test
    void shouldExplainUnknownArguments() {
        assertThatThrownBy(() -> LocalStack.Settings.fromArgs(new String[] {"--kafka-prot=1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--kafka-port=N");
        assertThat(LocalStack.Settings.fromArgs(new String[] {"--kafka-port=19092", "--data-dir=x"}))
                .isEqualTo(new LocalStack.Settings(Path.of("x"), 19092, 8081, 8090, 8080, 30, 0, 0, 8091, null, 8092, 0));
        assertThat(LocalStack.Settings.fromArgs(new String[] {"--cut-off-every=1"}).cutOffEveryMinutes()).isEqualTo(1);
        assertThatThrownBy(() -> LocalStack.Settings.fromArgs(new String[] {"--cut-off-every=-1"}))
                .hasMessageContaining("--cut-off-every");
        assertThat(LocalStack.Settings.fromArgs(new String[] {"--simulator-rate=120", "--simulator-orders=500", "--simulator-minutes=15"}))
                .extracting(LocalStack.Settings::simulatorRate, LocalStack.Settings::simulatorOrders, LocalStack.Settings::simulatorMinutes)
                .containsExactly(120.0, 500, 15);
        assertThat(LocalStack.Settings.fromArgs(new String[] {"--simulator=off"}).simulatorRate()).isZero();
        assertThatThrownBy(() -> LocalStack.Settings.fromArgs(new String[] {"--simulator=maybe"})).hasMessageContaining("on or off");
    }

    /**
     * The README's curl example, done in Java on the shop-facing host: a signed order for a demo shop goes all the way to
     * orders.reserved.
     */
    private static void assertThatTheGatewayTakesAnOrder(final LocalStack stack) throws Exception {
        // as the README's example does: the order placed now (order-intake refuses one placed more than 6 days ago)
        final byte[] body = Files.readString(Path.of("..", "docs", "examples", "pool-order.json"))
                .replace("2026-11-20T10:15:30Z", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()).getBytes(StandardCharsets.UTF_8);
        final long now = Instant.now().getEpochSecond();
        final HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.shopFacingUrl() + "/shops/tea-house/orders"))
                .header("Content-Type", "application/json")
                .header("X-Pool-Timestamp", Long.toString(now))
                .header("X-Pool-Signature", WebhookSignatures.poolSignature("demo-secret-tea-house", now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        final String orderId = OrderIds.forShopOrder("tea-house", "TH-1001");
        try (KafkaTestClient kafka = new KafkaTestClient(platform(stack))) {
            // through intake, fraud-check, stock-reservation (demo stock) and shipping-scheduler; PipelineEndToEndIT waits for manifests
            assertThat(kafka.readUntil(Topics.ORDERS_STATUS, c -> c.valuesFor(orderId).size() >= 4, Duration.ofSeconds(90)).valuesFor(orderId))
                    .extracting(s -> s.getStatus().name()).containsExactly("ACCEPTED", "CLEARED", "RESERVED", "SCHEDULED");
        }
    }

    /** shop-sync runs in the stack: the shop follows the README's order on the shop API with its token; nobody else can. */
    private static void assertThatTheShopSeesItsOrderAndNoOtherShopDoes(final LocalStack stack) throws Exception {
        final HttpClient http = HttpClient.newHttpClient();
        final URI order = URI.create(stack.shopApiUrl() + "/shops/tea-house/orders/TH-1001");
        final HttpResponse<String> seen = Awaitility.await("the shop API shows the order scheduled").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).until(() -> http.send(HttpRequest.newBuilder(order)
                        .header("Authorization", "Bearer demo-token-tea-house").build(), HttpResponse.BodyHandlers.ofString()),
                        response -> response.statusCode() == 200 && response.body().contains("SCHEDULED"));
        assertThat(seen.body()).contains(OrderIds.forShopOrder("tea-house", "TH-1001"));
        assertThat(http.send(HttpRequest.newBuilder(URI.create(stack.shopFacingUrl() + "/shops/tea-house/orders/TH-1001"))
                .header("Authorization", "Bearer demo-token-tea-house").build(), HttpResponse.BodyHandlers.ofString()).body())
                .as("the same order read on the host it was sent to").contains("\"shopOrderRef\":\"TH-1001\"");
        assertThat(http.send(HttpRequest.newBuilder(order).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("no token").isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(order).header("Authorization", "Bearer demo-token-book-nook").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("another shop's token").isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(stack.shopApiUrl() + "/shops/book-nook/orders/TH-1001"))
                .header("Authorization", "Bearer demo-token-book-nook").build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("another shop's order under its own name").isEqualTo(404);
    }

    /** The loop closes: the tea house's own receiver verified each status webhook of the README's order, once each. */
    private static void assertThatTheShopsReceiverVerifiedItsWebhooks(final LocalStack stack) {
        final ShopWebhookReceivers receivers = stack.shopWebhookReceivers().orElseThrow();
        Awaitility.await("the tea house's receiver counts the order's webhooks").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(receivers.counts().getOrDefault("tea-house", Map.of()))
                        .containsEntry("order.accepted", 1L).containsEntry("order.cleared", 1L)
                        .containsEntry("order.scheduled", 1L));
        assertThat(receivers.refused()).as("every delivery verified").isZero();
        assertThat(receivers.counts()).as("nothing for shops that placed no order").doesNotContainKey("bike-corner");
        final HttpClient http = HttpClient.newHttpClient();
        final URI panel = URI.create(stack.dashboardUrl() + "/api/shop-deliveries");
        final HttpResponse<String> deliveries = Awaitility.await("the dashboard shows the tea house's last delivery")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> http.send(HttpRequest.newBuilder(panel).header("Authorization", ConsoleLogin.basic(DemoLogins.VIEWER)).build(),
                                HttpResponse.BodyHandlers.ofString()),
                        response -> response.statusCode() == 200 && response.body().contains("\"lastAttemptOutcome\":\"HTTP 204\""));
        assertThat(deliveries.body()).contains("\"shopId\":\"tea-house\"", "\"endpointState\":\"ENABLED\"");
    }

    /** stock-reservation runs in the stack: a restock and a cleared order give a reserved order. */
    private static void assertThatStockIsReserved(final LocalStack stack) {
        try (KafkaTestClient kafka = new KafkaTestClient(platform(stack))) {
            kafka.send(Topics.STOCK_MOVEMENTS, "SKU-TEA-02", Fixtures.receipt("SKU-TEA-02", 10));
            final Order order = Fixtures.order("stack-1").line("SKU-TEA-02", 2).build();
            kafka.send(Topics.ORDERS_CLEARED, order.getOrderId(), Fixtures.cleared(order));
            assertThat(kafka.readUntil(Topics.ORDERS_RESERVED, c -> !c.valuesFor("stack-1").isEmpty(), Duration.ofSeconds(60))
                    .valuesFor("stack-1")).hasSize(1);
        }
    }

    private static KafkaPlatform platform(final LocalStack stack) {
        return KafkaPlatform.existing(stack.bootstrapServers(), stack.schemaRegistryUrl(), "local stack");
    }

    private static Set<String> topicNames(final LocalStack stack) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }
}
