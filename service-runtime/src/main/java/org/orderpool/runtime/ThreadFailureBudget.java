package org.orderpool.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a service does when a stream thread dies: a thread that failed because the infrastructure did
 * (the registry or a broker unreachable) is replaced as often as it takes, since the record is not at
 * fault and will be processed again; any other failure is replaced too, but at most
 * {@code maxFailures} times within {@code window}. Past that the failure is not going to cure itself
 * (a bug, a state the code cannot handle), and replacing the thread forever only hides it: the client
 * shuts down, the health check says DOWN and why, and the container is restarted or ops are paged.
 * The global thread cannot be replaced (Kafka 4.2 fails trying), so its failure shuts the client down
 * at once.
 */
public final class ThreadFailureBudget implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadFailureBudget.class);

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> recentFailures = new ArrayDeque<>();
    private volatile String shutdownReason;

    public ThreadFailureBudget(final int maxFailures, final Duration window, final Clock clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("orderpool.streams.max-thread-failures must be at least 1, was " + maxFailures);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("orderpool.streams.thread-failure-window must be positive, was " + window);
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public StreamThreadExceptionResponse handle(final Throwable exception) {
        return decide(Thread.currentThread().getName(), exception);
    }

    synchronized StreamThreadExceptionResponse decide(final String threadName, final Throwable exception) {
        if (threadName.endsWith("GlobalStreamThread")) {
            return shutDown("the global thread failed (" + describe(exception) + ")", exception);
        }
        if (TransientFailures.isTransient(exception)) {
            LOG.warn("Stream thread {} failed because the infrastructure did ({}); replacing it", threadName, describe(exception));
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        final Instant now = clock.instant();
        while (!recentFailures.isEmpty() && !recentFailures.peekFirst().isAfter(now.minus(window))) {
            recentFailures.pollFirst();
        }
        recentFailures.addLast(now);
        if (recentFailures.size() > maxFailures) {
            return shutDown(recentFailures.size() + " stream-thread failures within " + window + ", the last: " + describe(exception),
                    exception);
        }
        LOG.error("Stream thread {} failed ({} of {} allowed within {}); replacing it", threadName, recentFailures.size(), maxFailures,
                window, exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Why the client was shut down, once it was; the health check shows it. */
    public Optional<String> shutdownReason() {
        return Optional.ofNullable(shutdownReason);
    }

    private StreamThreadExceptionResponse shutDown(final String reason, final Throwable exception) {
        shutdownReason = reason;
        LOG.error("Shutting this Kafka Streams client down: {}", reason, exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private static String describe(final Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
