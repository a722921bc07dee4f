package org.orderpool.intake.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.orderpool.contracts.FieldError;
import org.orderpool.contracts.SubmittedOrder;

/** Maps one platform's order payload to the pool's submitted order, and says what a delivery is about. */
interface OrderPayloadMapper {

    /** The order, or why the body cannot be one. */
    record Mapped(SubmittedOrder order, List<FieldError> errors) {
        boolean isValid() {
            return errors.isEmpty();
        }
    }

    /** Which order a cancellation delivery cancels (its ref) and why, as the platform says; or why it names none. */
    record CancellationRequest(String shopOrderRef, String reason, List<FieldError> errors) {
    }

    Mapped map(String shopId, JsonNode body, String platformEventId, Instant receivedAt);

    /** The cancellation a delivery of {@link Delivery#CANCELLATION} carries. */
    CancellationRequest cancellation(String topic, JsonNode body);

    /** The payment dispute a delivery of {@link Delivery#DISPUTE} reports; only a platform that sends disputes has one. */
    default DisputeReport.Read dispute(final String topic, final JsonNode body) {
        throw new UnsupportedOperationException("this platform sends no dispute webhooks");
    }

    /**
     * What a delivery of this platform is about.
     *
     * @param topic the platform's topic header, or null when the sender set none (taken as a new order, as the
     *              gateway did before it routed on topics)
     */
    Delivery delivery(String topic, JsonNode body);

    /**
     * When the order last changed, as the signed body says ({@code updated_at}, {@code date_modified_gmt}), or
     * null when it does not: a delivery of a change made longer ago than the replay window is refused. Never the
     * order's creation time, so an update or cancellation of an old order is taken.
     */
    Instant changedAt(JsonNode body);
}
