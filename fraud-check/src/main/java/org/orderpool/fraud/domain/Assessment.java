package org.orderpool.fraud.domain;

import java.util.List;
import java.util.Optional;

/** A score, the decision it leads to, and every reason that contributed, largest weight first. */
public record Assessment(int score, Decision decision, List<Reason> reasons, Optional<ListEntry> listMatch, String rulesVersion) {

    /** What happens to the order. */
    public enum Decision { ACCEPT, REVIEW, BLOCK }

    /** One rule that contributed: its id, the points it added and what it saw. */
    public record Reason(String ruleId, int weight, String observed, String description) {
    }
}
