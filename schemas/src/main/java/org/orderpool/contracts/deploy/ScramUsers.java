package org.orderpool.contracts.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.orderpool.contracts.client.KafkaClientSettings;
import org.orderpool.contracts.client.ToolOptions;

/**
 * Creates or updates the SCRAM-SHA-512 credentials of a secured cluster's principals, as the super
 * user. It runs before anything else logs in (the schema registry too), so it needs no registry.
 */
public final class ScramUsers {

    private static final String USAGE = "--bootstrap-servers=HOST:PORT,... --sasl-username=ADMIN --sasl-password-file=F"
            + " --users=DIR (one file <user>.password per principal)";

    private ScramUsers() {
    }

    /** Creates or updates each user (name to password); {@code kafkaClient} must log in as a super user. */
    public static void upsert(final Map<String, Object> kafkaClient, final Map<String, String> passwords) {
        AdminCalls.run(kafkaClient, "create the SCRAM users " + passwords.keySet(), admin -> admin.alterUserScramCredentials(
                passwords.entrySet().stream().<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user.getKey(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), user.getValue())).toList())
                .all().get(60, TimeUnit.SECONDS));
    }

    /** The passwords of a directory holding one {@code <user>.password} file per principal. */
    public static Map<String, String> fromDirectory(final Path directory) throws IOException {
        final Map<String, String> passwords = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(file -> file.getFileName().toString().endsWith(".password")).forEach(file -> passwords.put(
                    file.getFileName().toString().replaceFirst("\\.password$", ""), KafkaClientSettings.readPassword(file)));
        }
        return passwords;
    }

    public static void main(final String[] args) throws IOException {
        final ToolOptions options = ToolOptions.parse(args, Set.of("--users"), USAGE);
        final Path directory = Path.of(options.get("--users").orElseThrow(() -> new IllegalArgumentException("--users is required; use "
                + USAGE)));
        final Map<String, String> passwords = fromDirectory(directory);
        upsert(options.kafkaClient(), passwords);
        System.out.println("SCRAM users created or updated: " + passwords.keySet());
    }
}
