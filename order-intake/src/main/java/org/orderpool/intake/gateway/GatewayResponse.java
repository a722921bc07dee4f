package org.orderpool.intake.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orderpool.contracts.FieldError;

/** What the gateway answers: an HTTP status and a small JSON body. */
public record GatewayResponse(int status, Map<String, Object> body) {

    static GatewayResponse submitted(final int status, final String orderId, final String state) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", orderId);
        body.put("status", state);
        return new GatewayResponse(status, body);
    }

    /** A delivery the pool takes no action on, answered 200 so the platform neither retries nor gives up on the webhook. */
    static GatewayResponse ignored(final String reason) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "IGNORED");
        body.put("reason", reason);
        return new GatewayResponse(200, body);
    }

    /** A delivery about an order that the pool takes no action on, with a machine-readable reason and why. */
    static GatewayResponse ignored(final String orderId, final String reasonCode, final String message) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", orderId);
        body.put("status", "IGNORED");
        body.put("reason", reasonCode);
        body.put("message", message);
        return new GatewayResponse(200, body);
    }

    /** A dispute report written to {@code fraud.disputes} (or one this instance wrote already, answered the same). */
    static GatewayResponse disputeRecorded(final String orderId, final String disputeId) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", orderId);
        body.put("disputeId", disputeId);
        body.put("status", "DISPUTE_RECORDED");
        return new GatewayResponse(202, body);
    }

    /** A signed delivery the pool takes nothing from, about no order the pool can name: a reason code and why. */
    static GatewayResponse ignoredWithoutOrder(final String reasonCode, final String message) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "IGNORED");
        body.put("reason", reasonCode);
        body.put("message", message);
        return new GatewayResponse(200, body);
    }

    static GatewayResponse error(final int status, final String code, final String message) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return new GatewayResponse(status, body);
    }

    static GatewayResponse invalid(final String code, final String message, final List<FieldError> errors) {
        final GatewayResponse response = error(422, code, message);
        response.body().put("errors", errors.stream().map(e -> Map.of("field", e.getField(), "code", e.getCode(),
                "message", e.getMessage())).toList());
        return response;
    }

    /**
     * 200 for a signed platform delivery that cannot be an order: the platform must not retry it; the reasons go to the
     * order's rejection or status, and are shown here too for whoever reads the answer.
     */
    static GatewayResponse notAnOrder(final String orderId, final GatewayResponse invalid) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", orderId);
        body.put("status", "NOT_AN_ORDER");
        body.put("reason", invalid.body().get("error"));
        body.put("message", invalid.body().get("message") + "; the reasons are on orders.rejected / orders.status");
        body.put("errors", invalid.body().get("errors"));
        return new GatewayResponse(200, body);
    }

    /** 200 for a signed platform delivery that names no order: logged, not stored; the platform would only resend it. */
    static GatewayResponse unreadable(final GatewayResponse invalid) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "UNREADABLE");
        body.put("reason", invalid.body().get("error"));
        body.put("message", invalid.body().get("message") + "; it names no order, so nothing was stored");
        body.put("errors", invalid.body().getOrDefault("errors", List.of()));
        return new GatewayResponse(200, body);
    }
}
