package org.orderpool.shopsync.webhook;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.orderpool.shopsync.domain.DeliveryOutcome;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Delivers webhooks with Spring's {@link RestClient} over the JDK HTTP client, on a fixed pool of
 * delivery threads (one per slot). Every call is bounded by {@code timeout} (connecting and waiting
 * for the answer), redirects are not followed (a 3xx is a failure, as Standard Webhooks asks), and the
 * answer's body is not read.
 */
public final class RestClientWebhookSender implements WebhookSender, AutoCloseable {

    static final String USER_AGENT = "orderpool-shop-sync";

    private final RestClient client;
    private final ExecutorService threads;
    private final Semaphore slots;

    public RestClientWebhookSender(final Duration timeout, final int slots) {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        final JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(timeout);
        this.client = RestClient.builder().requestFactory(requests).build();
        final AtomicInteger numbers = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(slots, work -> {
            final Thread thread = new Thread(work, "shop-sync-webhook-" + numbers.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.slots = new Semaphore(slots);
    }

    @Override
    public Optional<CompletableFuture<DeliveryOutcome>> trySend(final WebhookRequest request) {
        if (!slots.tryAcquire()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CompletableFuture.supplyAsync(() -> post(request), threads)
                    .whenComplete((outcome, error) -> slots.release()));
        } catch (final RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    private DeliveryOutcome post(final WebhookRequest request) {
        try {
            return client.post().uri(request.url())
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.USER_AGENT, USER_AGENT)
                    .header("webhook-id", request.webhookId())
                    .header("webhook-timestamp", Long.toString(request.timestampSeconds()))
                    .header("webhook-signature", request.signature())
                    .body(request.body().getBytes(StandardCharsets.UTF_8))
                    .exchange((sent, response) -> DeliveryOutcome.ofResponse(response.getStatusCode().value(),
                            response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), Instant.now()), true);
        } catch (final RuntimeException e) {
            return DeliveryOutcome.ofError(e);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
