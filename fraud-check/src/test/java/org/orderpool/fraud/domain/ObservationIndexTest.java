package org.orderpool.fraud.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObservationIndexTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final long MINUTE = 60_000L;
    private static final Set<Trait> ALL = EnumSet.allOf(Trait.class);

    @Test
    void shouldRecallWhatWasSeenUnderEachTraitTheLatestFirstThisOrderIncluded() {
        final ObservationIndex index = new ObservationIndex(ALL, 100);
        index.recallAndRemember(seen("o-1", NOW - 30 * MINUTE, "fp-1", "203.0.113.7"));
        index.recallAndRemember(seen("o-2", NOW - 10 * MINUTE, "fp-2", "203.0.113.7"));
        index.recallAndRemember(seen("o-3", NOW - 5 * MINUTE, "fp-1", "198.51.100.1"));

        final var recalled = index.recallAndRemember(seen("o-4", NOW, "fp-1", "203.0.113.7"));

        assertThat(recalled.get(Trait.IP)).extracting(Observation::orderId).containsExactly("o-2", "o-1", "o-4");
        assertThat(recalled.get(Trait.CARD)).extracting(Observation::orderId).containsExactly("o-3", "o-1", "o-4");
        assertThat(recalled.get(Trait.BIN)).as("one BIN for all").hasSize(4);
    }

    @Test
    void shouldGiveTheOrderAloneForATraitItLacks() {
        final ObservationIndex index = new ObservationIndex(ALL, 100);
        index.recallAndRemember(seen("o-1", NOW - MINUTE, "fp-1", null));

        final var recalled = index.recallAndRemember(seen("o-2", NOW, "fp-2", null));

        assertThat(recalled.get(Trait.IP)).extracting(Observation::orderId).containsExactly("o-2");
        assertThat(index.under(Trait.IP.keyOf("null"))).isZero();
    }

    @Test
    void shouldCountOnlyWithinTheLongestWindowBeforeAndTheOutOfOrderReachAfter() {
        final ObservationIndex index = new ObservationIndex(ALL, 100);
        index.recallAndRemember(seen("old", NOW - PoolView.LONGEST_WINDOW.toMillis() - MINUTE, "fp-1", null));
        index.recallAndRemember(seen("later", NOW + PoolView.OUT_OF_ORDER.toMillis() + MINUTE, "fp-1", null));
        index.recallAndRemember(seen("soon-after", NOW + 10 * MINUTE, "fp-1", null));

        final var recalled = index.recallAndRemember(seen("o-1", NOW, "fp-1", null));

        assertThat(recalled.get(Trait.CARD)).extracting(Observation::orderId).containsExactly("soon-after", "o-1");
    }

    @Test
    void shouldReadAtMostTheReadLimitUnderOneKey() {
        final ObservationIndex index = new ObservationIndex(ALL, 10_000);
        for (int i = 0; i < 3 * PoolView.READ_LIMIT; i++) {
            index.recallAndRemember(seen("o-" + i, NOW + i, "fp-" + i, "203.0.113.7"));
        }

        final var recalled = index.recallAndRemember(seen("last", NOW + 1_000, "fp-last", "203.0.113.7"));

        assertThat(recalled.get(Trait.IP)).hasSize(PoolView.READ_LIMIT);
        assertThat(recalled.get(Trait.IP).get(0).orderId()).isEqualTo("o-" + (3 * PoolView.READ_LIMIT - 1));
    }

    @Test
    void shouldLetALateOrderOnABusyKeyReadItsOwnWindow() {
        final ObservationIndex index = new ObservationIndex(ALL, 10_000);
        for (int i = 0; i < 10; i++) {
            index.recallAndRemember(seen("early-" + i, NOW - 5 * PoolView.HOUR.toMillis() + i * MINUTE, "fp-e" + i, "203.0.113.7"));
        }
        for (int i = 0; i < 5 * PoolView.READ_LIMIT; i++) {
            index.recallAndRemember(seen("busy-" + i, NOW + i, "fp-b" + i, "203.0.113.7"));
        }

        final var late = index.recallAndRemember(seen("late", NOW - 4 * PoolView.HOUR.toMillis(), "fp-late", "203.0.113.7"));

        assertThat(late.get(Trait.IP)).extracting(Observation::orderId).as("the ten of its own window, not the busy hour after")
                .startsWith("early-9").contains("early-0").endsWith("late").hasSize(11);
    }

    @Test
    void shouldRememberAnOrderThatComesAgainOnce() {
        final ObservationIndex index = new ObservationIndex(ALL, 100);
        index.recallAndRemember(seen("o-1", NOW, "fp-1", "203.0.113.7"));

        index.recallAndRemember(seen("o-1", NOW + MINUTE, "fp-1", "203.0.113.7"));

        assertThat(index.remembers("o-1")).isTrue();
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.under(Trait.IP.keyOf("203.0.113.7"))).isEqualTo(1);
    }

    @Test
    void shouldForgetAnOrderOnceThePoolsMemoryHasPassedSinceTheLatest() {
        final ObservationIndex index = new ObservationIndex(ALL, 100);
        index.recallAndRemember(seen("o-1", NOW, "fp-1", "203.0.113.7"));

        index.recallAndRemember(seen("o-2", NOW + PoolView.MEMORY.toMillis() + 1, "fp-2", "198.51.100.1"));

        assertThat(index.size()).isEqualTo(1);
        assertThat(index.forgottenForCapacity()).as("forgotten for its age, not for room").isZero();
        assertThat(index.under(Trait.IP.keyOf("203.0.113.7"))).isZero();
        assertThat(index.under(Trait.CARD.keyOf("fp-1"))).isZero();
        assertThat(index.recallAndRemember(seen("o-3", NOW, "fp-1", null)).get(Trait.CARD)).as("older than the memory: not kept")
                .extracting(Observation::orderId).containsExactly("o-3");
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void shouldForgetTheOldestOrdersBeyondItsCapacity() {
        final ObservationIndex index = new ObservationIndex(ALL, 3);
        for (int i = 1; i <= 5; i++) {
            index.recallAndRemember(seen("o-" + i, NOW + i * MINUTE, "fp-" + i, "203.0.113.7"));
        }

        assertThat(index.size()).isEqualTo(3);
        assertThat(index.forgottenForCapacity()).as("o-1 and o-2, within the pool's memory").isEqualTo(2);
        assertThat(index.remembers("o-1")).isFalse();
        assertThat(index.under(Trait.IP.keyOf("203.0.113.7"))).isEqualTo(3);
        assertThat(index.under(Trait.CARD.keyOf("fp-1"))).isZero();
        assertThat(index.under(Trait.CARD.keyOf("fp-5"))).isEqualTo(1);
    }

    @Test
    void shouldKeepOrdersThatArriveOutOfOrderInPoolTimeOrder() {
        final ObservationIndex index = new ObservationIndex(ALL, 100);
        index.recallAndRemember(seen("o-2", NOW - MINUTE, "fp-1", null));
        index.recallAndRemember(seen("o-1", NOW - 2 * MINUTE, "fp-1", null));

        assertThat(index.recallAndRemember(seen("o-3", NOW, "fp-1", null)).get(Trait.CARD)).extracting(Observation::orderId)
                .containsExactly("o-2", "o-1", "o-3");
    }

    @Test
    void shouldIndexOnlyTheCountedTraits() {
        final ObservationIndex index = new ObservationIndex(EnumSet.of(Trait.CARD), 100);

        final var recalled = index.recallAndRemember(seen("o-1", NOW, "fp-1", "203.0.113.7"));

        assertThat(recalled).containsOnlyKeys(Trait.CARD);
        assertThat(index.under(Trait.IP.keyOf("203.0.113.7"))).isZero();
    }

    @Test
    void shouldRestoreOrdersUnderEachTraitAndThoseStoredOncePerKeyBefore20261202UnderTheirKey() {
        final List<ObservationIndex.Stored> stored = new ArrayList<>();
        stored.add(new ObservationIndex.Stored("o-2", seen("o-2", NOW - MINUTE, "fp-1", "203.0.113.7")));
        final Observation earlier = new Observation("o-1", NOW - 2 * MINUTE, "shop-a", "fp-1", "497010", "a@x.org", List.of("a"), false);
        for (final String key : List.of("card:fp-1", "ip:203.0.113.7", "email:a@x.org", "bin:497010", "phone:+33")) {
            stored.add(new ObservationIndex.Stored(key, earlier));
        }

        final ObservationIndex index = ObservationIndex.restore(ALL, 100, stored);

        assertThat(index.recallAndRemember(seen("o-3", NOW, "fp-1", "203.0.113.7"))).satisfies(recalled -> {
            assertThat(recalled.get(Trait.IP)).extracting(Observation::orderId).containsExactly("o-2", "o-1", "o-3");
            assertThat(recalled.get(Trait.CARD)).extracting(Observation::orderId).containsExactly("o-2", "o-1", "o-3");
        });
        assertThat(index.under("phone:+33")).as("no trait of the pool's").isZero();
        assertThat(index.size()).as("the earlier order's four records are one order").isEqualTo(3);
        assertThat(index.under(Trait.ADDRESS.keyOf("fr|69003|12 rue des lilas"))).as("the earlier order had no address record")
                .isEqualTo(2);
    }

    @Test
    void shouldRestoreFromMonthsOfOrdersReadInKeyOrderOnlyThePoolsMemoryBeforeTheLatestHoldingAboutThatMuch() {
        final long day = PoolView.DAY.toMillis();
        final ObservationIndex.Restoring restoring = ObservationIndex.restoring(ALL, 100_000);
        int mostHeld = 0;
        // 120 days of 100 orders a day, read in the order of their ids (a window store's order within a segment), not of time
        for (int i = 0; i < 12_000; i++) {
            final int order = (i * 7_919) % 12_000;
            restoring.add("o-" + order, seen("o-" + order, NOW - (12_000 - order) * (day / 100), "fp-" + order % 500, null));
            mostHeld = Math.max(mostHeld, restoring.held());
        }

        final ObservationIndex index = restoring.build();

        final long withinMemory = PoolView.MEMORY.toMillis() / (day / 100) + 1; // the latest, and those its memory reaches back to
        assertThat(index.size()).as("the orders within the pool's memory of the latest").isEqualTo((int) withinMemory);
        assertThat(mostHeld).as("about a day held while reading, not the 12,000").isLessThan(2_500);
        assertThat(index.recallAndRemember(seen("o-new", NOW, "fp-499", null)).get(Trait.CARD)).extracting(Observation::orderId)
                .as("o-499 is 120 days old, o-11999 within the day").containsExactly("o-11999", "o-new");
    }

    private static Observation seen(final String orderId, final long at, final String card, final String ip) {
        return new Observation(orderId, at, "shop-a", card, "497010", "a@x.org", List.of("a"), false, ip, "fr|69003|12 rue des lilas");
    }
}
