package org.orderpool.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The shop-facing host of the local stack: one address where a shop both sends its orders and reads them back, as
 * the issue asks (in production the TLS edge in front of the services routes the same way). {@code GET} and
 * {@code HEAD} under {@code /shops/} go to shop-sync's shop API (the gateway has no {@code GET} there), everything
 * else to order-intake's webhook gateway. A plain reverse proxy on this machine: neither service knows of the other,
 * bodies and headers pass unchanged (signatures are over the raw body), hop-by-hop headers are dropped, a request
 * body over {@link #MAX_BODY_BYTES} is refused with 413 before it reaches a service, an unreachable service is 502.
 */
final class ShopEdge implements AutoCloseable {

    /** Far above any order a shop sends (order-intake refuses much less); a bound on what the edge holds in memory. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect", "date");

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI gateway;
    private final URI shopApi;

    private ShopEdge(final HttpServer server, final ExecutorService executor, final URI gateway, final URI shopApi) {
        this.server = server;
        this.executor = executor;
        this.gateway = gateway;
        this.shopApi = shopApi;
    }

    /** Listens on {@code localhost:port} (0: any free port) in front of the gateway and the shop API. */
    static ShopEdge start(final int port, final URI gateway, final URI shopApi) {
        try {
            final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            final ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
                final Thread thread = new Thread(r, "local-stack-shop-edge");
                thread.setDaemon(true);
                return thread;
            });
            final ShopEdge edge = new ShopEdge(server, executor, gateway, shopApi);
            server.createContext("/", edge::handle);
            server.setExecutor(executor);
            server.start();
            return edge;
        } catch (final IOException e) {
            throw new IllegalStateException("The shop-facing host cannot listen on port " + port + ": " + e.getMessage(), e);
        }
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** Where a request goes: the shop API for reads under /shops/, the gateway for everything else. */
    static boolean forShopApi(final String method, final String path) {
        return ("GET".equals(method) || "HEAD".equals(method)) && path.startsWith("/shops/");
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            final URI asked = exchange.getRequestURI();
            final byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (body.length > MAX_BODY_BYTES) {
                reply(exchange, 413, "{\"error\":\"payload_too_large\",\"message\":\"at most " + MAX_BODY_BYTES + " bytes\"}");
                return;
            }
            final URI target = (forShopApi(method, asked.getPath()) ? shopApi : gateway).resolve(asked.getRawPath()
                    + (asked.getRawQuery() == null ? "" : "?" + asked.getRawQuery()));
            final HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                    .method(method, body.length == 0 && !"POST".equals(method) && !"PUT".equals(method)
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            final HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (final IOException e) {
                reply(exchange, 502, "{\"error\":\"bad_gateway\",\"message\":\"" + target.getPort() + " did not answer\"}");
                return;
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                reply(exchange, 503, "{\"error\":\"stopping\"}");
                return;
            }
            for (final Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
                if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT)) && !header.getKey().startsWith(":")) {
                    exchange.getResponseHeaders().put(header.getKey(), header.getValue());
                }
            }
            final byte[] answer = response.body();
            final boolean empty = answer.length == 0 || "HEAD".equals(method);
            exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : answer.length);
            if (!empty) {
                exchange.getResponseBody().write(answer);
            }
        }
    }

    private static void reply(final HttpExchange exchange, final int status, final String json) throws IOException {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
