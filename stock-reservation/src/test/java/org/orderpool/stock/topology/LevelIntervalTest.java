package org.orderpool.stock.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How often a SKU's changed figures are published on stock.levels, from the service's commit interval. */
class LevelIntervalTest {

    @Test
    void followsTheCommitIntervalBetweenATenthOfASecondAndASecond() {
        assertThat(SkuProcessor.levelEvery("250")).isEqualTo(Duration.ofMillis(250));
        assertThat(SkuProcessor.levelEvery(5_000L)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SkuProcessor.levelEvery(null)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aShortCommitIntervalDoesNotPublishABusySkuMoreOftenThanEveryTenthOfASecond() {
        assertThat(SkuProcessor.levelEvery("30")).isEqualTo(Duration.ofMillis(100));
        assertThat(SkuProcessor.levelEvery(1)).isEqualTo(Duration.ofMillis(100));
    }
}
