package org.orderpool.shopsync.topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.orderpool.shopsync.domain.DeliveryOutcome;
import org.orderpool.shopsync.webhook.WebhookRequest;
import org.orderpool.shopsync.webhook.WebhookSender;

/**
 * A sender for TopologyTestDriver tests: records every request, answers with the scripted outcomes
 * (then {@link #otherwise}), at once or, while {@link #hold} is set, only when the test completes them.
 */
final class FakeSender implements WebhookSender {

    final List<WebhookRequest> requests = new ArrayList<>();
    final Deque<DeliveryOutcome> outcomes = new ArrayDeque<>();
    final List<CompletableFuture<DeliveryOutcome>> held = new ArrayList<>();
    DeliveryOutcome otherwise = new DeliveryOutcome.Delivered(200);
    boolean hold;
    int slots = Integer.MAX_VALUE;

    @Override
    public Optional<CompletableFuture<DeliveryOutcome>> trySend(final WebhookRequest request) {
        if (held.stream().filter(future -> !future.isDone()).count() >= slots) {
            return Optional.empty();
        }
        requests.add(request);
        final CompletableFuture<DeliveryOutcome> future = new CompletableFuture<>();
        if (hold) {
            held.add(future);
        } else {
            future.complete(outcomes.isEmpty() ? otherwise : outcomes.poll());
        }
        return Optional.of(future);
    }

    /** Completes every held attempt with {@code outcome}. */
    void release(final DeliveryOutcome outcome) {
        held.forEach(future -> future.complete(outcome));
        held.clear();
    }

    List<String> webhookIds() {
        return requests.stream().map(WebhookRequest::webhookId).toList();
    }
}
