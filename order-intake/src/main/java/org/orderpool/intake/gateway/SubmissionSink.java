package org.orderpool.intake.gateway;

import org.orderpool.contracts.SubmittedOrder;

/** Where the gateway puts a submitted order; returns only once it is durably stored. */
public interface SubmissionSink {

    void publish(SubmittedOrder order) throws PublishFailedException;

    /** The order was not durably stored; nothing may be promised to the shop. */
    final class PublishFailedException extends Exception {
        public PublishFailedException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }
}
