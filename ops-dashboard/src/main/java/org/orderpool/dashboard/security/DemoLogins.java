package org.orderpool.dashboard.security;

/**
 * The local profile's demo users, as the embedded stack prints them and tests log in; their bcrypt
 * hashes are in {@code ops-dashboard.yml} (local profile). Never configured outside the local profile.
 */
public final class DemoLogins {

    public record Login(String name, String password, ConsoleRole role) {
    }

    public static final Login OPERATOR = new Login("ops", "demo-ops", ConsoleRole.OPERATOR);
    public static final Login VIEWER = new Login("viewer", "demo-viewer", ConsoleRole.VIEWER);

    private DemoLogins() {
    }

    /** One line for a start-up banner. */
    public static String describe() {
        return "log in as " + OPERATOR.name() + " / " + OPERATOR.password() + " (operator) or " + VIEWER.name() + " / " + VIEWER.password()
                + " (viewer)";
    }
}
