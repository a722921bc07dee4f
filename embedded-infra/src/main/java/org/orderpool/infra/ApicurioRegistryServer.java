package org.orderpool.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry 2.6 started from its server bundle as a child process. Clients use its
 * Confluent-compatible API ({@link #confluentApiUrl()}), configured to behave like Confluent Schema
 * Registry: the same integer id for the same schema, and BACKWARD compatibility enforced on every
 * subject. Without a data directory it keeps schemas in memory; with one, in an H2 file there.
 *
 * <p>The bundle is unpacked by the build into {@code target/apicurio-registry} of the project root;
 * the system property {@value #HOME_PROPERTY} overrides where to find it.
 */
public final class ApicurioRegistryServer implements AutoCloseable {

    public static final String HOME_PROPERTY = "apicurio.home";
    private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistryServer.class);
    private static final String RUNNER_SUFFIX = "-runner.jar";
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final int port;
    private final Path dataDir;
    private final Path logFile;
    private final boolean ownedByCaller;
    private Process process;
    private boolean hooked;

    private ApicurioRegistryServer(final int port, final Path dataDir, final Path logFile, final boolean ownedByCaller) {
        this.port = port;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.ownedByCaller = ownedByCaller;
    }

    /**
     * A registry that stops with this JVM (tests).
     *
     * @param port    HTTP port, or 0 for a free one
     * @param dataDir where to persist schemas, or null to keep them in memory
     * @param logFile where the registry's own output goes
     */
    public static ApicurioRegistryServer create(final int port, final Path dataDir, final Path logFile) {
        return new ApicurioRegistryServer(port == 0 ? FreePorts.pick() : port, dataDir, logFile, false);
    }

    /**
     * A registry that only {@link #close()} stops: it runs in its own session, so a Ctrl-C meant for
     * this JVM does not kill it before the services that use it have stopped (the local stack).
     */
    public static ApicurioRegistryServer createOwned(final int port, final Path dataDir, final Path logFile) {
        return new ApicurioRegistryServer(port == 0 ? FreePorts.pick() : port, dataDir, logFile, true);
    }

    public synchronized ApicurioRegistryServer start() {
        if (process != null) {
            return this;
        }
        if (FreePorts.isTaken(port)) {
            throw new IllegalStateException("Cannot start Apicurio Registry: port " + port
                    + " is already in use (is another registry or another instance of the stack running?)");
        }
        final Path runner = findRunnerJar();
        final long started = System.nanoTime();
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            final List<String> command = new ArrayList<>();
            if (ownedByCaller && Files.isExecutable(SETSID)) {
                command.add(SETSID.toString());
            }
            command.addAll(List.of(javaExecutable(), "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", runner.toString()));
            final ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile());
            final Map<String, String> env = builder.environment();
            env.put("HTTP_PORT", Integer.toString(port));
            env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            env.put("ENABLE_CCOMPAT_CANONICAL_HASH_MODE", "true");
            env.put("REGISTRY_RULES_GLOBAL_COMPATIBILITY", "BACKWARD");
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                env.put("REGISTRY_DATASOURCE_URL", "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("registry"));
            }
            process = builder.start();
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot start Apicurio Registry from " + runner, e);
        }
        if (!ownedByCaller && !hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::close, "apicurio-registry-stop"));
            hooked = true;
        }
        awaitReady(Duration.ofSeconds(90));
        LOG.info("Apicurio Registry ready on {} in {} ms (log: {})", confluentApiUrl(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), logFile);
        return this;
    }

    /**
     * Starts the registry on another thread, so that its JVM boots while the caller starts the broker;
     * {@link CompletableFuture#join()} waits for it and rethrows a failure to start.
     */
    public CompletableFuture<ApicurioRegistryServer> startInBackground() {
        return CompletableFuture.supplyAsync(this::start, runnable -> new Thread(runnable, "apicurio-registry-start").start());
    }

    /** Base URL of the Confluent Schema Registry compatible API. */
    public String confluentApiUrl() {
        return "http://localhost:" + port + "/apis/ccompat/v7";
    }

    public int port() {
        return port;
    }

    /** The registry's process id, while it runs. */
    public Optional<Long> pid() {
        return Optional.ofNullable(process).map(Process::pid);
    }

    /** Whether the registry's process is alive (it may still be starting). */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * SIGKILL, as a crash would stop it; returns once the process is gone. {@link #start()} starts it
     * again on the same port (and, given a data directory, with the same schemas and ids).
     */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (final InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** The bundle's runner jar, or a clear error saying how to get it. */
    public static Path findRunnerJar() {
        final Path home = home();
        try (Stream<Path> files = Files.isDirectory(home) ? Files.list(home) : Stream.empty()) {
            final Optional<Path> runner = files.filter(f -> f.getFileName().toString().endsWith(RUNNER_SUFFIX)).findFirst();
            return runner.orElseThrow(() -> new IllegalStateException("Apicurio Registry is not unpacked in " + home
                    + ": run './mvnw install -DskipTests' from the project root first (it unpacks the server bundle"
                    + " from Maven Central), or set -D" + HOME_PROPERTY + " to a directory holding *" + RUNNER_SUFFIX));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path home() {
        final String configured = System.getProperty(HOME_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        // Not configured: look for the project root's target/apicurio-registry from the working directory up.
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve("target").resolve("apicurio-registry");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of("target", "apicurio-registry").toAbsolutePath();
    }

    private void awaitReady(final Duration timeout) {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        final HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited with code " + process.exitValue()
                        + " while starting on port " + port + ". Last lines of " + logFile + ":\n" + tail(logFile, 20));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (final IOException notYet) {
                // still starting
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Apicurio Registry", e);
            }
            try {
                Thread.sleep(200);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Apicurio Registry", e);
            }
        }
        close();
        throw new IllegalStateException("Apicurio Registry did not become ready on port " + port + " within "
                + timeout.toSeconds() + " s. Last lines of " + logFile + ":\n" + tail(logFile, 20));
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String tail(final Path file, final int lines) {
        try {
            final List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (final IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
