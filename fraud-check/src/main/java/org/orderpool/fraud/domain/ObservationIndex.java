package org.orderpool.fraud.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the pool's count rules read, in memory: the orders of the last {@link PoolView#MEMORY} under each key of their
 * counted traits ("ip:203.0.113.7"), by pool time. The store behind it keeps one record per order (its observation, which
 * names all five traits), so an order costs one changelog record instead of one per trait, and a count is a look-up
 * instead of a range scan of the store; the index is built again from the store when the pool's task starts.
 *
 * <p>Bounded: at most {@link #PER_KEY} observations under a key (the latest; a count reads at most
 * {@link PoolView#READ_LIMIT}) and at most {@code capacity} orders in all, the oldest forgotten first, and nothing older
 * than {@link PoolView#MEMORY} before the latest order seen (as the store's retention drops it). Not thread-safe: one pool
 * task owns it.
 */
public final class ObservationIndex {

    /** How many orders the pool remembers at most (a day's orders of a busy pool several times over); beyond, the oldest go. */
    public static final int CAPACITY = 100_000;
    /** The most observations kept under one key: twice what a count reads, so an order read out of order still finds its own. */
    static final int PER_KEY = 2 * PoolView.READ_LIMIT;

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
    private long latestMillis = Long.MIN_VALUE;

    public ObservationIndex(final Collection<Trait> counted, final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.counted = List.copyOf(counted);
        this.capacity = capacity;
    }

    /**
     * The index of what the store holds. A record keyed by its order id is indexed under each counted trait of its
     * observation; one keyed by a trait's key (as fraud-check stored observations before 2026-12-02, one record per trait)
     * under that key alone, if its trait is counted, so a running pool upgrades without forgetting its day.
     */
    public static ObservationIndex restore(final Collection<Trait> counted, final int capacity, final List<Stored> stored) {
        final ObservationIndex index = new ObservationIndex(counted, capacity);
        stored.stream().sorted(Comparator.comparingLong(s -> s.observation().atMillis())).forEach(s -> {
            if (s.storeKey().equals(s.observation().orderId())) {
                index.add(s.observation(), index.keysOf(s.observation()));
            } else if (index.counted.stream().anyMatch(trait -> s.storeKey().startsWith(trait.keyOf("")))) {
                index.add(s.observation(), List.of(s.storeKey()));
            }
        });
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

    /** How many orders the index holds (an order stored before 2026-12-02 counts once per key). */
    public int size() {
        return arrivals.size();
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
        for (int i = under.size() - 1; i >= 0 && found.size() < PoolView.READ_LIMIT - 1; i--) {
            final long at = under.get(i).atMillis();
            if (at < from) {
                break;
            }
            if (at <= to) {
                found.add(under.get(i));
            }
        }
        return found;
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
            if (under.size() > PER_KEY) {
                under.remove(0);
            }
        }
        arrivals.addLast(new Remembered(observation, List.copyOf(keys)));
        while (!arrivals.isEmpty() && (arrivals.size() > capacity || arrivals.peekFirst().observation().atMillis() < horizon())) {
            forget(arrivals.removeFirst());
        }
    }

    private long horizon() {
        return latestMillis == Long.MIN_VALUE ? Long.MIN_VALUE : latestMillis - PoolView.MEMORY.toMillis();
    }

    private void forget(final Remembered remembered) {
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
