package org.orderpool.contracts.client;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code --name=value} options of the pool's command-line tools (contract deployer, calendar
 * publisher, SCRAM users). Every tool takes {@code --bootstrap-servers}, most {@code --registry-url}, and on a secured
 * cluster {@code --sasl-username} with {@code --sasl-password-file}; unknown options are refused with
 * the usage, so a typo never passes silently.
 */
public final class ToolOptions {

    private static final List<String> CONNECTION = List.of("--bootstrap-servers", "--registry-url", "--sasl-username",
            "--sasl-password-file");

    private final Map<String, String> values;
    private final String usage;

    private ToolOptions(final Map<String, String> values, final String usage) {
        this.values = values;
        this.usage = usage;
    }

    /**
     * @param args  the command line
     * @param own   the tool's own options besides the connection's
     * @param usage the tool's usage line, shown with any error
     */
    public static ToolOptions parse(final String[] args, final Set<String> own, final String usage) {
        final Set<String> known = new LinkedHashSet<>(CONNECTION);
        known.addAll(own);
        final Map<String, String> values = new HashMap<>();
        for (final String arg : args) {
            final String[] parts = arg.split("=", 2);
            if (!known.contains(parts[0])) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; use " + usage);
            }
            values.put(parts[0], parts.length == 2 ? parts[1] : "true");
        }
        if (!values.containsKey("--bootstrap-servers")) {
            throw new IllegalArgumentException("--bootstrap-servers is required; use " + usage);
        }
        if (values.containsKey("--sasl-username") != values.containsKey("--sasl-password-file")) {
            throw new IllegalArgumentException("--sasl-username and --sasl-password-file go together; use " + usage);
        }
        return new ToolOptions(values, usage);
    }

    public Optional<String> get(final String option) {
        return Optional.ofNullable(values.get(option));
    }

    public String get(final String option, final String fallback) {
        return values.getOrDefault(option, fallback);
    }

    public boolean has(final String flag) {
        return values.containsKey(flag);
    }

    public String registryUrl() {
        if (!values.containsKey("--registry-url")) {
            throw new IllegalArgumentException("--registry-url is required; use " + usage);
        }
        return values.get("--registry-url");
    }

    /** The Kafka connection: plaintext, or SASL/SCRAM when a user name and password file were given. */
    public Map<String, Object> kafkaClient() {
        final String bootstrap = values.get("--bootstrap-servers");
        return get("--sasl-username")
                .map(user -> KafkaClientSettings.scram(bootstrap, user, Path.of(values.get("--sasl-password-file"))))
                .orElseGet(() -> KafkaClientSettings.plaintext(bootstrap));
    }
}
