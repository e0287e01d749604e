package io.confirmloop.appointment;

import static io.confirmloop.system.Jdbc.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Finding clients: the numbers that attend appointments of some calendars, by number, email or title. */
@Repository
class ClientDirectory {

    private final JdbcClient jdbc;

    ClientDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A client's attendance found by a search: the number, its email and the appointment. */
    record ClientMatch(String phone, String email, String appointmentId, String calendarId, String title, Instant start) {
    }

    /**
     * Attendances in these calendars whose number, email or appointment title contains
     * {@code text} (case-insensitive; {@code digits}, when given, is matched against the number),
     * newest appointment first.
     */
    List<ClientMatch> find(String text, String digits, Collection<String> calendarIds, int limit) {
        if (calendarIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select t.phone, t.email, a.id, a.calendar_id, a.title, a.start_at from attendee t join appointment a on a.id = t.appointment_id
                where a.calendar_id in (:calendars) and t.removed = false
                  and (lower(t.email) like :text or lower(a.title) like :text or t.phone like :text
                       or (:digits <> '' and t.phone like :digits))
                order by a.start_at desc
                limit :limit""")
                .param("calendars", calendarIds).param("text", "%" + text.toLowerCase(Locale.ROOT) + "%")
                .param("digits", digits.isEmpty() ? "" : "%" + digits + "%").param("limit", limit)
                .query(ClientDirectory::match)
                .list();
    }

    /** The number's latest attendance in these calendars, with the latest email address it had. */
    Optional<ClientMatch> latest(String phone, Collection<String> calendarIds) {
        if (calendarIds.isEmpty()) {
            return Optional.empty();
        }
        List<ClientMatch> all = jdbc.sql("""
                select t.phone, t.email, a.id, a.calendar_id, a.title, a.start_at from attendee t join appointment a on a.id = t.appointment_id
                where t.phone = :phone and a.calendar_id in (:calendars) and t.removed = false
                order by a.start_at desc""")
                .param("phone", phone).param("calendars", calendarIds)
                .query(ClientDirectory::match)
                .list();
        String email = all.stream().map(ClientMatch::email).filter(Objects::nonNull).findFirst().orElse(null);
        return all.stream().findFirst().map(m -> new ClientMatch(m.phone(), email, m.appointmentId(), m.calendarId(), m.title(), m.start()));
    }

    private static ClientMatch match(ResultSet rs, int row) throws SQLException {
        return new ClientMatch(rs.getString("phone"), rs.getString("email"), rs.getString("id"), rs.getString("calendar_id"),
                rs.getString("title"), instant(rs, "start_at"));
    }
}
