package org.orderpool.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.orderpool.infra.ClassPath;

/**
 * One service of the pipeline as a child JVM started from this module's class path, as an operator
 * would run it: its own process, its own state directory, its log in a file. {@link #kill()} is a
 * SIGKILL ({@link Process#destroyForcibly()}): no shutdown hook, no flush, no leaving the group.
 */
final class ServiceProcess {

    private final String name;
    private final String mainClass;
    private final List<String> args;
    private final Path stateDir;
    private final Path logDir;
    private final String classPath = ClassPath.current();
    private Process process;
    private int starts;
    private int kills;

    ServiceProcess(final String name, final String mainClass, final List<String> args, final Path stateDir, final Path logDir) {
        this.name = name;
        this.mainClass = mainClass;
        this.args = List.copyOf(args);
        this.stateDir = stateDir;
        this.logDir = logDir;
    }

    String name() {
        return name;
    }

    synchronized void start() {
        final List<String> command = new ArrayList<>(List.of(ClassPath.java(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath));
        final String trusted = System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES");
        if (trusted != null) {
            command.add("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=" + trusted);
        }
        command.add(mainClass);
        command.addAll(args);
        command.add("--spring.kafka.streams.state-dir=" + stateDir.toAbsolutePath());
        try {
            Files.createDirectories(logDir);
            final Path log = logDir.resolve(name + "-" + (++starts) + ".log");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** SIGKILL, then waits for the process to be gone. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        waitFor();
        kills++;
    }

    /** Deletes the state directory (while the process is down): the service rebuilds it from its changelogs. */
    synchronized void wipeState() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        if (!Files.exists(stateDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot wipe " + stateDir, e);
        }
    }

    /** A graceful stop (SIGTERM) at the end of a run. */
    synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Whether the current run of the process logged that Spring started it. */
    synchronized boolean hasStarted() {
        try {
            final Path log = logDir.resolve(name + "-" + starts + ".log");
            return Files.exists(log) && Files.readString(log).contains("Started ");
        } catch (final IOException e) {
            return false;
        }
    }

    synchronized int kills() {
        return kills;
    }

    synchronized int starts() {
        return starts;
    }

    /** Every log this service wrote during the run, one per start. */
    List<Path> logs() {
        try (Stream<Path> files = Files.list(logDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(name + "-")).sorted().toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not stop within 30 s");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
