package org.orderpool.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.FieldError;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.OrderRejection;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.ShopOrderKey;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.contracts.client.KafkaClientSettings;
import org.orderpool.contracts.deploy.AccessControl;
import org.orderpool.contracts.deploy.ContractDeployer;
import org.orderpool.contracts.deploy.ScramUsers;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.ContractProducer;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.dashboard.OpsDashboardApplication;
import org.orderpool.fraud.FraudCheckApplication;
import org.orderpool.infra.EmbeddedKafkaBroker;
import org.orderpool.intake.OrderIntakeApplication;
import org.orderpool.intake.domain.OrderIds;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.serde.CachingSchemaRegistryClient;
import org.orderpool.serde.ConfluentRegistryHttpClient;
import org.orderpool.shipping.CarrierCalendarPublisher;
import org.orderpool.shipping.ShippingSchedulerApplication;
import org.orderpool.stock.StockReservationApplication;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.KafkaPlatform;
import org.orderpool.testing.KafkaTestClient;
import org.orderpool.testing.RealKafka;
import org.orderpool.testing.ServiceUnderTest;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The secure profile on a real broker: SASL/SCRAM for every client, the StandardAuthorizer, and the
 * ACLs of {@link AccessControl} applied by the contract deployer. Four services run as their own
 * principals and carry a Kafka-native shop's order to SCHEDULED, and the ops dashboard shows it, reading
 * as its own (so their ACLs are enough), and a shop cancels its own order on its own cancellation topic,
 * while a shop cannot write another shop's intake or cancellation topic or the shared ones, cannot pass as
 * another shop, and a service cannot write another service's output (so the ACLs are not too much).
 */
