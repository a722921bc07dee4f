package org.orderpool.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Formats a KRaft node's log directory once, as {@code kafka-storage format} does: the in-JVM broker and
 * every node of {@link KafkaCluster} start from a directory prepared here. A directory that already holds
 * {@code meta.properties} is left as it is, so a restart resumes the node's data.
 */
final class KraftStorage {

    private KraftStorage() {
    }

    /**
     * @param scramArguments SCRAM credentials to create with the metadata (KIP-900), or none
     * @param node           how errors name the node, e.g. "Kafka node 2"
     */
    static void formatIfNew(final Path logDir, final String clusterId, final int nodeId, final String controllerListener,
                            final List<String> scramArguments, final String node) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setClusterId(clusterId)
                    .setNodeId(nodeId)
                    .setControllerListenerName(controllerListener)
                    .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
                    .setDirectories(List.of(logDir.toAbsolutePath().toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setScramArguments(scramArguments)
                    .run();
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot create the log directory of " + node + " in " + logDir, e);
        } catch (final Exception e) {
            throw new IllegalStateException("Cannot format the log directory of " + node + " in " + logDir + ": " + e.getMessage(), e);
        }
    }
}
