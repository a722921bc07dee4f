package org.orderpool.shopsync.platform;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.orderpool.shopsync.domain.PlatformOutcome;
import org.orderpool.shopsync.domain.StockResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PlatformCalls} over each shop's {@link PlatformConnector}, on a fixed pool of call threads (one
 * per slot): at most {@code slots} platform calls are under way at once on this instance, whatever the
 * shops. A connector that throws anyway is read as a failure to retry.
 */
public final class ConnectorCalls implements PlatformCalls, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorCalls.class);

    private final Map<String, PlatformConnector> connectors;
    private final ExecutorService threads;
    private final Semaphore slots;

    public ConnectorCalls(final Map<String, PlatformConnector> connectors, final int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("platforms.call-slots must be at least 1, not " + slots);
        }
        this.connectors = Map.copyOf(connectors);
        final AtomicInteger numbers = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(slots, work -> {
            final Thread thread = new Thread(work, "shop-sync-platform-" + numbers.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.slots = new Semaphore(slots);
    }

    @Override
    public Optional<CompletableFuture<PlatformOutcome>> trySubmit(final OrderCall call) {
        final PlatformConnector connector = connectors.get(call.shopId());
        if (connector == null) {
            return PlatformCalls.none().trySubmit(call);
        }
        return submit(() -> {
            try {
                return connector.order(call);
            } catch (final RuntimeException e) {
                LOG.warn("The {} call for order {} of shop {} failed unexpectedly", call.action(), call.orderId(), call.shopId(), e);
                return new PlatformOutcome.Failed(e.getClass().getSimpleName() + ": " + e.getMessage(), null);
            }
        });
    }

    @Override
    public Optional<CompletableFuture<Map<String, StockResult>>> trySubmit(final StockPush push) {
        final PlatformConnector connector = connectors.get(push.shopId());
        if (connector == null) {
            return PlatformCalls.none().trySubmit(push);
        }
        return submit(() -> {
            try {
                return connector.stock(push);
            } catch (final RuntimeException e) {
                LOG.warn("The stock push of {} SKU(s) to shop {} failed unexpectedly", push.items().size(), push.shopId(), e);
                return PlatformConnector.allItems(push, StockResult.unknown(new PlatformOutcome.Failed(
                        e.getClass().getSimpleName() + ": " + e.getMessage(), null)));
            }
        });
    }

    private <T> Optional<CompletableFuture<T>> submit(final Supplier<T> work) {
        if (!slots.tryAcquire()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CompletableFuture.supplyAsync(work, threads).whenComplete((result, error) -> slots.release()));
        } catch (final RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
