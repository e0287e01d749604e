package io.confirmloop.calendar;

import static io.confirmloop.system.Jdbc.instant;
import static io.confirmloop.system.Jdbc.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CalendarRepository {

    private final JdbcClient jdbc;

    CalendarRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Calendar> find(String id) {
        return jdbc.sql("select * from calendar where id = ?").param(id).query(CalendarRepository::map).optional();
    }

    public List<Calendar> findByGroups(Collection<String> groups) {
        if (groups.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from calendar where owner_group in (:groups) order by name, id")
                .param("groups", groups).query(CalendarRepository::map).list();
    }

    public List<Calendar> findAll() {
        return jdbc.sql("select * from calendar order by name, id").query(CalendarRepository::map).list();
    }

    public List<Calendar> findActive() {
        return jdbc.sql("select * from calendar where active = true order by id").query(CalendarRepository::map).list();
    }

    void insert(Calendar c) {
        jdbc.sql("""
                insert into calendar (id, owner_group, name, business_name, provider, time_zone, region, notification_email,
                  active, owner_events_only, update_descriptions, copy_appointments, use_for_availability, rule_set, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.id(), c.ownerGroup(), c.name(), c.businessName(), c.provider().name(), c.timeZone().getId(), c.region(),
                        c.notificationEmail(), c.active(), c.ownerEventsOnly(), c.updateDescriptions(), c.copyAppointments(),
                        c.useForAvailability(), c.ruleSet(), ts(c.createdAt()))
                .update();
    }

    void update(Calendar c) {
        jdbc.sql("""
                update calendar set name = ?, business_name = ?, time_zone = ?, region = ?, notification_email = ?, active = ?,
                  owner_events_only = ?, update_descriptions = ?, copy_appointments = ?, use_for_availability = ?, rule_set = ?
                where id = ?""")
                .params(c.name(), c.businessName(), c.timeZone().getId(), c.region(), c.notificationEmail(), c.active(),
                        c.ownerEventsOnly(), c.updateDescriptions(), c.copyAppointments(), c.useForAvailability(), c.ruleSet(), c.id())
                .update();
    }

    public void markSynced(String id, Instant at) {
        jdbc.sql("update calendar set last_synced_at = ? where id = ?").params(ts(at), id).update();
    }

    void delete(String id) {
        jdbc.sql("delete from calendar where id = ?").param(id).update();
    }

    private static Calendar map(ResultSet rs, int row) throws SQLException {
        return new Calendar(
                rs.getString("id"),
                rs.getString("owner_group"),
                rs.getString("name"),
                rs.getString("business_name"),
                Provider.valueOf(rs.getString("provider")),
                ZoneId.of(rs.getString("time_zone")),
                rs.getString("region"),
                rs.getString("notification_email"),
                rs.getBoolean("active"),
                rs.getBoolean("owner_events_only"),
                rs.getBoolean("update_descriptions"),
                rs.getBoolean("copy_appointments"),
                rs.getBoolean("use_for_availability"),
                rs.getString("rule_set"),
                instant(rs, "last_synced_at"),
                instant(rs, "created_at"));
    }
}
