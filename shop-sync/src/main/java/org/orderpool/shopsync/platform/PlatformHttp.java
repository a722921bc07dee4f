package org.orderpool.shopsync.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.orderpool.shopsync.domain.DeliveryOutcome;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;

/**
 * The HTTP side of the platform connectors: JSON over Spring's {@link RestClient} on the JDK client,
 * every call bounded by a timeout, redirects not followed, and every answer returned as it came (status,
 * {@code Retry-After}, body), never as an exception, so a connector decides what each answer means.
 */
public final class PlatformHttp {

    static final String USER_AGENT = "orderpool-shop-sync";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final RestClient client;

    public PlatformHttp(final Duration timeout) {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        final JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(timeout);
        this.client = RestClient.builder().requestFactory(requests).build();
    }

    /**
     * @param body JSON to send, or null for none
     * @return the answer; status 0 when none came (the error says why)
     */
    public Answer send(final HttpMethod method, final URI uri, final Map<String, String> headers, final Object body) {
        try {
            final RestClient.RequestBodySpec request = client.method(method).uri(uri)
                    .header(HttpHeaders.USER_AGENT, USER_AGENT).accept(MediaType.APPLICATION_JSON);
            headers.forEach(request::header);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsBytes(body));
            }
            return request.exchange((sent, response) -> new Answer(response.getStatusCode().value(),
                    response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER),
                    StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8), null), true);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("cannot write the request body as JSON", e);
        } catch (final RuntimeException e) {
            return new Answer(0, null, "", DeliveryOutcome.describe(e));
        }
    }

    /** One HTTP answer; {@code error} is set (and status 0) when no answer came. */
    public record Answer(int status, String retryAfter, String body, String error) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** {@code Retry-After} as a pause, null when absent or unreadable. */
        public Duration retryAfterPause() {
            return DeliveryOutcome.parseRetryAfter(retryAfter, Instant.now());
        }

        /** The body as JSON; a missing node when it is not JSON. */
        public JsonNode json() {
            try {
                return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
            } catch (final JsonProcessingException e) {
                return JSON.missingNode();
            }
        }

        /** The start of the body, for an error message. */
        public String excerpt() {
            final String text = body == null ? "" : body.strip();
            return text.length() > 300 ? text.substring(0, 300) + "..." : text;
        }
    }
}
