package org.orderpool.dashboard.security;

/** What a person logged in to the ops console may do. */
public enum ConsoleRole {
    /** Reads every panel, with customers' e-mails, names and addresses masked; acts on nothing. */
    VIEWER,
    /** Reads everything unmasked and does the actions (reviews, fraud lists, cancellations, stock, calendars, dead letters). */
    OPERATOR;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
