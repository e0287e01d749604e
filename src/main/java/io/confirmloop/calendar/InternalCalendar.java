package io.confirmloop.calendar;

import static io.confirmloop.system.Jdbc.instant;
import static io.confirmloop.system.Jdbc.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The built-in calendar: events kept in ConfirmLoop's own database. */
@Component
class InternalCalendar implements CalendarProvider {

    record Event(String id, String calendarId, String title, String description, String location, Instant start, Instant end) {
    }

    private final JdbcClient jdbc;

    InternalCalendar(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Provider provider() {
        return Provider.INTERNAL;
    }

    @Override
    public List<ProviderEvent> fetch(Calendar calendar, Instant from, Instant to) {
        return list(calendar.id(), from, to).stream()
                .map(e -> new ProviderEvent(e.id(), e.title(), e.description(), e.location(), e.start(), e.end(), false, true))
                .toList();
    }

    @Override
    public void updateDescription(Calendar calendar, String eventId, String description) {
        jdbc.sql("update calendar_event set description = ? where id = ? and calendar_id = ?")
                .params(description, eventId, calendar.id()).update();
    }

    List<Event> list(String calendarId, Instant from, Instant to) {
        return jdbc.sql("select * from calendar_event where calendar_id = ? and end_at > ? and start_at < ? order by start_at, id")
                .params(calendarId, ts(from), ts(to)).query(InternalCalendar::map).list();
    }

    Optional<Event> find(String calendarId, String id) {
        return jdbc.sql("select * from calendar_event where calendar_id = ? and id = ?").params(calendarId, id)
                .query(InternalCalendar::map).optional();
    }

    void insert(Event e, Instant now) {
        jdbc.sql("insert into calendar_event (id, calendar_id, title, description, location, start_at, end_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.id(), e.calendarId(), e.title(), e.description(), e.location(), ts(e.start()), ts(e.end()), ts(now)).update();
    }

    void update(Event e, Instant now) {
        jdbc.sql("update calendar_event set title = ?, description = ?, location = ?, start_at = ?, end_at = ?, updated_at = ? where id = ? and calendar_id = ?")
                .params(e.title(), e.description(), e.location(), ts(e.start()), ts(e.end()), ts(now), e.id(), e.calendarId()).update();
    }

    void delete(String calendarId, String id) {
        jdbc.sql("delete from calendar_event where calendar_id = ? and id = ?").params(calendarId, id).update();
    }

    private static Event map(ResultSet rs, int row) throws SQLException {
        return new Event(rs.getString("id"), rs.getString("calendar_id"), rs.getString("title"), rs.getString("description"),
                rs.getString("location"), instant(rs, "start_at"), instant(rs, "end_at"));
    }
}
