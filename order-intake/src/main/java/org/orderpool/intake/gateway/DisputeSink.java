package org.orderpool.intake.gateway;

import org.orderpool.contracts.OrderDispute;

/** Where the gateway puts a payment dispute a shop reports ({@code fraud.disputes}); returns only once it is durably stored. */
@FunctionalInterface
public interface DisputeSink {

    void record(OrderDispute dispute) throws SubmissionSink.PublishFailedException;
}
