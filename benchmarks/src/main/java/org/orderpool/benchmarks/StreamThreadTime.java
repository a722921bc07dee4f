package org.orderpool.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Where each service's stream threads spend their time while the benchmark runs, from Kafka Streams' own thread
 * metrics over JMX ({@code kafka.streams:type=stream-thread-metrics}): the shares of processing, punctuation, commits
 * and polls (a poll includes waiting for records, so an idle thread polls) and the mean commit latency. An execution
 * profile sees only a thread that runs; these say how long a thread waits in a commit (under exactly-once: flushing its
 * producer and ending the transaction with the broker), which a profile does not show.
 *
 * <p>Sampled every {@value #EVERY_MS} ms between {@link #start} and {@link #stop}; each service's figures are the mean over
 * its threads' samples. The services run in this JVM, and a thread's id starts with its service's application id.
 */
final class StreamThreadTime implements AutoCloseable {

    /** One service's threads, averaged over the samples. */
    record Shares(int threads, double process, double punctuate, double commit, double poll, double commitLatencyMs) {
    }

    private static final long EVERY_MS = 500;
    private static final List<String> RATIOS = List.of("process-ratio", "punctuate-ratio", "commit-ratio", "poll-ratio", "commit-latency-avg");

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final Map<String, String> serviceByApplicationId;
    private final Map<String, List<double[]>> samplesByService = new LinkedHashMap<>();
    private final Map<String, Set<String>> threadsByService = new LinkedHashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread thread = new Thread(r, "stream-thread-time");
        thread.setDaemon(true);
        return thread;
    });

    /** @param serviceByApplicationId each service's name by its Kafka Streams application id */
    private StreamThreadTime(final Map<String, String> serviceByApplicationId) {
        this.serviceByApplicationId = serviceByApplicationId;
    }

    static StreamThreadTime start(final Map<String, String> serviceByApplicationId) {
        final StreamThreadTime time = new StreamThreadTime(serviceByApplicationId);
        time.sampler.scheduleAtFixedRate(time::sample, 0, EVERY_MS, TimeUnit.MILLISECONDS);
        return time;
    }

    /** Stops sampling and returns each service's shares, in the order of the application ids given. */
    Map<String, Shares> stop() {
        close();
        final Map<String, Shares> shares = new LinkedHashMap<>();
        synchronized (samplesByService) {
            for (final String service : serviceByApplicationId.values()) {
                final List<double[]> samples = samplesByService.getOrDefault(service, List.of());
                final double[] mean = new double[RATIOS.size()];
                for (final double[] sample : samples) {
                    for (int i = 0; i < mean.length; i++) {
                        mean[i] += sample[i] / samples.size();
                    }
                }
                shares.put(service, new Shares(threadsByService.getOrDefault(service, Set.of()).size(), mean[0], mean[1], mean[2], mean[3],
                        mean[4]));
            }
        }
        return shares;
    }

    private void sample() {
        try {
            for (final ObjectName thread : server.queryNames(new ObjectName("kafka.streams:type=stream-thread-metrics,thread-id=*"), null)) {
                final String threadId = thread.getKeyProperty("thread-id");
                final String service = serviceOf(threadId);
                if (service == null) {
                    continue;
                }
                final double[] values = new double[RATIOS.size()];
                for (int i = 0; i < values.length; i++) {
                    final Object value = server.getAttribute(thread, RATIOS.get(i));
                    values[i] = value instanceof Number number && Double.isFinite(number.doubleValue()) ? number.doubleValue() : 0;
                }
                synchronized (samplesByService) {
                    samplesByService.computeIfAbsent(service, s -> new ArrayList<>()).add(values);
                    threadsByService.computeIfAbsent(service, s -> new TreeSet<>()).add(threadId);
                }
            }
        } catch (final Exception e) {
            System.err.println("Stream thread metrics not read: " + e.getMessage());
        }
    }

    private String serviceOf(final String threadId) {
        return serviceByApplicationId.entrySet().stream().filter(e -> threadId.startsWith(e.getKey() + "-")).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        try {
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
