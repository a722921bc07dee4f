package org.orderpool.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CausesTest {

    @Test
    void shouldFindACauseDeepInTheChain() {
        final Throwable failure = new RuntimeException("step", new IllegalStateException("serde", new ArithmeticException("root")));

        assertThat(Causes.anyMatch(failure, cause -> cause instanceof ArithmeticException)).isTrue();
        assertThat(Causes.anyMatch(failure, cause -> cause instanceof NullPointerException)).isFalse();
    }

    @Test
    void shouldEndAChainThatLoops() {
        final RuntimeException first = new RuntimeException("first");
        final RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(Causes.anyMatch(second, cause -> cause instanceof NullPointerException)).as("a loop of two ends").isFalse();
        assertThat(Causes.anyMatch(second, cause -> cause == first)).isTrue();
    }
}
