package org.orderpool.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds ports nobody listens on, and tells whether a given port is taken.
 *
 * <p>A port is picked below the system's ephemeral range (Linux: {@code /proc/sys/net/ipv4/ip_local_port_range}), not
 * from it: a port the system handed out as free is handed out again to the next outgoing connection, and a server that
 * binds it a few seconds later (a schema registry starting) then finds it taken. Seen in CI on 2026-12-07: a registry's
 * port taken by another test's client while it started.
 */
public final class FreePorts {

    /** The lowest port picked: above the well-known and most registered ones. */
    static final int LOWEST = 20_000;
    private static final int ATTEMPTS = 200;

    private FreePorts() {
    }

    public static int pick() {
        final int below = ephemeralRangeStart();
        if (below > LOWEST) {
            for (int i = 0; i < ATTEMPTS; i++) {
                final int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
                if (!isTaken(port)) {
                    return port;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }

    public static boolean isTaken(final int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return false;
        } catch (final IOException e) {
            return true;
        }
    }

    /** The first port of the system's ephemeral range; Linux's default (32768) where the system does not say. */
    static int ephemeralRangeStart() {
        // read by line: a /proc file reports a size of 0, which whole-file reads go by
        try (BufferedReader reader = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            final String range = reader.readLine();
            return Integer.parseInt(range.strip().split("\\s+")[0]);
        } catch (final IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
