package org.orderpool.shopsync.topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.orderpool.shopsync.domain.PlatformOutcome;
import org.orderpool.shopsync.domain.StockResult;
import org.orderpool.shopsync.platform.OrderCall;
import org.orderpool.shopsync.platform.PlatformCalls;
import org.orderpool.shopsync.platform.StockPush;

/**
 * Platform calls for TopologyTestDriver tests: records every call, answers with the scripted outcomes
 * (then done), at once or, while {@link #hold} is set, only when the test releases them.
 */
final class FakePlatformCalls implements PlatformCalls {

    final List<OrderCall> orderCalls = new ArrayList<>();
    final List<StockPush> pushes = new ArrayList<>();
    final Deque<PlatformOutcome> outcomes = new ArrayDeque<>();
    final List<CompletableFuture<Map<String, StockResult>>> heldPushes = new ArrayList<>();
    Function<StockPush.StockItem, StockResult> stockAnswer = item -> StockResult.done("set", item.quantity());
    boolean hold;
    int slots = Integer.MAX_VALUE;

    @Override
    public Optional<CompletableFuture<PlatformOutcome>> trySubmit(final OrderCall call) {
        orderCalls.add(call);
        return Optional.of(CompletableFuture.completedFuture(outcomes.isEmpty() ? new PlatformOutcome.Done("done") : outcomes.poll()));
    }

    @Override
    public Optional<CompletableFuture<Map<String, StockResult>>> trySubmit(final StockPush push) {
        if (heldPushes.stream().filter(future -> !future.isDone()).count() >= slots) {
            return Optional.empty();
        }
        pushes.add(push);
        final CompletableFuture<Map<String, StockResult>> future = new CompletableFuture<>();
        if (hold) {
            heldPushes.add(future);
        } else {
            future.complete(answer(push));
        }
        return Optional.of(future);
    }

    /** Completes every held push with the stock answer. */
    void release() {
        for (int i = 0; i < heldPushes.size(); i++) {
            heldPushes.get(i).complete(answer(pushes.get(pushes.size() - heldPushes.size() + i)));
        }
        heldPushes.clear();
    }

    private Map<String, StockResult> answer(final StockPush push) {
        final Map<String, StockResult> results = new LinkedHashMap<>();
        push.items().forEach(item -> results.put(item.sku(), stockAnswer.apply(item)));
        return results;
    }

    /** Every pushed item of a SKU, in order. */
    List<StockPush.StockItem> pushed(final String shopId, final String sku) {
        return pushes.stream().filter(push -> push.shopId().equals(shopId)).flatMap(push -> push.items().stream())
                .filter(item -> item.sku().equals(sku)).toList();
    }
}
