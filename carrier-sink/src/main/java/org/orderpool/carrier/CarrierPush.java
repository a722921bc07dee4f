package org.orderpool.carrier;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.orderpool.carrier.documents.AsciiId;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * Pushes a manifest's CSV to a carrier's endpoint: {@code POST} with {@code Content-Type: text/csv}, the
 * manifest id ({@link AsciiId} form: headers are ASCII) in {@code X-Manifest-Id} and as
 * {@code Idempotency-Key}, so a carrier receiving the same manifest twice can tell. A 2xx answer is
 * success. No answer, a 5xx, 408 (request timeout) or 429 (too many requests) is a passing failure,
 * asked again with exponential back-off (Spring's {@link RetryTemplate}); any other answer (3xx, 4xx) is
 * the carrier's last word on this manifest, which asking again will not change: it is not retried.
 */
public final class CarrierPush {

    /** A push that failed every attempt for a passing reason; worth trying again later. */
    public static final class PushFailedException extends Exception {
        PushFailedException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }

    /** The carrier refused the manifest (a 3xx or 4xx other than 408 and 429): trying again will not help. */
    public static final class PushRefusedException extends Exception {
        PushRefusedException(final String message) {
            super(message);
        }
    }

    /** Inside the retry only: an answer that stops it. */
    private static final class Refusal extends IOException {
        Refusal(final String message) {
            super(message);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final RetryTemplate retry;
    private final int attempts;

    public CarrierPush(final int attempts, final Duration firstDelay) {
        if (attempts < 1) {
            throw new IllegalArgumentException("orderpool.carrier-sink.push-attempts must be at least 1, was " + attempts);
        }
        this.attempts = attempts;
        this.retry = new RetryTemplate(RetryPolicy.builder().maxRetries(attempts - 1).delay(firstDelay).multiplier(2)
                .maxDelay(Duration.ofMinutes(1)).predicate(failure -> !(failure instanceof Refusal)).build());
    }

    /** Whether an HTTP status other than 2xx may change if asked again. */
    static boolean isPassing(final int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    public void push(final URI endpoint, final String manifestId, final String csv)
            throws PushFailedException, PushRefusedException {
        final HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/csv; charset=utf-8")
                .header("X-Manifest-Id", AsciiId.of(manifestId))
                .header("Idempotency-Key", AsciiId.of(manifestId))
                .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)).build();
        try {
            retry.execute(() -> {
                final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                final int status = response.statusCode();
                if (status / 100 == 2) {
                    return status;
                }
                final String answer = endpoint + " answered " + status + ": " + abbreviate(response.body());
                throw isPassing(status) ? new IOException(answer) : new Refusal(answer);
            });
        } catch (final RetryException e) {
            final Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof Refusal refusal) {
                throw new PushRefusedException("push of " + manifestId + " refused: " + refusal.getMessage());
            }
            throw new PushFailedException("push of " + manifestId + " to " + endpoint + " failed " + attempts + " time(s): "
                    + cause.getMessage(), cause);
        }
    }

    private static String abbreviate(final String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }
}
