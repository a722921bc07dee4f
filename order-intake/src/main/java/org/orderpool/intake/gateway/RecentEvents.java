package org.orderpool.intake.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What this gateway instance wrote recently: platform event ids and order ids, each with the order
 * id it became, kept for a bounded time and count. It answers repeated deliveries between the write
 * and the moment the streams deduplication store has seen the order; the store answers after that.
 */
final class RecentEvents {

    private record Entry(String orderId, Instant seenAt) {
    }

    private final Duration keepFor;
    private final int maxEntries;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    RecentEvents(final Duration keepFor, final int maxEntries) {
        this.keepFor = keepFor;
        this.maxEntries = maxEntries;
    }

    synchronized Optional<String> orderIdFor(final String key, final Instant now) {
        evict(now);
        final Entry entry = key == null ? null : entries.get(key);
        return entry == null ? Optional.empty() : Optional.of(entry.orderId());
    }

    synchronized void remember(final String key, final String orderId, final Instant now) {
        if (key == null) {
            return;
        }
        entries.put(key, new Entry(orderId, now));
        evict(now);
    }

    private void evict(final Instant now) {
        final Iterator<Map.Entry<String, Entry>> oldestFirst = entries.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            final Map.Entry<String, Entry> oldest = oldestFirst.next();
            if (entries.size() > maxEntries || oldest.getValue().seenAt().isBefore(now.minus(keepFor))) {
                oldestFirst.remove();
            } else {
                return;
            }
        }
    }
}
