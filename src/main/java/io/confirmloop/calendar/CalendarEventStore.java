package io.confirmloop.calendar;

import static io.confirmloop.system.Jdbc.instant;
import static io.confirmloop.system.Jdbc.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every calendar's events in ConfirmLoop's database: the built-in calendar's own events, and for a
 * provider calendar the copy of its window the sync keeps. Each row also records whether the
 * appointment side has taken in its latest content ({@code applied_hash}), so a change that was
 * not applied yet is never forgotten.
 */
@Repository
public class CalendarEventStore {

    /** Content hash of a removed event, until the appointment side has taken the removal in. */
    static final String DELETED = "deleted";

    /**
     * An event as stored.
     *
     * @param deleted      removed in the calendar (kept until the appointment side took it in)
     * @param applyError   why taking it in keeps failing, or null
     * @param applyFailures how many times the attempts to take it in all failed
     */
    public record StoredEvent(ProviderEvent event, boolean deleted, String contentHash, String appliedHash, Instant changedAt,
            String applyError, int applyFailures, Instant applyFailedAt) {

        public boolean applied() {
            return contentHash.equals(appliedHash);
        }
    }

    private final JdbcClient jdbc;

    CalendarEventStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StoredEvent> find(String calendarId, String eventId) {
        return jdbc.sql("select * from calendar_event where calendar_id = ? and event_id = ?").params(calendarId, eventId)
                .query(CalendarEventStore::map).optional();
    }

    /** Live events overlapping [from, to), ordered by start then id, after the given position (keyset paging). */
    List<ProviderEvent> window(String calendarId, Instant from, Instant to, Instant afterStart, String afterId, int limit) {
        if (afterStart == null) {
            return jdbc.sql("""
                    select * from calendar_event where calendar_id = ? and deleted = false and end_at > ? and start_at < ?
                    order by start_at, event_id fetch first ? rows only""")
                    .params(calendarId, ts(from), ts(to), limit).query(CalendarEventStore::map).list()
                    .stream().map(StoredEvent::event).toList();
        }
        return jdbc.sql("""
                select * from calendar_event where calendar_id = ? and deleted = false and end_at > ? and start_at < ?
                  and (start_at > ? or (start_at = ? and event_id > ?))
                order by start_at, event_id fetch first ? rows only""")
                .params(calendarId, ts(from), ts(to), ts(afterStart), ts(afterStart), afterId, limit)
                .query(CalendarEventStore::map).list().stream().map(StoredEvent::event).toList();
    }

    /** The stored version of each of the given events that is stored and live. */
    Map<String, String> versions(String calendarId, Collection<String> eventIds) {
        Map<String, String> versions = new HashMap<>();
        if (eventIds.isEmpty()) {
            return versions;
        }
        jdbc.sql("select event_id, version from calendar_event where calendar_id = :calendar and deleted = false and event_id in (:ids)")
                .param("calendar", calendarId).param("ids", eventIds)
                .query((rs, row) -> versions.put(rs.getString("event_id"), rs.getString("version"))).list();
        return versions;
    }

    /** Ids of the live events whose stored times overlap [from, to). */
    Set<String> liveIdsOverlapping(String calendarId, Instant from, Instant to) {
        return new HashSet<>(jdbc.sql("select event_id from calendar_event where calendar_id = ? and deleted = false and end_at > ? and start_at < ?")
                .params(calendarId, ts(from), ts(to)).query(String.class).list());
    }

    /**
     * Stores the event as the provider reports it (new, changed, or back after a removal).
     *
     * @return true if what the appointment side reads changed, so it has to look at the event
     */
    boolean save(String calendarId, ProviderEvent e, Instant now) {
        String hash = e.contentHash();
        Optional<StoredEvent> existing = find(calendarId, e.eventId());
        if (existing.isEmpty()) {
            insert(calendarId, e, hash, now);
            return true;
        }
        StoredEvent old = existing.get();
        boolean contentChanged = old.deleted() || !old.contentHash().equals(hash);
        jdbc.sql("""
                update calendar_event set series_id = ?, version = ?, title = ?, description = ?, location = ?, start_at = ?,
                  end_at = ?, time_zone = ?, busy = ?, organized_by_owner = ?, guest_emails = ?, deleted = false, content_hash = ?,
                  changed_at = ?
                where calendar_id = ? and event_id = ?""")
                .params(e.seriesId(), e.version(), title(e), e.description(), e.location(), ts(e.start()), ts(e.end()), zone(e),
                        e.busy(), e.organizedByOwner(), guests(e), hash, ts(contentChanged ? now : old.changedAt()), calendarId,
                        e.eventId())
                .update();
        return contentChanged;
    }

    /** A new event of the built-in calendar. */
    void insert(String calendarId, ProviderEvent e, Instant now) {
        insert(calendarId, e, e.contentHash(), now);
    }

