package org.orderpool.fraud.domain;

import java.time.Duration;

/**
 * A rule that counts: it adds {@code weight} points once {@code signal}, counted over the last
 * {@code window} across the pool, reaches {@code atLeast}. A rule of weight 0 adds nothing and is not
 * listed on its own, but combinations can still require it.
 */
public record CountRule(String id, Signal signal, Duration window, int atLeast, int weight) {
}
