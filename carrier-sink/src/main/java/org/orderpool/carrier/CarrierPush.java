package org.orderpool.carrier;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * Pushes a manifest's CSV to a carrier's endpoint: {@code POST} with {@code Content-Type: text/csv}, the
 * manifest id in {@code X-Manifest-Id} and as {@code Idempotency-Key}, so a carrier receiving the same
 * manifest twice can tell. A 2xx answer is success; anything else, or no answer, is retried with
 * exponential back-off (Spring's {@link RetryTemplate}).
 */
public final class CarrierPush {

    /** A push that failed every attempt. */
    public static final class PushFailedException extends Exception {
        PushFailedException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final RetryTemplate retry;
    private final int attempts;

    public CarrierPush(final int attempts, final Duration firstDelay) {
        this.attempts = attempts;
        this.retry = new RetryTemplate(RetryPolicy.builder().maxRetries(Math.max(0, attempts - 1)).delay(firstDelay).multiplier(2)
                .maxDelay(Duration.ofMinutes(1)).build());
    }

    public void push(final URI endpoint, final String manifestId, final String csv) throws PushFailedException {
        final HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/csv; charset=utf-8")
                .header("X-Manifest-Id", manifestId)
                .header("Idempotency-Key", manifestId)
                .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)).build();
        try {
            retry.execute(() -> {
                final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 != 2) {
                    throw new IOException(endpoint + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
                }
                return response.statusCode();
            });
        } catch (final RetryException e) {
            final Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new PushFailedException("push of " + manifestId + " to " + endpoint + " failed " + attempts + " time(s): "
                    + cause.getMessage(), cause);
        }
    }

    private static String abbreviate(final String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }
}
