package org.orderpool.intake.gateway;

import org.orderpool.contracts.OrderCancellation;

/** Where the gateway puts a shop's cancellation ({@code orders.cancellations}); returns only once it is durably stored. */
@FunctionalInterface
public interface CancellationSink {

    void cancel(OrderCancellation cancellation) throws SubmissionSink.PublishFailedException;
}
