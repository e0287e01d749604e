package io.confirmloop.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What PostgreSQL's {@code pg_stat_statements} recorded of one database's statements: the text of a
 * statement as the server received it (its constants shown as {@code $n}), how often it ran and how
 * long it took on the server. The server must load the module at start ({@link #SERVER_CONFIG}); the
 * view is created in the server's {@code postgres} database, so the app's own database gets no
 * object of it, and is dropped on close.
 */
final class StatementStats implements AutoCloseable {

    static final Map<String, String> SERVER_CONFIG = Map.of("shared_preload_libraries", "pg_stat_statements");

    /** One statement: its query identifier, runs, mean and longest time on the server, and its text. */
    record Entry(long queryId, long calls, double meanMillis, double maxMillis, String query) {

        /** The text on one line, without its {@code --} comments. */
        String oneLine() {
            return query.replaceAll("--[^\\n]*", "").replaceAll("\\s+", " ").trim();
        }
    }

    private static final String SELECT = "select s.queryid, s.calls, s.mean_exec_time, s.max_exec_time, s.query from pg_stat_statements s"
            + " join pg_database d on d.oid = s.dbid where d.datname = ? and s.toplevel ";

    private final Connection c;
    private final String database;

    private StatementStats(Connection c, String database) {
        this.c = c;
        this.database = database;
    }

    /** For the database of {@code jdbcUrl} (a URL of {@link Database#create}). */
    static StatementStats open(String jdbcUrl) throws SQLException {
        int slash = jdbcUrl.lastIndexOf('/');
        Connection c = DriverManager.getConnection(jdbcUrl.substring(0, slash + 1) + "postgres", Database.USER, Database.PASSWORD);
        try (Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new StatementStats(c, jdbcUrl.substring(slash + 1));
    }

    /** The statement with this query identifier, or null if it has not run (since its last reset). */
    Entry find(long queryId) throws SQLException {
        List<Entry> entries = select("and s.queryid = ?", queryId);
        return entries.isEmpty() ? null : entries.get(0);
    }

    /** {@link #find}, waiting up to {@code timeout} for the statement to run. */
    Entry await(long queryId, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Entry entry = find(queryId);
        while (entry == null && System.nanoTime() < deadline) {
            Thread.sleep(250);
            entry = find(queryId);
        }
        return entry;
    }

    /** The most run statements whose text contains {@code fragment} (case-insensitive). */
    List<Entry> containing(String fragment, int limit) throws SQLException {
        return select("and s.query ilike '%' || ? || '%' order by s.calls desc limit " + limit, fragment);
    }

    /** Forgets the statement's runs so far. */
    void reset(long queryId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_stat_statements_reset(0, d.oid, ?) from pg_database d where d.datname = ?")) {
            s.setLong(1, queryId);
            s.setString(2, database);
            s.executeQuery().close();
        }
    }

    private List<Entry> select(String condition, Object parameter) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(SELECT + condition)) {
            s.setString(1, database);
            s.setObject(2, parameter);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getString(5)));
                }
            }
        }
        return entries;
    }

    @Override
    public void close() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("drop extension if exists pg_stat_statements");
        } finally {
            c.close();
        }
    }
}
