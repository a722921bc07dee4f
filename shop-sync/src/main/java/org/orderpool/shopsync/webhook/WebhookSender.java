package org.orderpool.shopsync.webhook;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.orderpool.shopsync.domain.DeliveryOutcome;

/**
 * Sends webhooks off the stream thread. {@link #trySend} never blocks: it starts the HTTP call on the
 * sender's own threads and returns at once, or returns empty when every delivery slot is busy (the
 * caller tries again on its next round). The future completes with the outcome, never exceptionally.
 */
public interface WebhookSender {

    Optional<CompletableFuture<DeliveryOutcome>> trySend(WebhookRequest request);
}
