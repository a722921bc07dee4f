package org.orderpool.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.orderpool.infra.ChildMain;
import org.orderpool.infra.ClassPath;

/**
 * One service of the pipeline as a child JVM started from this module's class path, as an operator
 * would run it: its own process, its own state directory, its log in a file. {@link #kill()} is a
 * SIGKILL ({@link Process#destroyForcibly()}): no shutdown hook, no flush, no leaving the group.
 * {@link #pause()} and {@link #resume()} are SIGSTOP and SIGCONT: the process freezes as in a long GC
 * pause or a stopped VM, and wakes up believing it still owns its partitions. A process that ends
 * without being told to is counted ({@link #unexpectedExits()}). Each runs under {@link ChildMain}, so
 * it halts when the JVM that started it is gone.
 */
final class ServiceProcess {

    private final String name;
    private final String mainClass;
    private final List<String> args;
    private final Path stateDir;
    private final Path logDir;
    private final String classPath = ClassPath.current();
    /** Held while a fault (a kill, a pause, a restart) takes this service, so two faults never take it at once. */
    private final ReentrantLock faults = new ReentrantLock();
    private Process process;
    private int starts;
    private int kills;
    private int pauses;
    private int unexpectedExits;
    private boolean paused;

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

    /** The lock a fault holds while it takes this service (other services stay free for other faults). */
    ReentrantLock faultLock() {
        return faults;
    }

    synchronized void start() {
        final List<String> command = new ArrayList<>(List.of(ClassPath.java(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath));
        final String trusted = System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES");
        if (trusted != null) {
            command.add("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=" + trusted);
        }
        command.addAll(List.of(ChildMain.command(mainClass)));
        command.addAll(args);
        command.add("--spring.kafka.streams.state-dir=" + stateDir.toAbsolutePath());
        try {
            Files.createDirectories(logDir);
            final Path log = logDir.resolve(name + "-" + (++starts) + ".log");
            final Process started = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            process = started;
            started.onExit().thenAccept(this::exited);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** SIGKILL, then waits for the process to be gone (without holding this object: its exit callback needs it). */
    void kill() {
        final Process killed;
        synchronized (this) {
            if (process == null) {
                return;
            }
            killed = process;
            process = null;
            paused = false;
            kills++;
        }
        killed.destroyForcibly();
        waitFor(killed);
    }

    /** SIGSTOP: the process stops where it is, without a chance to notice, until {@link #resume()}. */
    synchronized void pause() {
        if (!isAlive()) {
            throw new IllegalStateException(name + " is not running");
        }
        signal("STOP");
        paused = true;
        pauses++;
    }

    /** SIGCONT: the paused process goes on from where it stopped. */
    synchronized void resume() {
        if (paused && isAlive()) {
            signal("CONT");
        }
        paused = false;
    }

    /** The process id while it runs. */
    synchronized long pid() {
        if (!isAlive()) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
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
    void stop() {
        final Process stopped;
        synchronized (this) {
            resume();
            if (process == null || !process.isAlive()) {
                return;
            }
            stopped = process;
            process = null;
        }
        stopped.destroy();
        waitFor(stopped);
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Whether the current run of the process logged that Spring started it. */
    synchronized boolean hasStarted() {
        return hasLogged("Started ");
    }

    /** Whether the current run of the process logged this text. */
    synchronized boolean hasLogged(final String text) {
        try {
            final Path log = logDir.resolve(name + "-" + starts + ".log");
            return Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text);
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

    synchronized int pauses() {
        return pauses;
    }

    /** How often the process ended without being killed or stopped (a crash, a failed start). */
    synchronized int unexpectedExits() {
        return unexpectedExits;
    }

    /** The log of the current (or last) start. */
    synchronized Path currentLog() {
        return logDir.resolve(name + "-" + starts + ".log");
    }

    /** Every log this service wrote during the run, one per start. */
    List<Path> logs() {
        try (Stream<Path> files = Files.list(logDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(name + "-")).sorted().toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void exited(final Process ended) {
        if (ended == process) {
            unexpectedExits++;
            process = null;
        }
    }

    private void signal(final String signal) {
        try {
            final Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed for " + name);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot send SIG" + signal + " to " + name, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + signal + " to " + name, e);
        }
    }

    private void waitFor(final Process process) {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not stop within 30 s");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
