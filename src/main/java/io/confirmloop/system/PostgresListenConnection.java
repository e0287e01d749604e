package io.confirmloop.system;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

import org.postgresql.jdbc.PgConnection;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.integration.jdbc.channel.PgConnectionSupplier;

/**
 * The one connection per node that LISTENs for new work-queue items, outside the pool. When the
 * database is unreachable it waits a little before the listener tries again, so a restarting
 * database is not hammered.
 */
class PostgresListenConnection implements PgConnectionSupplier {

    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(2);

    private final DataSourceProperties dataSource;

    PostgresListenConnection(DataSourceProperties dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public PgConnection get() throws SQLException {
        try {
            return DriverManager.getConnection(dataSource.determineUrl(), dataSource.determineUsername(),
                    dataSource.determinePassword()).unwrap(PgConnection.class);
        } catch (SQLException e) {
            pause();
            throw e;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_AFTER_FAILURE.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
