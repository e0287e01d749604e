package io.confirmloop.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL server (binaries from Maven, no Docker) holding a database per user:
 * the app's and the raw-engine baseline's. The server trusts local connections.
 * <p>
 * Its data directory is one of the runner's own (kept across {@link #restart}, removed at the
 * end, also by a shutdown hook if the runner ends early), so the server can be stopped and started
 * again on the same port and data: the library runs {@code initdb} only when the directory holds no
 * {@code postgresql.conf}, and removes the directory on stop only when told to clean it.
 */
final class Database implements AutoCloseable {

    static final String USER = "postgres";
    static final String PASSWORD = "postgres";

    /**
     * A database's size on disk ({@code pg_database_size}) and its largest tables, each with its
     * indexes and TOAST ({@code pg_total_relation_size}).
     */
    record Size(String database, long bytes, List<Table> largest) {

        record Table(String name, long bytes) {
        }

        /** Two rows: the database's size and its largest tables. */
        void addTo(Report.Section section, String what) {
            section.row(what + " (pg_database_size of " + database + ")", Format.bytes(bytes));
            section.row("its " + largest.size() + " largest tables (pg_total_relation_size, with indexes)", largest.stream()
                    .map(t -> t.name() + " " + Format.bytes(t.bytes())).collect(Collectors.joining(" · ")));
        }
    }

    private static final String LARGEST_TABLES = """
            select case when n.nspname = 'public' then c.relname else n.nspname || '.' || c.relname end, pg_total_relation_size(c.oid)
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
            order by 2 desc, 1 limit ?""";

    /**
     * A restart: when the stop began and ended, when the start began and when the server answered
     * again ({@link System#nanoTime()}), and the wall clock of the stop's beginning.
     */
    record Restart(Instant stopAt, long stopNanos, long stoppedNanos, long startNanos, long startedNanos) {

        /** From the end of the stop until the server answered again. */
        double downSeconds() {
            return (startedNanos - stoppedNanos) / 1e9;
        }

        /** e.g. "stopped in 0.31 s (pg_ctl stop -m fast), started again 10.0 s later, up in 0.52 s; 10.5 s without a server" */
        String describe() {
            return "stopped in " + Format.seconds((stoppedNanos - stopNanos) / 1e9) + " (pg_ctl stop -m fast), started again "
                    + Format.seconds((startNanos - stoppedNanos) / 1e9) + " later on the same port and data directory, up in "
                    + Format.seconds((startedNanos - startNanos) / 1e9) + "; " + Format.seconds(downSeconds()) + " without a server";
        }
    }

    /** How long a stopped server may take to remove its {@code postmaster.pid}. */
    private static final Duration STOPPED_TIMEOUT = Duration.ofSeconds(15);

    private final Map<String, String> serverConfig;
    private final Path dataDirectory;
    private final Thread shutdownHook;
    private volatile EmbeddedPostgres postgres;

    private Database(Map<String, String> serverConfig, Path dataDirectory, EmbeddedPostgres postgres) {
        this.serverConfig = Map.copyOf(serverConfig);
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
        this.shutdownHook = new Thread(this::stopAndRemove, "stop-bench-postgres");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static Database start() throws IOException {
        return start(Map.of());
    }

    /** With settings that only take effect when the server starts, e.g. {@code shared_preload_libraries}. */
    static Database start(Map<String, String> serverConfig) throws IOException {
        Path dataDirectory = Files.createTempDirectory("bench-pg");
        return new Database(serverConfig, dataDirectory, server(serverConfig, dataDirectory, 0));
    }

    /** A server on this data directory (initdb first if it has none) and port (0: any free one). */
    private static EmbeddedPostgres server(Map<String, String> serverConfig, Path dataDirectory, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setPort(port);
        serverConfig.forEach(builder::setServerConfig);
        return builder.start();
    }

    /**
     * Stops the server ({@code pg_ctl stop -m fast}: sessions are ended, open transactions rolled
     * back), leaves it down for {@code down}, and starts it again on the same port and data
     * directory. Every connection open at the stop is broken; clients have to connect again.
     */
    Restart restart(Duration down) throws IOException {
        int port = postgres.getPort();
        Instant stopAt = Instant.now();
        long stopNanos = System.nanoTime();
        postgres.close();
        long stoppedNanos = System.nanoTime();
        await("PostgreSQL down for " + down).pollDelay(down).atMost(down.plusSeconds(5)).until(() -> true);
        long startNanos = System.nanoTime();
        postgres = server(serverConfig, dataDirectory, port);
        return new Restart(stopAt, stopNanos, stoppedNanos, startNanos, System.nanoTime());
    }

    /** A connection to a database created by {@link #create}. */
    Connection connect(String name) throws SQLException {
        return postgres.getDatabase(USER, name).getConnection();
    }

    /** Creates an empty database and answers its JDBC URL (without credentials). */
    String create(String name) throws SQLException {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name;
    }

    /** The size of a database created by {@link #create}, and its {@code tables} largest tables. */
    Size size(String name, int tables) throws SQLException {
        try (Connection c = connect(name)) {
            long bytes;
            try (PreparedStatement s = c.prepareStatement("select pg_database_size(?)")) {
                s.setString(1, name);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    bytes = rs.getLong(1);
                }
            }
            List<Size.Table> largest = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(LARGEST_TABLES)) {
                s.setInt(1, tables);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        largest.add(new Size.Table(rs.getString(1), rs.getLong(2)));
                    }
                }
            }
            return new Size(name, bytes, largest);
        }
    }

    /** {@link Size#addTo} of the database, or a row saying why its size could not be read. */
    void addSizeTo(Report.Section section, String name, String what) {
        try {
            size(name, 5).addTo(section, what);
        } catch (SQLException e) {
            section.row(what, "could not be read: " + e.getMessage());
        }
    }

    /** e.g. "PostgreSQL 14.19 (synchronous_commit off, shared_buffers 128MB, max_connections 300)" */
    String describe() throws SQLException {
        return "PostgreSQL " + setting("server_version") + " (synchronous_commit " + setting("synchronous_commit") + ", shared_buffers "
                + setting("shared_buffers") + ", max_connections " + setting("max_connections") + ")";
    }

    private String setting(String name) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void close() {
        stopAndRemove();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs (and finds the server stopped and its data removed)
        }
    }

    /**
     * Stops the server (unless the library's own shutdown hook is doing so: then waits until it has
     * stopped) and removes the data directory.
     */
    private synchronized void stopAndRemove() {
        if (!Files.isDirectory(dataDirectory)) {
            return;
        }
        try {
            postgres.close();
            await("PostgreSQL stopped").atMost(STOPPED_TIMEOUT).pollInterval(Duration.ofMillis(100)).pollInSameThread()
                    .until(() -> !Files.exists(dataDirectory.resolve("postmaster.pid")));
            try (Stream<Path> paths = Files.walk(dataDirectory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        } catch (IOException | RuntimeException e) {
            Progress.say("could not remove PostgreSQL's data directory %s: %s", dataDirectory, e);
        }
    }
}
