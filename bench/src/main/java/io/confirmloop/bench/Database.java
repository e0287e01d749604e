package io.confirmloop.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL server (binaries from Maven, no Docker) holding a database per user:
 * the app's and the raw-engine baseline's. The server trusts local connections.
 */
final class Database implements AutoCloseable {

    static final String USER = "postgres";
    static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    private Database(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static Database start() throws IOException {
        return new Database(EmbeddedPostgres.builder().start());
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
