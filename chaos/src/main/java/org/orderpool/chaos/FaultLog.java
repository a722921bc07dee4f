package org.orderpool.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every fault a run caused, from when it began to when it was over (the process back, the ISR full
 * again, the registry answering), and what the orders in flight made of it: how long after the fault
 * the last of them settled.
 */
final class FaultLog {

    /** What a fault is called in the report. */
    enum Kind {
        SERVICE_KILL("service SIGKILL"),
        SERVICE_PAUSE("service SIGSTOP past its session timeout, then SIGCONT"),
        BROKER_KILL("broker SIGKILL"),
        BROKER_EMPTY_DISK("broker SIGKILL, restarted on an empty log directory"),
        REGISTRY_OUTAGE("schema registry down");

        private final String label;

        Kind(final String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** One fault; times are {@link System#nanoTime()}. */
    record Fault(Kind kind, String target, long startNanos, long endNanos, String detail) {

        Duration lasted() {
            return Duration.ofNanos(endNanos - startNanos);
        }
    }

    /** How the orders in flight when a fault began came through it. */
    record Aftermath(Fault fault, int ordersInFlight, int neverSettled, Optional<Duration> lastSettledAfterEnd) {
    }

    /** How long orders took from their first submission to their terminal status, over the whole run. */
    record Latency(int orders, Duration p50, Duration p95, Duration max) {

        static Latency of(final Map<String, Long> submittedAt, final Map<String, Long> settledAt) {
            final List<Long> nanos = submittedAt.entrySet().stream().filter(e -> settledAt.containsKey(e.getKey()))
                    .map(e -> settledAt.get(e.getKey()) - e.getValue()).sorted().toList();
            if (nanos.isEmpty()) {
                return new Latency(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
            }
            return new Latency(nanos.size(), Duration.ofNanos(nanos.get(nanos.size() / 2)),
                    Duration.ofNanos(nanos.get(Math.min(nanos.size() - 1, (int) Math.ceil(nanos.size() * 0.95) - 1))),
                    Duration.ofNanos(nanos.get(nanos.size() - 1)));
        }
    }

    private final List<Fault> faults = new ArrayList<>();

    synchronized void add(final Kind kind, final String target, final long startNanos, final long endNanos, final String detail) {
        faults.add(new Fault(kind, target, startNanos, endNanos, detail));
    }

    synchronized List<Fault> all() {
        return faults.stream().sorted(Comparator.comparingLong(Fault::startNanos)).toList();
    }

    synchronized long count(final Kind kind) {
        return faults.stream().filter(f -> f.kind() == kind).count();
    }

    /**
     * For each fault, the orders submitted before it began that had not settled by then, and how long
     * after the fault was over the last of them reached its terminal status.
     *
     * @param submittedAt when each order was first submitted
     * @param settledAt   when each order's first terminal status became visible (absent: never)
     */
    List<Aftermath> aftermath(final Map<String, Long> submittedAt, final Map<String, Long> settledAt) {
        final List<Aftermath> aftermath = new ArrayList<>();
        for (final Fault fault : all()) {
            int inFlight = 0;
            int never = 0;
            long last = Long.MIN_VALUE;
            for (final Map.Entry<String, Long> order : submittedAt.entrySet()) {
                final Long settled = settledAt.get(order.getKey());
                if (order.getValue() >= fault.startNanos() || settled != null && settled <= fault.startNanos()) {
                    continue;
                }
                inFlight++;
                if (settled == null) {
                    never++;
                } else {
                    last = Math.max(last, settled);
                }
            }
            aftermath.add(new Aftermath(fault, inFlight, never,
                    last == Long.MIN_VALUE ? Optional.empty()
                            : Optional.of(Duration.ofNanos(Math.max(0, last - fault.endNanos())))));
        }
        return aftermath;
    }
}
