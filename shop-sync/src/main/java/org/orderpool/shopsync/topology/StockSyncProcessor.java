package org.orderpool.shopsync.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.DoubleSupplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.orderpool.contracts.StockLevel;
import org.orderpool.shopsync.domain.PlatformOutcome;
import org.orderpool.shopsync.domain.ShopJson;
import org.orderpool.shopsync.domain.ShopPlatform;
import org.orderpool.shopsync.domain.StockOutbox;
import org.orderpool.shopsync.domain.StockResult;
import org.orderpool.shopsync.domain.StockSlot;
import org.orderpool.shopsync.platform.StockPush;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner of each SKU's storefront figures (one instance per partition of stock.levels): for every
 * shop that sells the SKU, a {@link StockSlot} in a changelogged store, written in the same exactly-once
 * transaction as the input offsets, and read by the shop API.
 *
 * <p>A level changes the slots' figures and marks them due ({@code push|} index); the platform is called
 * only from a wall-clock punctuation: each round books the pushes that ended, then groups at most
 * {@code max-per-tick} due slots by shop into calls of up to {@code stock-batch-size} SKUs for the
 * {@link org.orderpool.shopsync.platform.PlatformCalls} threads. A slot with a push under way is skipped,
 * so a burst of levels becomes one push of the newest figure when the push under way ends. The in-flight
 * set is this instance's memory only: after a crash or a rebalance the slot is still dirty in the store,
 * and the push is made again (at least once; the connectors make a repeat harmless).
 */
