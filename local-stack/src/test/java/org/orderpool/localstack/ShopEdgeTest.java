package org.orderpool.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shop-facing host: reads under /shops/ to the shop API, the rest to the gateway, bytes and headers unchanged. */
class ShopEdgeTest {

    private final List<String> seen = new ArrayList<>();
    private final HttpServer gateway = server("gateway", 202);
    private final HttpServer shopApi = server("shop-api", 200);
    private final ShopEdge edge = ShopEdge.start(0, address(gateway), address(shopApi));
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        edge.close();
        gateway.stop(0);
        shopApi.stop(0);
    }

    @Test
    void shouldSendAShopsOrderToTheGatewayAndItsReadsToTheShopApi() throws Exception {
        final HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(edge.url() + "/shops/tea-house/orders"))
                .header("X-Pool-Signature", "sig-1").POST(HttpRequest.BodyPublishers.ofString("{\"é\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        final HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(edge.url()
                        + "/shops/tea-house/orders?updatedSince=2026-12-01T00:00:00Z&status=SHIPPED"))
                .header("Authorization", "Bearer demo-token-tea-house").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(posted.statusCode()).isEqualTo(202);
        assertThat(posted.headers().firstValue("X-Served-By")).contains("gateway");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("X-Served-By")).contains("shop-api");
        assertThat(seen).containsExactly(
                "gateway POST /shops/tea-house/orders sig-1 {\"é\":1}",
                "shop-api GET /shops/tea-house/orders?updatedSince=2026-12-01T00:00:00Z&status=SHIPPED Bearer demo-token-tea-house ");
    }

    @Test
    void shouldRefuseAnOversizedBodyAndSayWhenAServiceDoesNotAnswer() throws Exception {
        final HttpResponse<String> huge = http.send(HttpRequest.newBuilder(URI.create(edge.url() + "/shops/tea-house/orders"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[ShopEdge.MAX_BODY_BYTES + 1])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(seen).as("nothing reached a service").isEmpty();

        shopApi.stop(0);
        final HttpResponse<String> down = http.send(HttpRequest.newBuilder(URI.create(edge.url() + "/shops/tea-house/stock")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(down.statusCode()).isEqualTo(502);
    }

    @Test
    void shouldRouteOnlyReadsUnderShopsToTheShopApi() {
        assertThat(ShopEdge.forShopApi("GET", "/shops/tea-house/stock")).isTrue();
        assertThat(ShopEdge.forShopApi("HEAD", "/shops/tea-house/orders/TH-1")).isTrue();
        assertThat(ShopEdge.forShopApi("POST", "/shops/tea-house/orders")).isFalse();
        assertThat(ShopEdge.forShopApi("GET", "/actuator/health")).as("the gateway's own").isFalse();
    }

    private HttpServer server(final String name, final int status) {
        try {
            final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                final String header = exchange.getRequestHeaders()
                        .getFirst(name.equals("gateway") ? "X-Pool-Signature" : "Authorization");
                synchronized (seen) {
                    seen.add(name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + header + " " + body);
                }
                exchange.getResponseHeaders().add("X-Served-By", name);
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URI address(final HttpServer server) {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }
}
