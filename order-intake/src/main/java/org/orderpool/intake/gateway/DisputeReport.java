package org.orderpool.intake.gateway;

import java.time.Instant;
import java.util.List;
import org.orderpool.contracts.DisputeKind;
import org.orderpool.contracts.FieldError;
import org.orderpool.contracts.Money;

/**
 * A payment dispute as a shop's platform, or the shop itself, reports it, read from the body: the dispute's own id (not yet
 * prefixed by the shop), the order ref it disputes, and what fraud-check learns from it. Either a report, or why the pool
 * takes none from this body ({@link Read#ignoredCode()}: a dispute naming no order, an update with nothing new); with why
 * the body cannot be a dispute ({@link Read#errors()}), the report holds placeholders where a field could not be read.
 */
record DisputeReport(String platformDisputeId, String shopOrderRef, DisputeKind kind, String reason, Money amount,
                     Instant openedAt) {

    /** What a dispute body says. */
    record Read(DisputeReport report, String ignoredCode, String ignoredMessage, List<FieldError> errors) {

        static Read of(final DisputeReport report, final List<FieldError> errors) {
            return new Read(report, null, null, List.copyOf(errors));
        }

        static Read ignored(final String code, final String message) {
            return new Read(null, code, message, List.of());
        }

        boolean isIgnored() {
            return ignoredCode != null;
        }
    }
}
