package org.orderpool.shopsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orderpool.shopsync.domain.DeliveryOutcome;
import org.orderpool.shopsync.domain.WebhookSecret;

/** The sender against a Standard Webhooks receiver on loopback that verifies what it gets with its own code. */
class RestClientWebhookSenderTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String BODY = "{\"type\":\"order.accepted\",\"timestamp\":\"2026-12-01T10:00:00Z\",\"data\":{\"orderId\":\"o-1\"}}";

    private final StandardWebhooksReceiver receiver = StandardWebhooksReceiver.start();
    private final RestClientWebhookSender sender = new RestClientWebhookSender(Duration.ofSeconds(1), 2);

    @AfterEach
    void stop() {
        receiver.close();
        sender.close();
    }

    private WebhookRequest request(final URI url, final String secret) {
        final long now = Instant.now().getEpochSecond();
        return new WebhookRequest(url, "o-1:ACCEPTED", now, WebhookSecret.parse(secret, "secret").sign("o-1:ACCEPTED", now, BODY), BODY);
    }

    private static DeliveryOutcome outcome(final Optional<CompletableFuture<DeliveryOutcome>> sending) throws Exception {
        return sending.orElseThrow().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldSendTheStandardWebhooksHeadersAndTheExactBodyThatWasSigned() throws Exception {
        final URI url = receiver.endpoint("/hooks/tea-house", SECRET);

        assertThat(outcome(sender.trySend(request(url, SECRET)))).isEqualTo(new DeliveryOutcome.Delivered(200));

        assertThat(receiver.deliveries()).singleElement().satisfies(delivery -> {
            assertThat(delivery.verified()).isTrue();
            assertThat(delivery.webhookId()).isEqualTo("o-1:ACCEPTED");
            assertThat(delivery.body()).isEqualTo(BODY);
            assertThat(delivery.signature()).startsWith("v1,");
        });
    }

    @Test
    void shouldBeRefusedByAReceiverWhoseSecretIsAnother() throws Exception {
        final URI url = receiver.endpoint("/hooks/tea-house", "whsec_" + Base64.getEncoder().encodeToString(new byte[24]));

        assertThat(outcome(sender.trySend(request(url, SECRET)))).isEqualTo(new DeliveryOutcome.Failed("HTTP 401", null));
        assertThat(receiver.deliveries()).singleElement().satisfies(delivery -> assertThat(delivery.verified()).isFalse());
    }

    @Test
    void shouldReportEachKindOfAnswerAsItsOutcome() throws Exception {
        final URI url = receiver.endpoint("/hooks/tea-house", SECRET);

        receiver.answer("/hooks/tea-house", StandardWebhooksReceiver.Reply.status(500));
        assertThat(outcome(sender.trySend(request(url, SECRET)))).isEqualTo(new DeliveryOutcome.Failed("HTTP 500", null));
        receiver.answer("/hooks/tea-house", StandardWebhooksReceiver.Reply.tooManyRequests("120"));
        assertThat(outcome(sender.trySend(request(url, SECRET)))).isEqualTo(new DeliveryOutcome.Failed("HTTP 429", Duration.ofSeconds(120)));
        receiver.answer("/hooks/tea-house", StandardWebhooksReceiver.Reply.status(410));
        assertThat(outcome(sender.trySend(request(url, SECRET)))).isEqualTo(new DeliveryOutcome.Gone());
        receiver.answer("/hooks/tea-house", StandardWebhooksReceiver.Reply.status(302));
        assertThat(outcome(sender.trySend(request(url, SECRET)))).as("a redirect is not followed")
                .isEqualTo(new DeliveryOutcome.Failed("HTTP 302", null));
    }

    @Test
    void shouldGiveUpAnAttemptTheEndpointDoesNotAnswerWithinTheTimeout() throws Exception {
        final URI url = receiver.endpoint("/hooks/tea-house", SECRET);
        receiver.answer("/hooks/tea-house", StandardWebhooksReceiver.Reply.silence());

        final DeliveryOutcome outcome = outcome(sender.trySend(request(url, SECRET)));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Failed.class,
                failed -> assertThat(failed.error()).contains("Timeout"));
    }

    @Test
    void shouldReportAnEndpointThatRefusesConnections() throws Exception {
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        final URI url = URI.create("http://127.0.0.1:" + closedPort + "/hooks");

        assertThat(outcome(sender.trySend(request(url, SECRET)))).isInstanceOfSatisfying(DeliveryOutcome.Failed.class,
                failed -> assertThat(failed.error()).contains("ConnectException"));
    }

    @Test
    void shouldNotStartMoreAttemptsThanItHasSlotsAndNeverBlockTheCaller() throws Exception {
        final URI url = receiver.endpoint("/hooks/tea-house", SECRET);
        receiver.answer("/hooks/tea-house", StandardWebhooksReceiver.Reply.silence());

        final Optional<CompletableFuture<DeliveryOutcome>> first = sender.trySend(request(url, SECRET));
        final Optional<CompletableFuture<DeliveryOutcome>> second = sender.trySend(request(url, SECRET));
        final Optional<CompletableFuture<DeliveryOutcome>> third = sender.trySend(request(url, SECRET));

        assertThat(first).isPresent();
        assertThat(second).isPresent();
        assertThat(third).as("both slots busy").isEmpty();
        outcome(first);
        outcome(second);
        assertThat(sender.trySend(request(url, SECRET))).as("a slot is free again once an attempt ended").isPresent();
    }
}
