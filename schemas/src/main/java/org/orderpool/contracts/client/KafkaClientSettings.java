package org.orderpool.contracts.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * How a client of the pool connects: the bootstrap servers and, on a secured cluster, the SASL/SCRAM
 * login of its principal. The password is read from a file (a mounted secret), never passed on a
 * command line or baked into an image.
 */
public final class KafkaClientSettings {

    /** The SASL mechanism of the pool's secured clusters. */
    public static final String MECHANISM = "SCRAM-SHA-512";

    private KafkaClientSettings() {
    }

    /** A plaintext connection, as on the embedded stack. */
    public static Map<String, Object> plaintext(final String bootstrapServers) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }

    /** A SASL/SCRAM connection as {@code username}, with the password held in {@code passwordFile}. */
    public static Map<String, Object> scram(final String bootstrapServers, final String username, final Path passwordFile) {
        final Map<String, Object> settings = new LinkedHashMap<>(plaintext(bootstrapServers));
        settings.putAll(scramLogin(username, readPassword(passwordFile)));
        return settings;
    }

    /** The client settings of a SASL/SCRAM login (without bootstrap servers). */
    public static Map<String, String> scramLogin(final String username, final String password) {
        return Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + quoted(username) + "\" password=\"" + quoted(password) + "\";");
    }

    /** A secret file's content without the trailing line break editors and {@code echo} add. */
    public static String readPassword(final Path passwordFile) {
        try {
            final String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new IllegalArgumentException("the password file " + passwordFile + " is empty");
            }
            return password;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read the Kafka password file " + passwordFile + ": " + e.getMessage(), e);
        }
    }

    private static String quoted(final String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
