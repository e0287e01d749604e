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

    /** Active, connected calendars no provider asked us to leave alone at {@code now}: the scheduled sync's round. */
    List<Calendar> findDueForSync(Instant now) {
        return jdbc.sql("""
                select * from calendar where active = true and connection_state = 'CONNECTED'
                  and (sync_not_before is null or sync_not_before <= ?) order by id""")
                .param(ts(now)).query(CalendarRepository::map).list();
    }

    /** Where the calendar's sign-in stands. */
    public enum ConnectionState { CONNECTING, CONNECTED, RECONNECT }

    public ConnectionState connectionState(String id) {
        return jdbc.sql("select connection_state from calendar where id = ?").param(id).query(String.class).optional()
                .map(ConnectionState::valueOf).orElse(ConnectionState.CONNECTED);
    }

    /** Moves the state from {@code from} to {@code to}; false if it was not at {@code from}. */
    boolean changeConnectionState(String id, ConnectionState from, ConnectionState to) {
        return jdbc.sql("update calendar set connection_state = ? where id = ? and connection_state = ?")
                .params(to.name(), id, from.name()).update() == 1;
    }

    void setConnectionState(String id, ConnectionState state) {
        jdbc.sql("update calendar set connection_state = ? where id = ?").params(state.name(), id).update();
    }

    void syncNotBefore(String id, Instant notBefore) {
        jdbc.sql("update calendar set sync_not_before = ? where id = ?").params(ts(notBefore), id).update();
    }

    /**
     * Serialises changes to the calendar's free time (bookings, slots chosen by text) until the
     * transaction ends. A no-op update rather than {@code FOR UPDATE}: on PostgreSQL it takes the
     * row's no-key lock, so rows of other transactions that merely refer to the calendar (messages,
     * log lines) are not held up behind it; it works the same on H2.
     */
    public void lockFreeTime(String id) {
        if (jdbc.sql("update calendar set name = name where id = ?").param(id).update() != 1) {
            throw new IllegalStateException("Calendar " + id + " is gone");
        }
    }

    void insert(Calendar c) {
        jdbc.sql("""
                insert into calendar (id, owner_group, name, business_name, provider, time_zone, region, notification_email,
                  active, owner_events_only, update_descriptions, copy_appointments, use_for_availability, cancellation_texts, rule_set,
                  created_at, all_events_busy)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.id(), c.ownerGroup(), c.name(), c.businessName(), c.provider().name(), c.timeZone().getId(), c.region(),
                        c.notificationEmail(), c.active(), c.ownerEventsOnly(), c.updateDescriptions(), c.copyAppointments(),
                        c.useForAvailability(), c.cancellationTexts(), c.ruleSet(), ts(c.createdAt()), c.allEventsBusy())
                .update();
    }

    void update(Calendar c) {
        jdbc.sql("""
                update calendar set name = ?, business_name = ?, time_zone = ?, region = ?, notification_email = ?, active = ?,
                  owner_events_only = ?, update_descriptions = ?, copy_appointments = ?, use_for_availability = ?,
                  cancellation_texts = ?, rule_set = ?, all_events_busy = ?
                where id = ?""")
                .params(c.name(), c.businessName(), c.timeZone().getId(), c.region(), c.notificationEmail(), c.active(),
                        c.ownerEventsOnly(), c.updateDescriptions(), c.copyAppointments(), c.useForAvailability(), c.cancellationTexts(),
                        c.ruleSet(), c.allEventsBusy(), c.id())
                .update();
    }

    /** Where the sync stands for one calendar: its change cursor and whether the last attempt failed. */
    record SyncState(String cursor, Instant lastFullSyncAt, boolean lastAttemptFailed) {
    }

    SyncState syncState(String id) {
        return jdbc.sql("select sync_cursor, last_full_sync_at, last_attempt_failed from calendar where id = ?").param(id)
                .query((rs, row) -> new SyncState(rs.getString("sync_cursor"), instant(rs, "last_full_sync_at"),
                        rs.getBoolean("last_attempt_failed")))
                .optional().orElse(new SyncState(null, null, false));
    }

    void markSynced(String id, Instant at) {
        jdbc.sql("update calendar set last_synced_at = ?, last_attempt_failed = false, sync_not_before = null where id = ?")
                .params(ts(at), id).update();
    }

    void markFullSync(String id, String cursor, Instant at) {
        jdbc.sql("update calendar set sync_cursor = ?, last_full_sync_at = ? where id = ?").params(cursor, ts(at), id).update();
    }

    void saveCursor(String id, String cursor) {
        jdbc.sql("update calendar set sync_cursor = ? where id = ?").params(cursor, id).update();
    }

    void markSyncFailed(String id, Instant at, String error) {
        String message = error == null ? "unknown error" : error.length() > 1000 ? error.substring(0, 1000) : error;
        jdbc.sql("update calendar set last_error_at = ?, last_error = ?, last_attempt_failed = true where id = ?")
                .params(ts(at), message, id).update();
    }

    /** The calendar's connection as stored: sealed (encrypted), or empty for the built-in calendar. */
    Optional<String> sealedConnection(String id) {
        return jdbc.sql("select connection_secret from calendar where id = ?").param(id).query(String.class).optional()
                .filter(s -> s != null && !s.isBlank());
    }

    void storeSealedConnection(String id, String sealed) {
        jdbc.sql("update calendar set connection_secret = ? where id = ?").params(sealed, id).update();
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
                rs.getBoolean("cancellation_texts"),
                rs.getString("rule_set"),
                instant(rs, "last_synced_at"),
                instant(rs, "last_error_at"),
                rs.getString("last_error"),
                instant(rs, "created_at"),
                rs.getBoolean("all_events_busy"));
    }
}
