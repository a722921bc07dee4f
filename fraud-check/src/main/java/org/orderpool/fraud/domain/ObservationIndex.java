package org.orderpool.fraud.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the pool's count rules read, in memory: the orders of the last {@link PoolView#MEMORY} under each key of their
 * counted traits ("ip:203.0.113.7"), by pool time. The store behind it keeps one record per order (its observation, which
 * names all five traits), so an order costs one changelog record instead of one per trait, and a count is a look-up
 * instead of a range scan of the store; the index is built again from the store when the pool's task starts.
 *
 * <p>Bounded: at most {@code capacity} orders in all, the oldest forgotten first (counted: {@link #forgottenForCapacity()}),
 * and nothing older than {@link PoolView#MEMORY} before the latest order seen (as the store's retention drops it); each
 * order once, however often it comes (a re-driven order). A count reads at most {@link PoolView#READ_LIMIT} under a key,
 * found by binary search, so a late order on a busy key reads its own window as the store did. Not thread-safe: one pool
 * task owns it.
 */
public final class ObservationIndex {

    /**
     * How many orders the pool remembers at most: a day's orders of a busy pool several times over, about 150 MB at the
     * most (measured about 1.5 KB per order); beyond, the oldest go, and the count rules undercount them.
     */
    public static final int CAPACITY = 100_000;

    /** An observation and the keys it is indexed under, in the order they came. */
    private record Remembered(Observation observation, List<String> keys) {
    }

    /** A record of the store: its key (an order id, or before 2026-12-02 a trait's key) and its observation. */
    public record Stored(String storeKey, Observation observation) {
    }

    private final int capacity;
    private final List<Trait> counted;
    /** Under each key, oldest first. */
    private final Map<String, List<Observation>> byKey = new HashMap<>();
    private final Deque<Remembered> arrivals = new ArrayDeque<>();
    private final Set<String> orderIds = new HashSet<>();
    private long latestMillis = Long.MIN_VALUE;
    private long forgottenForCapacity;

    public ObservationIndex(final Collection<Trait> counted, final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.counted = List.copyOf(counted);
        this.capacity = capacity;
    }

    /**
     * An index built from a store read record by record in any order (a window store's records come by key within a
     * segment): it keeps only the records within {@link PoolView#MEMORY} of the latest read so far, so reading a store that
     * keeps months of orders holds about a day of them, then {@link #build()} indexes those within the memory of the
     * latest of all.
     */
    public static final class Restoring {
        private final Collection<Trait> counted;
        private final int capacity;
        private final List<Stored> kept = new ArrayList<>();
        private long latestMillis = Long.MIN_VALUE;
        private int pruneAt = 1_024;
        private int unreadable;

        private Restoring(final Collection<Trait> counted, final int capacity) {
            this.counted = counted;
            this.capacity = capacity;
        }

        /** A record of the store: its key (an order id, or before 2026-12-02 a trait's key) and its observation. */
        public void add(final String storeKey, final Observation observation) {
            latestMillis = Math.max(latestMillis, observation.atMillis());
            if (observation.atMillis() < horizon()) {
                return;
            }
            kept.add(new Stored(storeKey, observation));
            if (kept.size() >= pruneAt) { // those a later record has aged out of the memory since; amortised, as a list grows
                kept.removeIf(stored -> stored.observation().atMillis() < horizon());
                pruneAt = Math.max(1_024, 2 * kept.size());
            }
        }

        /** Counts a record of the store that could not be read: left out, never a reason not to start. */
        public void skipUnreadable() {
            unreadable++;
        }

        /** How many records of the store could not be read. */
        public int unreadable() {
            return unreadable;
        }

        /** How many records it holds now (those within the memory of the latest read, and some not pruned yet). */
        int held() {
            return kept.size();
        }

        public ObservationIndex build() {
            return restore(counted, capacity, kept);
        }

        private long horizon() {
            return latestMillis == Long.MIN_VALUE ? Long.MIN_VALUE : latestMillis - PoolView.MEMORY.toMillis();
        }
    }

    /** An index to build from a store's records, read in any order ({@link Restoring}). */
    public static Restoring restoring(final Collection<Trait> counted, final int capacity) {
        return new Restoring(counted, capacity);
    }

    /**
     * The index of what the store holds (only what is within {@link PoolView#MEMORY} of its latest order is indexed).
     * A record keyed by its order id is indexed under each counted trait of its
     * observation; one keyed by a trait's key (as fraud-check stored observations before 2026-12-02, one record per trait)
     * under that key alone, if its trait is counted, so a running pool upgrades without forgetting its day.
     */
    public static ObservationIndex restore(final Collection<Trait> counted, final int capacity, final List<Stored> stored) {
        final ObservationIndex index = new ObservationIndex(counted, capacity);
        // an order stored before 2026-12-02 is one record per trait: gathered into one order with its keys
        final Map<String, Remembered> byOrder = new LinkedHashMap<>();
        for (final Stored s : stored) {
            final String orderId = s.observation().orderId();
            if (s.storeKey().equals(orderId)) {
                byOrder.put(orderId, new Remembered(s.observation(), index.keysOf(s.observation())));
            } else if (index.counted.stream().anyMatch(trait -> s.storeKey().startsWith(trait.keyOf("")))) {
                final Remembered earlier = byOrder.get(orderId);
                final List<String> keys = new ArrayList<>(earlier == null ? List.of() : earlier.keys());
                if (!keys.contains(s.storeKey())) {
                    keys.add(s.storeKey());
                }
                byOrder.put(orderId, new Remembered(earlier == null ? s.observation() : earlier.observation(), keys));
            }
        }
        byOrder.values().stream().sorted(Comparator.comparingLong(r -> r.observation().atMillis()))
                .forEach(r -> index.add(r.observation(), r.keys()));
        index.forgottenForCapacity = 0;
        return index;
    }

    /**
     * What the pool saw under each counted trait of {@code observation} within {@link PoolView#LONGEST_WINDOW} before it
     * (and up to {@link PoolView#OUT_OF_ORDER} after), the latest {@link PoolView#READ_LIMIT} at most, this order included;
     * then remembers it. A trait the order lacks gives this order alone.
     */
    public Map<Trait, List<Observation>> recallAndRemember(final Observation observation) {
        final Map<Trait, List<Observation>> seen = new EnumMap<>(Trait.class);
        final List<String> keys = new ArrayList<>(counted.size());
        for (final Trait trait : counted) {
            final String value = trait.of(observation);
            if (value == null || value.isBlank()) {
                seen.put(trait, List.of(observation));
                continue;
            }
            final String key = trait.keyOf(value);
            final List<Observation> found = recall(key, observation.atMillis());
            found.add(observation);
            seen.put(trait, found);
            keys.add(key);
        }
        add(observation, keys);
        return seen;
    }

    /** Whether the index holds {@code orderId} (an order that comes again is remembered once). */
    public boolean remembers(final String orderId) {
        return orderIds.contains(orderId);
    }

    /** How many orders the index holds. */
    public int size() {
        return arrivals.size();
    }

    /** How many orders still within the pool's memory were forgotten because the index was full, since it was built. */
    public long forgottenForCapacity() {
        return forgottenForCapacity;
    }

    /** How many observations are indexed under {@code key}. */
    public int under(final String key) {
        return byKey.getOrDefault(key, List.of()).size();
    }

    private List<Observation> recall(final String key, final long atMillis) {
        final List<Observation> found = new ArrayList<>();
        final List<Observation> under = byKey.get(key);
        if (under == null) {
            return found;
        }
        final long from = atMillis - PoolView.LONGEST_WINDOW.toMillis();
        final long to = atMillis + PoolView.OUT_OF_ORDER.toMillis();
        for (int i = lastAtOrBefore(under, to); i >= 0 && found.size() < PoolView.READ_LIMIT - 1; i--) {
            if (under.get(i).atMillis() < from) {
                break;
            }
            found.add(under.get(i));
        }
        return found;
    }

    /** The index of the last observation of {@code under} (in pool-time order) at or before {@code millis}, or -1. */
    private static int lastAtOrBefore(final List<Observation> under, final long millis) {
        int low = 0;
        int high = under.size();
        while (low < high) {
            final int middle = (low + high) >>> 1;
            if (under.get(middle).atMillis() <= millis) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low - 1;
    }

    private List<String> keysOf(final Observation observation) {
        final List<String> keys = new ArrayList<>(counted.size());
        for (final Trait trait : counted) {
            final String value = trait.of(observation);
            if (value != null && !value.isBlank()) {
                keys.add(trait.keyOf(value));
            }
        }
        return keys;
    }

    private void add(final Observation observation, final List<String> keys) {
        if (orderIds.contains(observation.orderId())) {
            return; // the same order again (re-driven after a step that failed): remembered once
        }
        latestMillis = Math.max(latestMillis, observation.atMillis());
        if (observation.atMillis() < horizon()) {
            return; // older than the pool's memory: the store drops it too
        }
        for (final String key : keys) {
            final List<Observation> under = byKey.computeIfAbsent(key, k -> new ArrayList<>());
            int at = under.size();
            while (at > 0 && under.get(at - 1).atMillis() > observation.atMillis()) {
                at--; // orders of several partitions arrive slightly out of pool-time order
            }
            under.add(at, observation);
        }
        arrivals.addLast(new Remembered(observation, List.copyOf(keys)));
        orderIds.add(observation.orderId());
        while (!arrivals.isEmpty() && (arrivals.size() > capacity || arrivals.peekFirst().observation().atMillis() < horizon())) {
            final Remembered oldest = arrivals.removeFirst();
            if (oldest.observation().atMillis() >= horizon()) {
                forgottenForCapacity++;
            }
            forget(oldest);
        }
    }

    private long horizon() {
        return latestMillis == Long.MIN_VALUE ? Long.MIN_VALUE : latestMillis - PoolView.MEMORY.toMillis();
    }

    private void forget(final Remembered remembered) {
        orderIds.remove(remembered.observation().orderId());
        for (final String key : remembered.keys()) {
            final List<Observation> under = byKey.get(key);
            if (under == null) {
                continue;
            }
            for (int i = 0; i < under.size(); i++) {
                if (under.get(i) == remembered.observation()) {
                    under.remove(i);
                    break;
                }
            }
            if (under.isEmpty()) {
                byKey.remove(key);
            }
        }
    }
}
