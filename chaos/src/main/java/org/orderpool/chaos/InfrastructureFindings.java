package org.orderpool.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the infrastructure's faults did to a run: how many of each, how the cluster keeps the
 * contract's and the changelogs' replicas, what each paused zombie heard when it woke, and what the
 * services' own logs say about riding the faults out: failures retried as the infrastructure's (no
 * limit), failures counted against the thread-failure budget (a misclassified outage would be one),
 * a client that stopped itself, a process that ended on its own. How long the orders in flight took
 * to settle after each fault is in {@link #aftermath()}.
 */
record InfrastructureFindings(String cluster, Map<String, String> durability, List<FaultLog.Aftermath> aftermath,
                              FaultLog.Latency latency, Map<FaultLog.Kind, Long> counts, List<InfrastructureFaults.Fencing> fencings,
                              int unexpectedExits,
                              List<String> stoppedClients, int infrastructureRetries, List<String> budgetedFailures,
                              List<String> trackFailures, int shopSendsThatWaited) {

    private static final String RETRIED = "failed because the infrastructure did";
    private static final String NOT_DEAD_LETTERED = "Not dead-lettering";
    private static final String BUDGETED = "allowed within";
    private static final String STOPPED = "Shutting this Kafka Streams client down";

    static InfrastructureFindings of(final InfrastructureFaults infra, final FaultLog faults,
                                     final List<ServiceProcess> services, final List<Path> logs,
                                     final List<FaultLog.Aftermath> aftermath, final FaultLog.Latency latency, final String prefix,
                                     final int shopSendsThatWaited) {
        int retries = 0;
        final List<String> budgeted = new ArrayList<>();
        final List<String> stopped = new ArrayList<>();
        for (final Path log : logs) {
            for (final String line : lines(log)) {
                if (line.contains(RETRIED) || line.contains(NOT_DEAD_LETTERED)) {
                    retries++;
                } else if (line.contains(BUDGETED)) {
                    budgeted.add(log.getFileName() + ": " + shorten(line));
                } else if (line.contains(STOPPED)) {
                    stopped.add(log.getFileName() + ": " + shorten(line));
                }
            }
        }
        final Map<FaultLog.Kind, Long> counts = new EnumMap<>(FaultLog.Kind.class);
        for (final FaultLog.Kind kind : FaultLog.Kind.values()) {
            counts.put(kind, faults.count(kind));
        }
        return new InfrastructureFindings(infra.cluster().nodeIds().size() + " KRaft nodes, each broker and controller",
                infra.durabilityOf(prefix), aftermath, latency, counts, infra.fencings(),
                services.stream().mapToInt(ServiceProcess::unexpectedExits).sum(), stopped, retries, budgeted,
                infra.trackFailures(), shopSendsThatWaited);
    }

    /** The services rode the faults out: none stopped itself or ended on its own, and every planned fault happened. */
    boolean holds() {
        return stoppedClients.isEmpty() && unexpectedExits == 0 && trackFailures.isEmpty();
    }

    long count(final FaultLog.Kind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    String markdown() {
        final StringBuilder md = new StringBuilder("## Infrastructure faults\n\n");
        md.append(String.format(Locale.ROOT, "On %s: **%d broker SIGKILLs** (%d restarted on an empty log directory),"
                        + " **%d schema registry outages**, **%d services frozen** with SIGSTOP past their session timeout and"
                        + " woken with SIGCONT, %d service SIGKILLs.%n%n", cluster,
                count(FaultLog.Kind.BROKER_KILL) + count(FaultLog.Kind.BROKER_EMPTY_DISK), count(FaultLog.Kind.BROKER_EMPTY_DISK),
                count(FaultLog.Kind.REGISTRY_OUTAGE), count(FaultLog.Kind.SERVICE_PAUSE), count(FaultLog.Kind.SERVICE_KILL)));
        md.append("Replicas as the cluster has them: ").append(durability.entrySet().stream()
                .map(e -> "`" + e.getKey() + "` " + e.getValue()).collect(Collectors.joining("; "))).append(".\n\n");
        md.append("| fault | target | at (s) | lasted (s) | what happened | orders in flight |"
                + " last of them settled (s after the fault) |\n|---|---|---|---|---|---|---|\n");
        final long origin = aftermath.isEmpty() ? 0 : aftermath.get(0).fault().startNanos();
        for (final FaultLog.Aftermath after : aftermath) {
            final FaultLog.Fault fault = after.fault();
            final String settled = after.lastSettledAfterEnd().map(d -> String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0))
                    .orElse("-") + (after.neverSettled() > 0 ? " (**" + after.neverSettled() + " never**)" : "");
            md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.1f | %s | %d | %s |%n", fault.kind().label(),
                    fault.target(), (fault.startNanos() - origin) / 1e9, fault.lasted().toMillis() / 1000.0, fault.detail(),
                    after.ordersInFlight(), settled));
        }
        md.append(String.format(Locale.ROOT, "%nFrom submission to terminal status, over all %d orders (faults, review"
                        + " decisions, backorders and the minute cut-offs included): p50 %.1f s, p95 %.1f s, max %.1f s.%n%n",
                latency.orders(), latency.p50().toMillis() / 1000.0, latency.p95().toMillis() / 1000.0,
                latency.max().toMillis() / 1000.0));
        fencings.forEach(f -> md.append("- ").append(f.service()).append(" woke up as a zombie; its log then: `")
                .append(f.evidence().replace('`', '\'')).append("`\n"));
        md.append(String.format(Locale.ROOT, "%n%d stream-thread failures or dead letters withheld as the infrastructure's"
                        + " (retried without limit); %d counted against the thread-failure budget; %d clients stopped themselves;"
                        + " %d processes ended on their own. %d of the shops' and ops' sends waited for the infrastructure"
                        + " (a shop retries).%n", infrastructureRetries, budgetedFailures.size(), stoppedClients.size(),
                unexpectedExits, shopSendsThatWaited));
        budgetedFailures.stream().limit(10)
                .forEach(line -> md.append("- budgeted: `").append(line.replace('`', '\'')).append("`\n"));
        stoppedClients.forEach(line -> md.append("- **stopped**: `").append(line.replace('`', '\'')).append("`\n"));
        trackFailures.forEach(line -> md.append("- **fault not carried out**: ").append(line).append('\n'));
        return md.toString();
    }

    private static List<String> lines(final Path log) {
        try {
            return Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shorten(final String line) {
        return line.length() > 240 ? line.substring(0, 240) + "..." : line;
    }
}
