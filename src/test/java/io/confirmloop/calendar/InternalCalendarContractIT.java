package io.confirmloop.calendar;

import java.io.IOException;

import io.confirmloop.support.MigratedDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;

/** The built-in calendar keeps the seam's contract on PostgreSQL too. */
class InternalCalendarContractIT extends InternalCalendarContractTest {

    private static EmbeddedPostgres postgres;
    private static MigratedDatabase database;

    @Override
    MigratedDatabase database() {
        return postgres();
    }

    private static synchronized MigratedDatabase postgres() {
        if (database == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new IllegalStateException("Could not start embedded PostgreSQL", e);
            }
            database = MigratedDatabase.postgres(postgres.getPostgresDatabase());
        }
        return database;
    }

    @AfterAll
    static void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
            database = null;
        }
    }
}
