package io.confirmloop.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL server (binaries from Maven, no Docker) holding a database per user:
 * the app's and the raw-engine baseline's. The server trusts local connections.
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

    private final EmbeddedPostgres postgres;

    private Database(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static Database start() throws IOException {
        return new Database(EmbeddedPostgres.builder().start());
    }

    /** With settings that only take effect when the server starts, e.g. {@code shared_preload_libraries}. */
    static Database start(Map<String, String> serverConfig) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        serverConfig.forEach(builder::setServerConfig);
        return new Database(builder.start());
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
        try (Connection c = postgres.getDatabase(USER, name).getConnection()) {
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
    public void close() throws IOException {
        postgres.close();
    }
}
