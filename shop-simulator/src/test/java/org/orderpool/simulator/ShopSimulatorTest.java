package org.orderpool.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.serde.AvroSerdes;

/** The simulator against a stand-in gateway that takes everything: what it sends over an order's life. */
class ShopSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ORDERS = 6;

    /** One request the stand-in gateway received. */
    private record Received(String path, String topic, JsonNode body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer gateway;

    @BeforeEach
    void startGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        gateway.createContext("/", exchange -> {
            final byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("X-Shopify-Topic"),
                    JSON.readTree(body)));
            final byte[] answer = "{\"status\": \"SUBMITTED\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        gateway.start();
    }

    @AfterEach
    void stopGateway() {
        gateway.stop(0);
    }

    @Test
    void shouldPayEveryOrderItPlacedUnpaidAfterwardsEvenWhenItClosesFirst() {
        final List<SimulatedShop> webhookShops = SimulatedShop.demoShops().stream()
                .filter(shop -> shop.platform() == SimulatedShop.Platform.SHOPIFY || shop.platform() == SimulatedShop.Platform.POOL_JSON)
                .toList();
        final SimulatorSettings allUnpaid = new SimulatorSettings(6_000, ORDERS, Duration.ZERO, 0, 0, 0, 0, Duration.ofHours(1), 3, 1.0);
        final ShopSimulator simulator = new ShopSimulator(allUnpaid, webhookShops, URI.create("http://localhost:" + gateway.getAddress().getPort()),
                "localhost:1", new BoundTopics(AvroSerdes.inMemory(), "sim-test."));
        simulator.start();
        awaitUntil(() -> simulator.finished() && simulator.enteredOrderIds().size() == ORDERS);

        simulator.close();

        final List<Received> creations = received.stream().filter(r -> "orders/create".equals(r.topic())
                || r.path().endsWith("/orders") && "PENDING".equals(r.body().path("paymentState").asText())).toList();
        final List<Received> payments = received.stream().filter(r -> "orders/paid".equals(r.topic())
                || r.path().endsWith("/orders") && "PAID".equals(r.body().path("paymentState").asText())).toList();
        assertThat(creations).hasSize(ORDERS).allSatisfy(r -> assertThat(r.body().path("financial_status").asText("pending"))
                .isEqualTo("pending"));
        assertThat(payments).as("one payment per order placed unpaid").hasSize(ORDERS)
                .extracting(r -> r.body().has("id") ? r.body().get("id").asText() : r.body().get("shopOrderRef").asText())
                .containsExactlyInAnyOrderElementsOf(creations.stream()
                        .map(r -> r.body().has("id") ? r.body().get("id").asText() : r.body().get("shopOrderRef").asText()).toList());
        assertThat(received.stream().filter(r -> "orders/updated".equals(r.topic())))
                .as("Shopify announces a payment as orders/updated too").hasSize((int) payments.stream().filter(r -> r.topic() != null).count());
        assertThat(simulator.outcomes()).containsEntry("http-202", (long) ORDERS);
    }

    private static void awaitUntil(final BooleanSupplier condition) {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 30 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
