package org.orderpool.runtime;

import java.util.function.Predicate;

/** Questions about a failure's chain of causes. */
final class Causes {

    /** The deepest chain walked: a chain longer than this is taken to loop. */
    private static final int DEPTH = 64;

    private Causes() {
    }

    /** Whether {@code failure} or one of its causes matches {@code test} (a cause that is its own cause ends the chain). */
    static boolean anyMatch(final Throwable failure, final Predicate<Throwable> test) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < DEPTH; depth++) {
            if (test.test(cause)) {
                return true;
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return false;
    }
}
