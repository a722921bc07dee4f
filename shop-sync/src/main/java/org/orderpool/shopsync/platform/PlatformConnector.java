package org.orderpool.shopsync.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import org.orderpool.shopsync.domain.PlatformOutcome;
import org.orderpool.shopsync.domain.StockResult;

/**
 * One shop's platform. Calls block (they run on {@link ConnectorCalls}' threads) and never throw: every
 * failure is an outcome. Each call first looks at what the platform already has, so a call repeated after
 * a crash (at least once) has no second effect.
 */
public interface PlatformConnector {

    PlatformOutcome order(OrderCall call);

    Map<String, StockResult> stock(StockPush push);

    /** The same result for every SKU of a push. */
    static Map<String, StockResult> allItems(final StockPush push, final StockResult result) {
        final Map<String, StockResult> results = new LinkedHashMap<>();
        push.items().forEach(item -> results.put(item.sku(), result));
        return results;
    }
}
