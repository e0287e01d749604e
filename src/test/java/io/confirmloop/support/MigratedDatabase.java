package io.confirmloop.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A database with ConfirmLoop's tables (the application's own Flyway migrations), without the application. */
public final class MigratedDatabase {

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    private MigratedDatabase(DataSource dataSource, String vendor) {
        this.dataSource = dataSource;
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/" + vendor).load().migrate();
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** A fresh in-memory H2 database, as the embedded default uses. */
    public static MigratedDatabase h2() {
        return new MigratedDatabase(new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""), "h2");
    }

    /** The PostgreSQL database behind {@code dataSource}, migrated. */
    public static MigratedDatabase postgres(DataSource dataSource) {
        return new MigratedDatabase(dataSource, "postgresql");
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /** A calendar row (the events' foreign key), active, in New York. */
    public String calendar(String provider) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                insert into calendar (id, owner_group, name, business_name, provider, time_zone, region, active, owner_events_only,
                  update_descriptions, copy_appointments, use_for_availability, rule_set, created_at)
                values (?, 'group-1', 'Front desk', 'Sunrise Clinic', ?, 'America/New_York', 'US', true, true, false, false, true,
                  'default', ?)""")
                .params(id, provider, OffsetDateTime.ofInstant(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).update();
        return id;
    }
}
