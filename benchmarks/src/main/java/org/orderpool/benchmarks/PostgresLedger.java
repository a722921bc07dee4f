package org.orderpool.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a user would pick instead of stock-reservation: a PostgreSQL ledger on the same machine, as {@link StockBenchmark}'s
 * reference. A server of Debian's {@code postgresql} package started for the run (its own data directory under
 * {@code target/}, default settings, so durable commits; loopback only, trust authentication, so no password exists),
 * and {@value #CLIENTS} clients reserving the same orders: each order one transaction that locks its SKUs' rows in SKU
 * order, reserves every line or none, and records the order (once: an order reserved before is not reserved again) and its
 * holds.
 */
final class PostgresLedger implements AutoCloseable {

    static final int CLIENTS = 16;
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path data;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresLedger(final Path data, final int port, final boolean asPostgresUser) {
        this.data = data;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Creates a cluster in {@code directory} and starts it (as the {@code postgres} user when run as root: initdb refuses root). */
    static PostgresLedger start(final Path directory) throws IOException, InterruptedException {
        if (!Files.isExecutable(BIN.resolve("pg_ctl"))) {
            throw new IllegalStateException("PostgreSQL 15 is not installed (" + BIN + "): apt-get install -y postgresql, as the"
                    + " performance document's command says");
        }
        final boolean root = "root".equals(System.getProperty("user.name"));
        final Path data = directory.resolve("pgdata");
        Files.createDirectories(directory);
        final int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        final PostgresLedger ledger = new PostgresLedger(data, port, root);
        if (root) {
            // the run's work directory is private to its creator: the server's user must reach its own directory in it
            Files.setPosixFilePermissions(directory.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
            run(List.of("chown", "postgres:postgres", directory.toString()), false);
        }
        ledger.pg(List.of(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                "--no-instructions"));
        ledger.pg(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", directory.resolve("server.log").toString(),
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + directory, "-w", "start"));
        return ledger;
    }

    /** Fresh tables, every SKU with {@code units} on hand. */
    void stock(final List<String> skus, final long units) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS hold, reserved_order, sku_stock");
            statement.execute("CREATE TABLE sku_stock (sku text PRIMARY KEY, on_hand bigint NOT NULL,"
                    + " reserved bigint NOT NULL CHECK (reserved >= 0 AND reserved <= on_hand))");
            statement.execute("CREATE TABLE reserved_order (order_id text PRIMARY KEY, reserved_at timestamptz NOT NULL)");
            statement.execute("CREATE TABLE hold (order_id text NOT NULL REFERENCES reserved_order, sku text NOT NULL REFERENCES sku_stock,"
                    + " quantity int NOT NULL, PRIMARY KEY (order_id, sku))");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sku_stock VALUES (?, ?, 0)")) {
                for (final String sku : skus) {
                    insert.setString(1, sku);
                    insert.setLong(2, units);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    /**
     * Reserves every order (its lines, one unit each) with {@value #CLIENTS} clients; returns the orders per second, from the
     * first transaction to the last commit. Fails if any order was not reserved.
     */
    double reserve(final String prefix, final List<List<String>> orders) throws Exception {
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger reserved = new AtomicInteger();
        final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        final List<Future<?>> done = new ArrayList<>();
        final long started = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            done.add(clients.submit(() -> {
                try (Connection connection = connect()) {
                    connection.setAutoCommit(false);
                    for (int i = next.getAndIncrement(); i < orders.size(); i = next.getAndIncrement()) {
                        if (reserveOne(connection, prefix + "o-" + i, orders.get(i))) {
                            reserved.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (final Future<?> client : done) {
            client.get();
        }
        final double seconds = (System.nanoTime() - started) / 1e9;
        clients.shutdown();
        clients.awaitTermination(10, TimeUnit.SECONDS);
        if (reserved.get() < orders.size()) {
            throw new IllegalStateException("PostgreSQL reserved only " + reserved.get() + " of " + orders.size() + " orders");
        }
        return orders.size() / seconds;
    }

    /** One order, one transaction: all its lines or none. */
    private static boolean reserveOne(final Connection connection, final String orderId, final List<String> lines) throws SQLException {
        final List<String> skus = lines.stream().sorted().toList();
        try {
            try (PreparedStatement order = connection.prepareStatement(
                    "INSERT INTO reserved_order VALUES (?, now()) ON CONFLICT (order_id) DO NOTHING")) {
                order.setString(1, orderId);
                if (order.executeUpdate() == 0) {
                    connection.rollback();
                    return false; // reserved before
                }
            }
            final Map<String, Long> available = new HashMap<>();
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT sku, on_hand - reserved FROM sku_stock WHERE sku = ANY (?) ORDER BY sku FOR UPDATE")) {
                final Array array = connection.createArrayOf("text", skus.toArray());
                lock.setArray(1, array);
                try (ResultSet rows = lock.executeQuery()) {
                    while (rows.next()) {
                        available.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
            if (skus.stream().anyMatch(sku -> available.getOrDefault(sku, 0L) < 1)) {
                connection.rollback();
                return false; // not enough of one line: none is reserved
            }
            try (PreparedStatement take = connection.prepareStatement("UPDATE sku_stock SET reserved = reserved + 1 WHERE sku = ?");
                 PreparedStatement hold = connection.prepareStatement("INSERT INTO hold VALUES (?, ?, 1)")) {
                for (final String sku : skus) {
                    take.setString(1, sku);
                    take.addBatch();
                    hold.setString(1, orderId);
                    hold.setString(2, sku);
                    hold.addBatch();
                }
                take.executeBatch();
                hold.executeBatch();
            }
            connection.commit();
            return true;
        } catch (final SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        pg(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
    }

    private void pg(final List<String> command) throws IOException, InterruptedException {
        final List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full, true);
    }

    private static void run(final List<String> command, final boolean quiet) throws IOException, InterruptedException {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        if (!quiet) {
            System.out.print(output);
        }
    }
}
