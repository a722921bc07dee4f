package org.orderpool.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** One running stack per data directory: an OS file lock, released even when the JVM dies. */
final class StackLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;
    private final Path pidFile;

    private StackLock(final FileChannel channel, final FileLock lock, final Path pidFile) {
        this.channel = channel;
        this.lock = lock;
        this.pidFile = pidFile;
    }

    static StackLock acquire(final Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            final Path pidFile = dataDir.resolve("stack.pid");
            final FileChannel channel = FileChannel.open(dataDir.resolve("stack.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            final FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (final java.nio.channels.OverlappingFileLockException e) {
                channel.close();
                throw new AlreadyRunningException("The local stack is already running in this process on " + dataDir.toAbsolutePath());
            }
            if (lock == null) {
                channel.close();
                final String pid = Files.exists(pidFile) ? Files.readString(pidFile, StandardCharsets.UTF_8).trim() : "unknown";
                throw new AlreadyRunningException("The local stack is already running on " + dataDir.toAbsolutePath()
                        + " (process " + pid + "). Stop it with Ctrl-C in its terminal (or kill " + pid + ") before starting another.");
            }
            Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
            return new StackLock(channel, lock, pidFile);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot lock the data directory " + dataDir, e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(pidFile);
            lock.release();
            channel.close();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Another stack holds the data directory. */
    static final class AlreadyRunningException extends RuntimeException {
        AlreadyRunningException(final String message) {
            super(message);
        }
    }
}
