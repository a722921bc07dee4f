package org.orderpool.intake.gateway;

import java.util.Map;

/**
 * The answer to a request refused before it reached an endpoint (an unknown path, a method the path
 * does not take, a header too large, a malformed request line, a client too slow): the same small JSON
 * as every other refusal of the gateway, with a code per HTTP status and no stack trace or server name.
 */
final class ContainerErrors {

    private record Answer(String code, String message) {
    }

    private static final Map<Integer, Answer> ANSWERS = Map.ofEntries(
            Map.entry(400, new Answer("bad_request", "the request is not well-formed HTTP")),
            Map.entry(404, new Answer("not_found", "no such endpoint; orders go to POST /shops/{shopId}/orders"
                    + " or /shops/{shopId}/webhooks/{shopify|woocommerce}")),
            Map.entry(405, new Answer("method_not_allowed", "this endpoint takes POST only")),
            Map.entry(406, new Answer("not_acceptable", "the gateway answers application/json only")),
            Map.entry(408, new Answer("request_timeout", "the request did not arrive in time")),
            Map.entry(413, new Answer("body_too_large", "the request body is too large")),
            Map.entry(414, new Answer("uri_too_long", "the request URI is too long")),
            Map.entry(415, new Answer("unsupported_media_type", "send the order as application/json")),
            Map.entry(431, new Answer("header_too_large", "the request headers are too large")),
            Map.entry(500, new Answer("internal_error", "the gateway failed; nothing was promised, retry")),
            Map.entry(503, new Answer("unavailable", "the gateway cannot take requests right now; retry")));

    private ContainerErrors() {
    }

    static GatewayResponse answer(final int status) {
        final Answer answer = ANSWERS.getOrDefault(status, new Answer("http_" + status, "the request was refused"));
        return GatewayResponse.error(status, answer.code(), answer.message());
    }

    /** The same answer as JSON text, for where no JSON library writes the response (the servlet container itself). */
    static String json(final int status) {
        final GatewayResponse response = answer(status);
        return "{\"error\":\"" + response.body().get("error") + "\",\"message\":\"" + response.body().get("message")
                + "\"}";
    }
}
