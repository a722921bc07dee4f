package org.orderpool.fraud.domain;

import java.util.List;

/**
 * A rule that fires on a combination: it adds {@code weight} points when every one of {@code allOf}
 * holds, each a {@link Condition} (by its configuration name) or the id of another rule that fired.
 */
public record Combination(String id, int weight, List<String> allOf) {

    public Combination {
        allOf = List.copyOf(allOf);
    }
}
