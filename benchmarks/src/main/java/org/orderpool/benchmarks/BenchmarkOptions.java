package org.orderpool.benchmarks;

import java.util.HashMap;
import java.util.Map;

/** A benchmark's {@code name=value} arguments over its defaults. */
final class BenchmarkOptions {

    private final Map<String, String> values;

    private BenchmarkOptions(final Map<String, String> values) {
        this.values = values;
    }

    static BenchmarkOptions parse(final String[] args, final Map<String, String> defaults) {
        final Map<String, String> values = new HashMap<>(defaults);
        for (final String arg : args) {
            final String[] kv = arg.split("=", 2);
            if (kv.length != 2 || !defaults.containsKey(kv[0])) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; use name=value with a name among " + defaults.keySet());
            }
            values.put(kv[0], kv[1]);
        }
        return new BenchmarkOptions(values);
    }

    int integer(final String name) {
        return Integer.parseInt(values.get(name));
    }

    String text(final String name) {
        return values.get(name);
    }

    long number(final String name) {
        return Long.parseLong(values.get(name));
    }
}
