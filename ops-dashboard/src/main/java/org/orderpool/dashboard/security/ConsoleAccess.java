package org.orderpool.dashboard.security;

import org.springframework.security.core.Authentication;

/** What the logged-in person may see: operators see customers, everyone else sees them masked. */
public final class ConsoleAccess {

    private ConsoleAccess() {
    }

    public static boolean isOperator(final Authentication authentication) {
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> ConsoleRole.OPERATOR.authority().equals(a.getAuthority()));
    }

    /** The value as this person may see it: unchanged for an operator, masked ({@link CustomerDataMask}) for anyone else. */
    public static <T> T visible(final Authentication authentication, final T json) {
        return isOperator(authentication) ? json : CustomerDataMask.maskAs(json);
    }
}