final class StockSyncProcessor implements Processor<String, StockLevel, byte[], byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(StockSyncProcessor.class);

    private final Duration sendEvery;
    private final PlatformSide platforms;
    private final StockOutbox outbox;
    private final DoubleSupplier random;

    /** Slot key → the version of its figure being pushed. Stream thread only. */
    private final Map<String, Long> inFlight = new HashMap<>();
    /** Pushes that ended, filled by the call threads, emptied by the stream thread. */
    private final Queue<Pushed> finished = new ConcurrentLinkedQueue<>();

    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<String, StockSlot> slots;
    private KeyValueStore<String, String> schedule;

    StockSyncProcessor(final Duration sendEvery, final PlatformSide platforms, final DoubleSupplier random) {
        this.sendEvery = sendEvery;
        this.platforms = platforms;
        this.outbox = new StockOutbox(platforms.settings().retrySchedule());
        this.random = random;
    }

    @Override
    public void init(final ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.slots = context.getStateStore(ShopSyncTopology.STOCK_STORE);
        this.schedule = context.getStateStore(ShopSyncTopology.STOCK_SCHEDULE_STORE);
        context.schedule(sendEvery, PunctuationType.WALL_CLOCK_TIME, this::push);
    }

    @Override
    public void process(final Record<String, StockLevel> record) {
        final StockLevel level = record.value();
        if (level == null) {
            return;
        }
        final Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        for (final ShopPlatform shop : platforms.shops().sellersOf(level.getSku())) {
            final String key = StoreKeys.stock(shop.shopId(), level.getSku());
            final StockSlot before = slots.get(key);
            save(key, before, outbox.onLevel(before, shop, level.getSku(), level.getAvailable(), level.getLowStockThreshold(),
                    level.getUpdatedAt(), now));
        }
    }

    /** Books the pushes that ended; hands due slots, grouped by shop, to the platform calls. */
    private void push(final long wallClockMillis) {
        final Instant now = Instant.ofEpochMilli(wallClockMillis);
        book(now);
        final Map<String, List<StockSlot>> byShop = new LinkedHashMap<>();
        for (final KeyValue<String, String> entry : due(now)) {
            final String key = entry.value;
            if (inFlight.containsKey(key)) {
                continue;
            }
            final StockSlot slot = slots.get(key);
            if (slot == null || !entry.key.equals(dueKey(key, slot))) {
                schedule.delete(entry.key); // left behind by an earlier state of the slot
                continue;
            }
            final ShopPlatform shop = platforms.shops().shop(slot.shopId());
            if (!shop.kind().callsPlatform() || !shop.sells(slot.sku())) {
                save(key, slot, new StockSlot(slot.shopId(), slot.sku(), slot.available(), slot.shown(), slot.levelAt(), slot.version(),
                        slot.version(), null, null, 0, "the shop no longer syncs this SKU"));
                continue;
            }
            if (outbox.due(slot, now)) {
                byShop.computeIfAbsent(slot.shopId(), shopId -> new ArrayList<>()).add(slot);
            }
        }
        sending:
        for (final Map.Entry<String, List<StockSlot>> shop : byShop.entrySet()) {
            final List<StockSlot> due = shop.getValue();
            for (int from = 0; from < due.size(); from += platforms.settings().stockBatchSize()) {
                if (!send(shop.getKey(), due.subList(from, Math.min(due.size(), from + platforms.settings().stockBatchSize())))) {
                    break sending; // every call slot is busy: the rest waits for the next round
                }
            }
        }
        book(now);
    }

    private boolean send(final String shopId, final List<StockSlot> batch) {
        final List<StockPush.StockItem> items = batch.stream().map(slot -> new StockPush.StockItem(slot.sku(), slot.shown(),
                slot.platformQuantity(), slot.version())).toList();
        final Optional<CompletableFuture<Map<String, StockResult>>> pushing = platforms.calls().trySubmit(new StockPush(shopId, items));
        if (pushing.isEmpty()) {
            return false;
        }
        final Map<String, Long> versions = new LinkedHashMap<>();
        batch.forEach(slot -> {
            versions.put(slot.sku(), slot.version());
            inFlight.put(StoreKeys.stock(shopId, slot.sku()), slot.version());
        });
        pushing.get().whenComplete((results, error) -> finished.add(new Pushed(shopId, versions, results != null ? results
                : Map.of(), error == null ? null : error.toString())));
        return true;
    }

    private void book(final Instant now) {
        for (Pushed pushed = finished.poll(); pushed != null; pushed = finished.poll()) {
            for (final Map.Entry<String, Long> sent : pushed.versions().entrySet()) {
                final String key = StoreKeys.stock(pushed.shopId(), sent.getKey());
                inFlight.remove(key);
                final StockSlot slot = slots.get(key);
                if (slot == null) {
                    continue;
                }
                final StockResult result = pushed.results().getOrDefault(sent.getKey(), StockResult.unknown(new PlatformOutcome.Failed(
                        pushed.error() != null ? pushed.error() : "the platform call gave no result for this SKU", null)));
                final StockOutbox.Decision decision = outbox.afterResult(slot, sent.getValue(), result, now, random.getAsDouble());
                if (decision.givenUp() != null) {
                    deadLetter(slot, decision.givenUp(), now);
                } else if (!(result.outcome() instanceof PlatformOutcome.Done)) {
                    LOG.debug("Stock of {} for shop {}: {}", slot.sku(), slot.shopId(), PlatformOutcome.describe(result.outcome()));
                }
                save(key, slot, decision.slot());
            }
        }
    }

    private void deadLetter(final StockSlot slot, final String reason, final Instant now) {
        LOG.warn("The stock push of {} = {} to shop {} goes to the dead letters: {}", slot.sku(), slot.shown(), slot.shopId(), reason);
        final Map<String, Object> call = new LinkedHashMap<>();
        call.put("shopId", slot.shopId());
        call.put("sku", slot.sku());
        call.put("quantity", slot.shown());
        call.put("available", slot.available());
        call.put("version", slot.version());
        context.forward(DeadLetters.platformCall(slot.sku(), ShopJson.write(call), "stock:" + slot.shopId() + ":" + slot.sku() + ":"
                + slot.version(), slot.shopId(), platforms.shops().shop(slot.shopId()).kind().configName(), slot.attempts(), reason,
                now.toEpochMilli()));
    }

    private void save(final String key, final StockSlot before, final StockSlot after) {
        if (after.equals(before)) {
            return;
        }
        slots.put(key, after);
        final String oldDue = before == null ? null : dueKey(key, before);
        final String newDue = dueKey(key, after);
        if (oldDue != null && !oldDue.equals(newDue)) {
            schedule.delete(oldDue);
        }
        if (newDue != null) {
            schedule.put(newDue, key);
        }
    }

    private static String dueKey(final String key, final StockSlot slot) {
        return slot.dirty() && slot.notBefore() != null ? StoreKeys.push(slot.notBefore(), key) : null;
    }

    /** At most max-per-tick due entries, read before any of them is changed. */
    private List<KeyValue<String, String>> due(final Instant now) {
        final List<KeyValue<String, String>> entries = new ArrayList<>();
        try (KeyValueIterator<String, String> iterator = schedule.range(StoreKeys.pushFrom(), StoreKeys.pushUpTo(now))) {
            while (iterator.hasNext() && entries.size() < platforms.settings().maxPerTick()) {
                entries.add(iterator.next());
            }
        }
        return entries;
    }

    private record Pushed(String shopId, Map<String, Long> versions, Map<String, StockResult> results, String error) {
    }
}
