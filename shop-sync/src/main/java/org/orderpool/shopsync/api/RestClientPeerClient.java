package org.orderpool.shopsync.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;

/** {@link PeerClient} with Spring's RestClient over the JDK HTTP client, each call bounded by a timeout. */
public final class RestClientPeerClient implements PeerClient {

    private final RestClient client;

    public RestClientPeerClient(final Duration timeout) {
        final JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        this.client = RestClient.builder().requestFactory(requests).build();
    }

    @Override
    public Answer get(final String baseUrl, final String pathAndQuery, final String authorization) {
        try {
            return client.get().uri(URI.create(baseUrl + pathAndQuery))
                    .header(HttpHeaders.AUTHORIZATION, authorization)
                    .header(ApiRouter.SCOPE_HEADER, ApiRouter.LOCAL_SCOPE)
                    .exchange((request, response) -> new Answer(response.getStatusCode().value(),
                            StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8)), true);
        } catch (final RuntimeException e) {
            return new Answer(0, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
