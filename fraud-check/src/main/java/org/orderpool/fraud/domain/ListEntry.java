package org.orderpool.fraud.domain;

/** An allow or block list entry that matched an order: what it matched on and why it exists. */
public record ListEntry(Kind kind, String matchedOn, String value, String reason) {

    /** What a match does. */
    public enum Kind { ALLOW, BLOCK }
}
