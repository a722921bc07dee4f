package org.orderpool.intake.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.orderpool.contracts.FieldError;
import org.orderpool.contracts.SubmittedOrder;

/** Maps one platform's order-created payload to the pool's submitted order. */
interface OrderPayloadMapper {

    /** The order, or why the body cannot be one. */
    record Mapped(SubmittedOrder order, List<FieldError> errors) {
        boolean isValid() {
            return errors.isEmpty();
        }
    }

    Mapped map(String shopId, JsonNode body, String platformEventId, Instant receivedAt);

    /** The signed time the event happened, for the replay window. */
    Instant eventTime(JsonNode body);
}
