package org.orderpool.shopsync.platform;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.orderpool.shopsync.domain.PlatformOutcome;
import org.orderpool.shopsync.domain.StockResult;

/**
 * Calls shops' platforms off the stream thread. {@code trySubmit} never blocks: it starts the call on its
 * own threads and returns at once, or returns empty when every call slot is busy (the caller tries again
 * on its next round). The future completes with the outcome, never exceptionally.
 */
public interface PlatformCalls {

    Optional<CompletableFuture<PlatformOutcome>> trySubmit(OrderCall call);

    /** The future's map has one result per SKU of the push. */
    Optional<CompletableFuture<Map<String, StockResult>>> trySubmit(StockPush push);

    /** For a deployment where no shop is on a platform. */
    static PlatformCalls none() {
        return new PlatformCalls() {
            @Override
            public Optional<CompletableFuture<PlatformOutcome>> trySubmit(final OrderCall call) {
                return Optional.of(CompletableFuture.completedFuture(new PlatformOutcome.Refused("shop " + call.shopId()
                        + " has no platform connection")));
            }

            @Override
            public Optional<CompletableFuture<Map<String, StockResult>>> trySubmit(final StockPush push) {
                return Optional.of(CompletableFuture.completedFuture(PlatformConnector.allItems(push, StockResult.unknown(
                        new PlatformOutcome.Refused("shop " + push.shopId() + " has no platform connection")))));
            }
        };
    }
}