@RealKafka
class SecureDeploymentIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String PREFIX = KafkaTestClient.uniquePrefix("secure");
    private static final List<String> SHOPS = List.of("book-nook", "tea-house");
    private static final List<String> USERS = List.of("order-intake", "fraud-check", "stock-reservation", "shipping-scheduler",
            "ops-dashboard", "ops", "warehouse", AccessControl.shopPrincipal("book-nook"), AccessControl.shopPrincipal("tea-house"));

    private static final String CONSOLE_VIEWER = "secure-viewer";
    private static final String CONSOLE_PASSWORD = UUID.randomUUID().toString();
    private static Path secrets;
    private static EmbeddedKafkaBroker broker;
    private static KafkaPlatform secured;
    private static KafkaTestClient admin;
    private static BoundTopics bound;
    private static final List<ServiceUnderTest> SERVICES = new ArrayList<>();

    @BeforeAll
    static void startSecuredPipeline(final KafkaPlatform shared) throws IOException {
        final Path work = Path.of(System.getProperty("orderpool.test.dir", "target/test-work")).resolve("secure-" + System.nanoTime());
        secrets = Files.createDirectories(work.resolve("secrets"));
        broker = EmbeddedKafkaBroker.createSecured(0, work.resolve("kafka"), UUID.randomUUID().toString()).start();
        secured = new KafkaPlatform() {
            @Override
            public String bootstrapServers() {
                return broker.bootstrapServers();
            }

            @Override
            public Map<String, Object> clientSettings() {
                return broker.adminClientSettings();
            }

            @Override
            public String schemaRegistryUrl() {
                return shared.schemaRegistryUrl(); // the registry does not talk to this broker
            }

            @Override
            public String description() {
                return "secured embedded KRaft broker on " + bootstrapServers();
            }

            @Override
            public void close() {
                broker.close();
            }
        };
        for (final String user : USERS) {
            Files.writeString(secrets.resolve(user + ".password"), UUID.randomUUID() + "\n");
        }
        // what the secure compose profile's kafka-users and contract-deployer jobs do, as the super user
        final ContractDeployer deployer = new ContractDeployer(broker.adminClientSettings(), new CachingSchemaRegistryClient(
                new ConfluentRegistryHttpClient(shared.schemaRegistryUrl(), null, Duration.ofSeconds(10))), (short) 1);
        ScramUsers.upsert(broker.adminClientSettings(), ScramUsers.fromDirectory(secrets));
        deployer.deploy(ContractDeployer.topicsFor(SHOPS).stream().<Topic<?, ?>>map(topic -> topic.withNamePrefix(PREFIX)).toList());
        deployer.applyAcls(new AccessControl(PREFIX, SHOPS).bindings());

        admin = new KafkaTestClient(secured);
        bound = new BoundTopics(AvroSerdes.forRegistryUrl(shared.schemaRegistryUrl(), false), PREFIX);
        try (ContractProducer warehouse = new ContractProducer(login("warehouse"), bound)) {
            warehouse.send(Topics.STOCK_MOVEMENTS, "SKU-TEA-01", Fixtures.receipt("SKU-TEA-01", 20));
        }
        CarrierCalendarPublisher.publish(login("ops"), bound, CarrierCalendarPublisher.defaultCalendars(Instant.now()));

        SERVICES.add(service(OrderIntakeApplication::builder, "order-intake", "--server.port=0"));
        SERVICES.add(service(FraudCheckApplication::builder, "fraud-check"));
        SERVICES.add(service(StockReservationApplication::builder, "stock-reservation"));
        SERVICES.add(service(ShippingSchedulerApplication::builder, "shipping-scheduler"));
        // The console's users file, as the secure compose profile mounts it (name:ROLE:bcrypt-hash).
        final Path consoleUsers = Files.writeString(secrets.resolve("console-users"), CONSOLE_VIEWER + ":VIEWER:"
                + new BCryptPasswordEncoder(4).encode(CONSOLE_PASSWORD) + "\n");
        SERVICES.add(service(OpsDashboardApplication::builder, "ops-dashboard", "--server.port=0",
                "--orderpool.console.users-file=" + consoleUsers.toAbsolutePath()));
    }

    @AfterAll
    static void stop() {
        SERVICES.forEach(ServiceUnderTest::close);
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldCarryAKafkaNativeShopsOrderThroughEveryServiceUnderItsOwnPrincipal() {
        final SubmittedOrder order = placedNow(Fixtures.order("secure-1").shop("book-nook").shopOrderRef("BN-1001").line("SKU-TEA-01", 1).submitted());

        try (ContractProducer shop = new ContractProducer(login(AccessControl.shopPrincipal("book-nook")), bound)) {
            shop.send(Topics.shopIntake("book-nook"), new ShopOrderKey("book-nook", "BN-1001"), order);
        }

        final String orderId = OrderIds.forShopOrder("book-nook", "BN-1001");
        assertThat(admin.readUntil(topic(Topics.ORDERS_STATUS), contents -> statuses(contents.valuesFor(orderId)).contains(OrderStatus.SCHEDULED),
                TIMEOUT).valuesFor(orderId)).extracting(OrderStatusChange::getStatus)
                .containsSubsequence(OrderStatus.ACCEPTED, OrderStatus.CLEARED, OrderStatus.RESERVED, OrderStatus.SCHEDULED);
    }

    @Test
    void shouldShowTheOrderOnTheDashboardReadingAsItsOwnPrincipal() throws Exception {
        final SubmittedOrder order = placedNow(Fixtures.order("secure-5").shop("book-nook").shopOrderRef("BN-2002").line("SKU-TEA-01", 1)
                .distinctBuyer("secure-5").submitted());
        try (ContractProducer shop = new ContractProducer(login(AccessControl.shopPrincipal("book-nook")), bound)) {
            shop.send(Topics.shopIntake("book-nook"), new ShopOrderKey("book-nook", "BN-2002"), order);
        }

        final String orderId = OrderIds.forShopOrder("book-nook", "BN-2002");
        final URI history = URI.create("http://localhost:" + SERVICES.get(SERVICES.size() - 1).context().getEnvironment()
                .getProperty("local.server.port") + "/api/orders/" + orderId);
        final HttpClient http = HttpClient.newHttpClient();
        final HttpResponse<String> shown = Awaitility.await("the dashboard shows the order reserved").atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(500)).until(() -> http.send(HttpRequest.newBuilder(history).header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString((CONSOLE_VIEWER + ":" + CONSOLE_PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofString()), response -> response.body().contains("RESERVED"));
        assertThat(shown.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRejectAnOrderAShopSendsInAnotherShopsName() {
        final SubmittedOrder forged = placedNow(Fixtures.order("secure-2").shop("tea-house").shopOrderRef("TH-7").line("SKU-TEA-01", 1).submitted());

        try (ContractProducer shop = new ContractProducer(login(AccessControl.shopPrincipal("book-nook")), bound)) {
            shop.send(Topics.shopIntake("book-nook"), new ShopOrderKey("tea-house", "TH-7"), forged);
        }

        final String sendersOrderId = OrderIds.forShopOrder("book-nook", "TH-7");
        assertThat(admin.readUntil(topic(Topics.ORDERS_REJECTED), contents -> !contents.valuesFor(sendersOrderId).isEmpty(), TIMEOUT)
                .valuesFor(sendersOrderId)).singleElement().extracting(OrderRejection::getErrors).asList()
                .extracting(error -> ((FieldError) error).getCode()).contains("shop_mismatch");
    }

    @Test
    void shouldLetAShopWriteOnlyItsOwnIntakeTopic() {
        final SubmittedOrder order = placedNow(Fixtures.order("secure-3").shop("book-nook").line("SKU-TEA-01", 1).submitted());
        final ShopOrderKey key = new ShopOrderKey("book-nook", order.getShopOrderRef());
        try (ContractProducer shop = new ContractProducer(login(AccessControl.shopPrincipal("book-nook")), bound)) {
            assertThatThrownBy(() -> shop.send(Topics.shopIntake("tea-house"), key, order))
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);
            assertThatThrownBy(() -> shop.send(Topics.SHOP_ORDERS_SUBMITTED, key, order))
                    .as("the shared intake topic is the gateway's").hasRootCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void shouldLetAShopCancelItsOwnOrderOnItsOwnCancellationTopicAndNoOtherShops() {
        final SubmittedOrder order = placedNow(Fixtures.order("secure-6").shop("book-nook").shopOrderRef("BN-3003").line("SKU-TEA-01", 1)
                .distinctBuyer("secure-6").submitted());
        final String orderId = OrderIds.forShopOrder("book-nook", "BN-3003");
        final ShopOrderKey key = new ShopOrderKey("book-nook", "BN-3003");
        final OrderCancellation cancellation = OrderCancellation.newBuilder().setCancellationId("bn-3003-cancel").setOrderId(orderId)
                .setShopId("book-nook").setShopOrderRef("BN-3003").setReason("customer changed their mind")
                .setRequestedAt(Instant.now()).build();
        try (ContractProducer shop = new ContractProducer(login(AccessControl.shopPrincipal("book-nook")), bound)) {
            shop.send(Topics.shopIntake("book-nook"), key, order);
            admin.readUntil(topic(Topics.ORDERS_STATUS), contents -> statuses(contents.valuesFor(orderId)).contains(OrderStatus.RESERVED),
                    TIMEOUT);

            assertThatThrownBy(() -> shop.send(Topics.shopCancellations("tea-house"), new ShopOrderKey("tea-house", "TH-1"),
                    OrderCancellation.newBuilder(cancellation).setShopId("tea-house").setShopOrderRef("TH-1").setOrderId("").build()))
                    .as("another shop's cancellation topic").hasRootCauseInstanceOf(TopicAuthorizationException.class);
            assertThatThrownBy(() -> shop.send(Topics.ORDERS_CANCELLATIONS, orderId, cancellation))
                    .as("the pool's own cancellations are its services' and ops'").hasRootCauseInstanceOf(TopicAuthorizationException.class);
            shop.send(Topics.shopCancellations("book-nook"), key, cancellation);
        }

        assertThat(admin.readUntil(topic(Topics.ORDERS_STATUS), contents -> statuses(contents.valuesFor(orderId)).contains(OrderStatus.CANCELLED),
                TIMEOUT).valuesFor(orderId)).extracting(OrderStatusChange::getStatus)
                .containsSubsequence(OrderStatus.ACCEPTED, OrderStatus.RESERVED, OrderStatus.CANCELLED);
    }

    @Test
    void shouldLetAServiceWriteOnlyItsOwnOutputs() {
        final Order order = Fixtures.order("secure-4").line("SKU-TEA-01", 1).build();
        try (ContractProducer fraudCheck = new ContractProducer(login("fraud-check"), bound)) {
            assertThatThrownBy(() -> fraudCheck.send(Topics.ORDERS_RESERVED, order.getOrderId(), Fixtures.reserved(order)))
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void shouldRefuseAWrongPassword() {
        final Map<String, Object> wrong = new LinkedHashMap<>(KafkaClientSettings.plaintext(broker.bootstrapServers()));
        wrong.putAll(KafkaClientSettings.scramLogin("warehouse", "not-the-password"));
        try (ContractProducer impostor = new ContractProducer(wrong, bound)) {
            assertThatThrownBy(() -> impostor.send(Topics.STOCK_MOVEMENTS, "SKU-TEA-01", Fixtures.receipt("SKU-TEA-01", 1000)))
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static ServiceUnderTest service(final Supplier<SpringApplicationBuilder> app,
                                            final String name, final String... more) {
        final List<String> args = new ArrayList<>(List.of("--orderpool.kafka.sasl.username=" + name,
                "--orderpool.kafka.sasl.password-file=" + secrets.resolve(name + ".password").toAbsolutePath(),
                "--orderpool.schema-registry.auto-register=false"));
        args.addAll(List.of(more));
        if (!name.equals("ops-dashboard") || !LocalStack.dashboardSecuresItself()) {
            args.add(LocalStack.WITHOUT_WEB_SECURITY); // as in the local stack: shop-sync puts Spring Security on this classpath
        }
        return ServiceUnderTest.startOnDeployedTopics(app, secured, PREFIX, name, args.toArray(String[]::new));
    }

    private static Map<String, Object> login(final String user) {
        return KafkaClientSettings.scram(broker.bootstrapServers(), user, secrets.resolve(user + ".password"));
    }

    private static <K, V> Topic<K, V> topic(final Topic<K, V> topic) {
        return topic.withNamePrefix(PREFIX);
    }

    private static List<OrderStatus> statuses(final List<OrderStatusChange> changes) {
        return changes.stream().map(OrderStatusChange::getStatus).toList();
    }

    /** A fixture order placed now: order-intake refuses one placed longer ago than its maximum order age. */
    private static SubmittedOrder placedNow(final SubmittedOrder order) {
        order.setPlacedAt(Instant.now());
        order.setReceivedAt(Instant.now());
        return order;
    }
}
