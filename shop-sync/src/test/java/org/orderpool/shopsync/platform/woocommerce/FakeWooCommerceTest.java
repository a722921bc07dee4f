package org.orderpool.shopsync.platform.woocommerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake WooCommerce itself: it must refuse what WooCommerce refuses, with WooCommerce's codes. */
class FakeWooCommerceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("ck_a:cs_b".getBytes(StandardCharsets.UTF_8));

    private final FakeWooCommerce woo = FakeWooCommerce.start("ck_a", "cs_b");

    @AfterEach
    void stop() {
        woo.close();
    }

    private HttpResponse<String> send(final String method, final String path, final String authorization, final Object body)
            throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(woo.siteUrl() + path)).header("Content-Type",
                "application/json").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldAnswer401WithoutTheKeyOrWithAnotherOne() throws Exception {
        woo.order(1, "processing");

        assertThat(send("GET", "/wp-json/wc/v3/orders/1", null, null).statusCode()).isEqualTo(401);
        final HttpResponse<String> wrong = send("GET", "/wp-json/wc/v3/orders/1", "Basic " + Base64.getEncoder().encodeToString(
                "ck_a:cs_x".getBytes(StandardCharsets.UTF_8)), null);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrong.body()).path("code").asText()).isEqualTo("woocommerce_rest_authentication_error");
    }

    @Test
    void shouldRefuseAStatusWooCommerceDoesNotHave() throws Exception {
        woo.order(2, "processing");

        final HttpResponse<String> shipped = send("PUT", "/wp-json/wc/v3/orders/2", AUTH, Map.of("status", "shipped"));

        assertThat(shipped.statusCode()).isEqualTo(400);
        final JsonNode error = JSON.readTree(shipped.body());
        assertThat(error.path("code").asText()).isEqualTo("rest_invalid_param");
        assertThat(error.path("data").path("params").path("status").asText()).startsWith("status is not one of");
        assertThat(woo.status(2)).isEqualTo("processing");
    }

    @Test
    void shouldRefuseATrackingWithoutNumberOrWithAProviderItDoesNotKnowOrABadDate() throws Exception {
        woo.order(3, "processing");
        final String trackings = "/wp-json/wc-shipment-tracking/v3/orders/3/shipment-trackings";

        assertThat(send("POST", trackings, AUTH, Map.of("tracking_provider", "DHL")).statusCode()).isEqualTo(400);
        assertThat(send("POST", trackings, AUTH, Map.of("tracking_provider", "Pigeon", "tracking_number", "1")).statusCode())
                .isEqualTo(400);
        assertThat(send("POST", trackings, AUTH, Map.of("custom_tracking_provider", "X", "tracking_number", "1")).statusCode())
                .as("a custom provider needs its link").isEqualTo(400);
        assertThat(send("POST", trackings, AUTH, Map.of("tracking_provider", "DHL", "tracking_number", "1", "date_shipped",
                "01/12/2026")).statusCode()).isEqualTo(400);
        assertThat(woo.trackingsOf(3)).isEmpty();
    }

    @Test
    void shouldAnswer404ForAnUnknownOrderAndRefuseABatchOfMoreThanAHundred() throws Exception {
        assertThat(JSON.readTree(send("GET", "/wp-json/wc/v3/orders/404", AUTH, null).body()).path("code").asText())
                .isEqualTo("woocommerce_rest_shop_order_invalid_id");
        final List<Map<String, Object>> many = IntStream.range(0, 101).mapToObj(i -> Map.<String, Object>of("id", i))
                .toList();
        assertThat(send("POST", "/wp-json/wc/v3/products/batch", AUTH, Map.of("update", many)).statusCode()).isEqualTo(413);
    }
}
