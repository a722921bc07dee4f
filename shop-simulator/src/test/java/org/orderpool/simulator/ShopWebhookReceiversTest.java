package org.orderpool.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShopWebhookReceiversTest {

    private static final String TEA_SECRET = SimulatedShop.demoShops().get(0).webhookSecret();
    private static final long NOW = 1_800_000_000L;

    private final ShopWebhookReceivers receivers = ShopWebhookReceivers.start(SimulatedShop.demoShops(), 0,
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    @AfterEach
    void close() {
        receivers.close();
    }

    @Test
    void shouldVerifyTheStandardWebhooksTestVector() {
        final byte[] key = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        final byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

        assertThat(ShopWebhookReceivers.verifies(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", body, 1_614_265_330L)).isTrue();
        assertThat(ShopWebhookReceivers.verifies(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
                "v1,bm9wZQ== v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", body, 1_614_265_330L))
                .as("any signature of a rotating list").isTrue();
        assertThat(ShopWebhookReceivers.verifies(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", body, 1_614_265_330L + 301)).as("too old").isFalse();
        assertThat(ShopWebhookReceivers.verifies(key, "msg_other", "1614265330",
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", body, 1_614_265_330L)).as("another id").isFalse();
    }

    @Test
    void shouldCountEachVerifiedEventOncePerShopAndType() throws Exception {
        final String accepted = event("order.accepted");

        assertThat(post("tea-house", "ord-1:ACCEPTED", accepted, sign(TEA_SECRET, "ord-1:ACCEPTED", accepted))).isEqualTo(204);
        assertThat(post("tea-house", "ord-1:ACCEPTED", accepted, sign(TEA_SECRET, "ord-1:ACCEPTED", accepted)))
                .as("a redelivery is acknowledged").isEqualTo(204);
        assertThat(post("tea-house", "ord-2:ACCEPTED", accepted, sign(TEA_SECRET, "ord-2:ACCEPTED", accepted))).isEqualTo(204);
        final String shipped = event("order.shipped");
        assertThat(post("tea-house", "ord-1:MANIFESTED", shipped, sign(TEA_SECRET, "ord-1:MANIFESTED", shipped))).isEqualTo(204);

        assertThat(receivers.counts()).isEqualTo(Map.of("tea-house", Map.of("order.accepted", 2L, "order.shipped", 1L)));
        assertThat(receivers.redeliveries()).isEqualTo(1);
        assertThat(receivers.summary()).contains("tea-house 3 (order.accepted 2, order.shipped 1)");
        final HttpResponse<String> counts = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(receivers.baseUrl() + "/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(counts.body()).contains("\"tea-house\":{\"order.accepted\":2,\"order.shipped\":1}");
    }

    @Test
    void shouldRefuseAnotherShopsSignatureAForgedOneAndAnUnknownShop() throws Exception {
        final String body = event("order.accepted");
        final String bikeSecret = SimulatedShop.demoShops().get(2).webhookSecret();

        assertThat(post("tea-house", "ord-1:ACCEPTED", body, sign(bikeSecret, "ord-1:ACCEPTED", body))).isEqualTo(401);
        assertThat(post("tea-house", "ord-1:ACCEPTED", body.replace("accepted", "cleared"), sign(TEA_SECRET, "ord-1:ACCEPTED", body)))
                .as("body changed after signing").isEqualTo(401);
        assertThat(post("tea-house", "ord-1:ACCEPTED", body, null)).isEqualTo(401);
        assertThat(post("no-such-shop", "ord-1:ACCEPTED", body, sign(TEA_SECRET, "ord-1:ACCEPTED", body))).isEqualTo(404);
        assertThat(post("tea-house", "ord-1:X", "[]", sign(TEA_SECRET, "ord-1:X", "[]"))).as("not an event").isEqualTo(400);

        assertThat(receivers.counts()).isEmpty();
        assertThat(receivers.refused()).isEqualTo(5);
    }

    private int post(final String shopId, final String id, final String body, final String signature) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(receivers.endpoint(shopId))
                .header("webhook-id", id).header("webhook-timestamp", Long.toString(NOW))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("webhook-signature", signature);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String event(final String type) {
        return "{\"type\":\"" + type + "\",\"timestamp\":\"2027-01-15T08:00:00Z\",\"data\":{\"orderId\":\"ord-1\"}}";
    }

    /** Signs as a sender does (written here again, not taken from the receivers). */
    private static String sign(final String whsecSecret, final String id, final String body) throws Exception {
        final Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(Base64.getDecoder().decode(whsecSecret.substring(6)), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(hmac.doFinal((id + "." + NOW + "." + body)
                .getBytes(StandardCharsets.UTF_8)));
    }
}
