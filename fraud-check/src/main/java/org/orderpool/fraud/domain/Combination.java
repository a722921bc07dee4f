package org.orderpool.fraud.domain;

import java.util.List;

/**
 * A rule that fires on a combination: it adds {@code weight} points when every one of {@code allOf}
 * holds, each a {@link Condition} (by its configuration name) or the id of another rule that fired.
 * Combinations that share a {@code group} (several views of one pattern, such as the ways an account
 * takeover shows) add only the heaviest weight among those that fire; the others are still listed, at 0.
 *
 * @param group null for a combination that adds its weight whatever else fires
 */
public record Combination(String id, int weight, List<String> allOf, String group) {

    public Combination {
        allOf = List.copyOf(allOf);
        group = group == null || group.isBlank() ? null : group;
    }

    public Combination(final String id, final int weight, final List<String> allOf) {
        this(id, weight, allOf, null);
    }
}
