package org.orderpool.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class CommitIntervalDefaultsTest {

    @Test
    void shouldCommitEvery30MsExactlyOnceAndEvery100MsAtLeastOnce() {
        assertThat(CommitIntervalDefaults.applyTo(config("exactly_once_v2", null))).containsEntry("commit.interval.ms", 30);
        assertThat(CommitIntervalDefaults.applyTo(config("at_least_once", null))).containsEntry("commit.interval.ms", 100);
        assertThat(CommitIntervalDefaults.applyTo(config(null, null))).as("the pool's guarantee when none is named")
                .containsEntry("commit.interval.ms", 30);
    }

    @Test
    void shouldLeaveAnIntervalTheServiceOrTheDeploymentChose() {
        assertThat(CommitIntervalDefaults.applyTo(config("exactly_once_v2", "250"))).containsEntry("commit.interval.ms", "250");
        assertThat(CommitIntervalDefaults.applyTo(config("at_least_once", "20"))).containsEntry("commit.interval.ms", "20");
    }

    private static Properties config(final String guarantee, final String interval) {
        final Properties config = new Properties();
        if (guarantee != null) {
            config.put("processing.guarantee", guarantee);
        }
        if (interval != null) {
            config.put("commit.interval.ms", interval);
        }
        return config;
    }
}