    /**
     * Replaces a live event only if it is still at {@code expectedVersion} (the built-in calendar's
     * optimistic locking); false if it changed or is gone.
     */
    boolean replaceIfVersion(String calendarId, ProviderEvent e, String expectedVersion, Instant now) {
        String hash = e.contentHash();
        return jdbc.sql("""
                update calendar_event set version = ?, title = ?, description = ?, location = ?, start_at = ?, end_at = ?,
                  time_zone = ?, content_hash = ?,
                  changed_at = case when content_hash = ? then changed_at else ? end
                where calendar_id = ? and event_id = ? and version = ? and deleted = false""")
                .params(e.version(), title(e), e.description(), e.location(), ts(e.start()), ts(e.end()), zone(e), hash, hash, ts(now),
                        calendarId, e.eventId(), expectedVersion)
                .update() == 1;
    }

    /** The event was removed in the calendar; true if it was live. */
    boolean markDeleted(String calendarId, String eventId, Instant now) {
        return jdbc.sql("""
                update calendar_event set deleted = true, content_hash = ?, changed_at = ?
                where calendar_id = ? and event_id = ? and deleted = false""")
                .params(DELETED, ts(now), calendarId, eventId).update() == 1;
    }

    /** The appointment side took in the content with {@code hash}; a removal taken in is forgotten. */
    public void markApplied(String calendarId, String eventId, String hash) {
        jdbc.sql("""
                update calendar_event set applied_hash = ?, apply_error = null, apply_attempts = 0, apply_failed_at = null
                where calendar_id = ? and event_id = ?""").params(hash, calendarId, eventId).update();
        jdbc.sql("delete from calendar_event where calendar_id = ? and event_id = ? and deleted = true and applied_hash = ?")
                .params(calendarId, eventId, DELETED).update();
    }

    /** Every attempt to take the event in failed: keep why, so it is visible and tried again later. */
    void recordApplyFailure(String calendarId, String eventId, String error, Instant now) {
        jdbc.sql("""
                update calendar_event set apply_error = ?, apply_attempts = apply_attempts + 1, apply_failed_at = ?
                where calendar_id = ? and event_id = ?""").params(truncate(error), ts(now), calendarId, eventId).update();
    }

    /** Events whose latest content the appointment side has not taken in. */
    List<StoredEvent> notApplied(String calendarId) {
        return jdbc.sql("""
                select * from calendar_event where calendar_id = ? and (applied_hash is null or applied_hash <> content_hash)
                order by changed_at, event_id""")
                .param(calendarId).query(CalendarEventStore::map).list();
    }

    /** Events whose every attempt failed, of one calendar. */
    List<StoredEvent> failed(String calendarId) {
        return jdbc.sql("select * from calendar_event where calendar_id = ? and apply_error is not null order by apply_failed_at, event_id")
                .param(calendarId).query(CalendarEventStore::map).list();
    }

    /** Events whose every attempt failed, in all calendars. */
    public long countFailed() {
        return jdbc.sql("select count(*) from calendar_event where apply_error is not null").query(Long.class).single();
    }

    /** The calendar's settings changed in a way that changes what its events mean: look at every event again. */
    void forgetApplied(String calendarId) {
        jdbc.sql("update calendar_event set applied_hash = null where calendar_id = ?").param(calendarId).update();
    }

    /** A provider calendar's copy keeps no events that ended before {@code before} and were taken in. */
    int pruneEnded(String calendarId, Instant before) {
        return jdbc.sql("delete from calendar_event where calendar_id = ? and end_at < ? and applied_hash = content_hash")
                .params(calendarId, ts(before)).update();
    }

    private void insert(String calendarId, ProviderEvent e, String hash, Instant now) {
        jdbc.sql("""
                insert into calendar_event (calendar_id, event_id, series_id, version, title, description, location, start_at, end_at,
                  time_zone, busy, organized_by_owner, guest_emails, deleted, content_hash, changed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?)""")
                .params(calendarId, e.eventId(), e.seriesId(), e.version(), title(e), e.description(), e.location(), ts(e.start()),
                        ts(e.end()), zone(e), e.busy(), e.organizedByOwner(), guests(e), hash, ts(now))
                .update();
    }

    private static String title(ProviderEvent e) {
        return truncate(e.title() == null ? "" : e.title());
    }

    private static String guests(ProviderEvent e) {
        return e.guestEmails().isEmpty() ? null : String.join("\n", e.guestEmails());
    }

    private static String zone(ProviderEvent e) {
        return e.timeZone() == null ? null : e.timeZone().getId();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    private static StoredEvent map(ResultSet rs, int row) throws SQLException {
        String zone = rs.getString("time_zone");
        String guests = rs.getString("guest_emails");
        ProviderEvent event = new ProviderEvent(rs.getString("event_id"), rs.getString("series_id"), rs.getString("version"),
                rs.getString("title"), rs.getString("description"), rs.getString("location"), instant(rs, "start_at"),
                instant(rs, "end_at"), zone == null ? null : ZoneId.of(zone), rs.getBoolean("busy"), rs.getBoolean("organized_by_owner"),
                guests == null ? List.of() : List.of(guests.split("\n")));
        return new StoredEvent(event, rs.getBoolean("deleted"), rs.getString("content_hash"), rs.getString("applied_hash"),
                instant(rs, "changed_at"), rs.getString("apply_error"), rs.getInt("apply_attempts"), instant(rs, "apply_failed_at"));
    }
}
