package org.orderpool.intake.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.OrderDispute;
import org.orderpool.intake.domain.OrderIds;
import org.orderpool.intake.domain.Shop;
import org.orderpool.intake.domain.ShopDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The gateway's HTTP server as production configures it (order-intake.yml's server settings, Tomcat),
 * without Kafka: what a slow or malformed client gets.
 */
@SpringBootTest(classes = GatewayHttpTest.GatewayOnly.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=order-intake")
class GatewayHttpTest {

    @SpringBootConfiguration
    @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
            JacksonAutoConfiguration.class})
    @Import({IntakeGatewayController.class, GatewayErrorController.class, GatewayWebConfiguration.class})
    static class GatewayOnly {

        @Bean
        IntakeGateway intakeGateway() {
            return new IntakeGateway(new ShopDirectory(List.of(new Shop("shop-a", "Shop A", "s3cret"))), order -> { },
                    CANCELLED::add, DISPUTES::add, DecidedOrders.NONE, IntakeGateway.Settings.defaults(), Clock.systemUTC());
        }
    }

    static final List<OrderCancellation> CANCELLED = new CopyOnWriteArrayList<>();
    static final List<OrderDispute> DISPUTES = new CopyOnWriteArrayList<>();

    @LocalServerPort
    private int port;

    @Value("${server.tomcat.connection-timeout}")
    private Duration idleTimeout;

    @Test
    void shouldCutOffAClientThatAnnouncesMoreBytesThanItSendsWithinTheIdleTimeout() throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) idleTimeout.plusSeconds(10).toMillis());
            final OutputStream out = socket.getOutputStream();
            out.write(("POST /shops/shop-a/orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"shopOrderRef\": \"TH-").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final long sent = System.nanoTime();

            final String response = readAll(socket.getInputStream());

            final Duration held = Duration.ofNanos(System.nanoTime() - sent);
            assertThat(held).as("answered and closed after the idle timeout, not later").isLessThan(idleTimeout.plusSeconds(2));
            assertThat(response).startsWith("HTTP/1.1 408").contains("\"error\":\"request_timeout\"");
        }
    }

    @Test
    void shouldAnswerAnUnknownPathWithJson() throws IOException {
        final String response = exchange("GET /admin HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 404").contains("Content-Type: application/json")
                .contains("\"error\":\"not_found\"");
    }

    @Test
    void shouldAnswerAMethodAnEndpointDoesNotTakeWithJson() throws IOException {
        final String response = exchange("GET /shops/shop-a/orders HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 405").contains("\"error\":\"method_not_allowed\"");
    }

    @Test
    void shouldAnswerAHugeHeaderWithJson() throws IOException {
        final String response = exchange("POST /shops/shop-a/orders HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "x".repeat(64 * 1024)
                + "\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 4").contains("application/json").contains("\"error\":\"")
                .doesNotContain("<html").doesNotContain("Tomcat");
    }

    @Test
    void shouldAnswerAMalformedRequestWithJson() throws IOException {
        final String response = exchange("POST /shops/shop-a/orders%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400").contains("\"error\":\"bad_request\"").doesNotContain("<html");
    }

    @Test
    void shouldKeepAConnectionOpenAfterRefusingARequestWhoseBodyItDidNotRead() throws IOException {
        // An unknown path and a method an endpoint does not take are answered on Spring's error path, which closes the
        // servlet's input stream: the unread body must still be drained, or the connection closes under an answer
        // without "Connection: close" and the client's next request on it gets no answer (BadInputCorpusIT, once a CI run).
        final String body = "{\"shopOrderRef\": \"" + "x".repeat(1_000) + "\"}";
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            final OutputStream out = socket.getOutputStream();
            final InputStream in = socket.getInputStream();
            final List<String> answers = new ArrayList<>();
            for (final String requestLine : List.of("GET /admin", "GET /shops/shop-a/orders", "POST /shops/no-such-shop/orders")) {
                out.write((requestLine + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                answers.add(readOneAnswer(in));
            }

            assertThat(answers).hasSize(3);
            assertThat(answers.get(0)).startsWith("HTTP/1.1 404").contains("\"error\":\"not_found\"").doesNotContainIgnoringCase("connection: close");
            assertThat(answers.get(1)).startsWith("HTTP/1.1 405").contains("\"error\":\"method_not_allowed\"");
            assertThat(answers.get(2)).startsWith("HTTP/1.1 404").contains("\"error\":\"unknown_shop\"");
        }
    }

    @Test
    void shouldLetTheTestsHttpClientsDropAnIdleConnectionBeforeTheGatewayClosesIt() {
        // The JDK's client reuses an idle connection for up to jdk.httpclient.keepalive.timeout (1,200 s by default) and does
        // not retry a POST on one the server closed as it was sent: the ITs' POSTs to the gateway must never meet Tomcat's
        // keep-alive close (its keep-alive timeout is the connection-timeout). pom.xml sets the client's timeout lower.
        final long clientKeepAliveSeconds = Long.getLong("jdk.httpclient.keepalive.timeout", 1_200);

        assertThat(Duration.ofSeconds(clientKeepAliveSeconds)).isLessThan(idleTimeout);
    }

    @BeforeEach
    void forgetCancellations() {
        CANCELLED.clear();
        DISPUTES.clear();
    }

    @Test
    void shouldRouteAPoolCancellationToTheOrderItsPathNames() throws IOException {
        final String body = "{\"shopOrderRef\": \"TH 7/b\", \"reason\": \"duplicate order\"}";
        final long timestamp = Instant.now().getEpochSecond();
        final String signature = WebhookSignatures.poolSignature("s3cret", timestamp, body.getBytes(StandardCharsets.UTF_8));

        final String response = exchange("POST /shops/shop-a/orders/TH%207%2Fb/cancellation HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nX-Pool-Timestamp: " + timestamp + "\r\nX-Pool-Signature: " + signature
                + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        final String plain = exchange("POST /shops/shop-a/orders/TH-8/cancellation HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nX-Pool-Timestamp: " + timestamp + "\r\nX-Pool-Signature: " + signature
                + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);

        assertThat(response).as("a ref holding a slash cannot be named in a path").startsWith("HTTP/1.1 400");
        assertThat(plain).startsWith("HTTP/1.1 422").contains("ref_mismatch");
        assertThat(CANCELLED).isEmpty();
    }

    @Test
    void shouldAnswer202WithTheOrderIdForAPoolCancellation() throws IOException {
        final String body = "{\"shopOrderRef\": \"TH 7\", \"reason\": \"duplicate order\"}";
        final long timestamp = Instant.now().getEpochSecond();
        final String signature = WebhookSignatures.poolSignature("s3cret", timestamp, body.getBytes(StandardCharsets.UTF_8));

        final String response = exchange("POST /shops/shop-a/orders/TH%207/cancellation HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nX-Pool-Timestamp: " + timestamp + "\r\nX-Pool-Signature: " + signature
                + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);

        assertThat(response).startsWith("HTTP/1.1 202").contains("\"orderId\":\"" + OrderIds.forShopOrder("shop-a", "TH 7") + "\"")
                .contains("CANCELLATION_REQUESTED");
        assertThat(CANCELLED).extracting(OrderCancellation::getShopOrderRef).containsExactly("TH 7");
    }

    @Test
    void shouldAnswer202WithTheOrderIdForAPoolDisputeAnd422NamingTheFieldForABadOne() throws IOException {
        final String body = "{\"shopOrderRef\": \"TH 7\", \"disputeId\": \"dp-1\", \"kind\": \"chargeback\","
                + " \"reason\": \"fraudulent\", \"amount\": {\"amountMinor\": 4580, \"currency\": \"EUR\"},"
                + " \"openedAt\": \"2026-11-19T17:20:00Z\"}";
        final String bad = body.replace("chargeback", "refund");

        final String response = exchange(signedPost("/shops/shop-a/orders/TH%207/disputes", body));
        final String refused = exchange(signedPost("/shops/shop-a/orders/TH%207/disputes", bad));

        assertThat(response).startsWith("HTTP/1.1 202").contains("\"orderId\":\"" + OrderIds.forShopOrder("shop-a", "TH 7") + "\"")
                .contains("DISPUTE_RECORDED");
        assertThat(refused).startsWith("HTTP/1.1 422").contains("unknown_kind");
        assertThat(DISPUTES).extracting(OrderDispute::getDisputeId).containsExactly("shop-a:dp-1");
    }

    private static String signedPost(final String path, final String body) {
        final long timestamp = Instant.now().getEpochSecond();
        final String signature = WebhookSignatures.poolSignature("s3cret", timestamp, body.getBytes(StandardCharsets.UTF_8));
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-Pool-Timestamp: "
                + timestamp + "\r\nX-Pool-Signature: " + signature + "\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
    }

    private String exchange(final String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return readAll(socket.getInputStream());
        }
    }

    /** One answer on a connection kept open: its headers, then its body by Content-Length or up to the last chunk. */
    private static String readOneAnswer(final InputStream in) throws IOException {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        while (!received.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
            final int next = in.read();
            if (next < 0) {
                throw new IOException("the connection closed after " + received.size() + " bytes of an answer: "
                        + received.toString(StandardCharsets.ISO_8859_1));
            }
            received.write(next);
        }
        final String head = received.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        final Matcher length = Pattern.compile("content-length: *(\\d+)").matcher(head);
        if (length.find()) {
            received.write(in.readNBytes(Integer.parseInt(length.group(1))));
        } else {
            while (!received.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
                final int next = in.read();
                if (next < 0) {
                    throw new IOException("the connection closed inside a chunked answer");
                }
                received.write(next);
            }
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** Everything the server sends until it closes the connection or goes quiet once it has answered. */
    private static String readAll(final InputStream in) throws IOException {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final byte[] buffer = new byte[8192];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                received.write(buffer, 0, read);
            }
        } catch (final SocketTimeoutException quiet) {
            if (received.size() == 0) {
                throw quiet;
            }
        } catch (final IOException reset) {
            // the server may reset a connection it cut off; what it sent before counts
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }
}
