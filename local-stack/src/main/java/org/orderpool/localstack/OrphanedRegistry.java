package org.orderpool.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.orderpool.infra.ApicurioRegistryServer;

/**
 * The registry runs in its own session so that Ctrl-C does not kill it before the services; if the
 * stack's JVM is killed outright, the registry would outlive it and hold its port. Its pid is kept
 * in the data directory, and the next start stops a registry left behind.
 */
final class OrphanedRegistry {

    private static final String PID_FILE = "registry.pid";

    private OrphanedRegistry() {
    }

    static void remember(final Path dataDir, final ApicurioRegistryServer registry) {
        registry.pid().ifPresent(pid -> {
            try {
                Files.writeString(dataDir.resolve(PID_FILE), Long.toString(pid), StandardCharsets.UTF_8);
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static void stopIfLeftBehind(final Path dataDir) {
        final Path pidFile = dataDir.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            final long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).strip());
            final Optional<ProcessHandle> process = ProcessHandle.of(pid)
                    .filter(p -> p.info().commandLine().orElse("").contains("apicurio-registry"));
            if (process.isPresent()) {
                System.out.println("Stopping the schema registry left behind by an earlier run (process " + pid + ")");
                process.get().destroy();
                process.get().onExit().get(15, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(pidFile);
        } catch (final Exception e) {
            System.err.println("Could not check for a registry left behind: " + e.getMessage());
        }
    }
}
