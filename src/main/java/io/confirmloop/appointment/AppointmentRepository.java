package io.confirmloop.appointment;

import static io.confirmloop.system.Jdbc.instant;
import static io.confirmloop.system.Jdbc.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class AppointmentRepository {

    private final JdbcClient jdbc;

    AppointmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Appointment> find(String id) {
        return jdbc.sql("select * from appointment where id = ?").param(id).query(AppointmentRepository::map).optional();
    }

    Optional<Appointment> findByEvent(String calendarId, String eventId) {
        return jdbc.sql("select * from appointment where calendar_id = ? and event_id = ?").params(calendarId, eventId)
                .query(AppointmentRepository::map).optional();
    }

    /** Active appointments of the calendar that overlap [from, to). */
    List<Appointment> findActiveInWindow(String calendarId, Instant from, Instant to) {
        return jdbc.sql("select * from appointment where calendar_id = ? and status = 'ACTIVE' and end_at > ? and start_at < ?")
                .params(calendarId, ts(from), ts(to)).query(AppointmentRepository::map).list();
    }

    public List<Appointment> search(Collection<String> calendarIds, Instant from, Instant to) {
        if (calendarIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from appointment where calendar_id in (:calendars) and end_at > :from and start_at < :to order by start_at, id")
                .param("calendars", calendarIds).param("from", ts(from)).param("to", ts(to))
                .query(AppointmentRepository::map).list();
    }

    List<String> idsOfCalendar(String calendarId) {
        return jdbc.sql("select id from appointment where calendar_id = ?").param(calendarId).query(String.class).list();
    }

    void insert(Appointment a) {
        jdbc.sql("""
                insert into appointment (id, calendar_id, event_id, title, description, location, start_at, end_at, status,
                  plan_generation, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.id(), a.calendarId(), a.eventId(), a.title(), a.description(), a.location(), ts(a.start()), ts(a.end()),
                        a.status().name(), a.planGeneration(), ts(a.createdAt()), ts(a.updatedAt()))
                .update();
    }

    void update(Appointment a) {
        jdbc.sql("""
                update appointment set title = ?, description = ?, location = ?, start_at = ?, end_at = ?, status = ?,
                  plan_generation = ?, updated_at = ? where id = ?""")
                .params(a.title(), a.description(), a.location(), ts(a.start()), ts(a.end()), a.status().name(),
                        a.planGeneration(), ts(a.updatedAt()), a.id())
                .update();
    }

    public List<Attendee> attendees(String appointmentId) {
        return jdbc.sql("select * from attendee where appointment_id = ? order by phone").param(appointmentId)
                .query(AppointmentRepository::mapAttendee).list();
    }

    public Optional<Attendee> attendee(String appointmentId, String phone) {
        return jdbc.sql("select * from attendee where appointment_id = ? and phone = ?").params(appointmentId, phone)
                .query(AppointmentRepository::mapAttendee).optional();
    }

    void insertAttendee(Attendee t) {
        jdbc.sql("""
                insert into attendee (appointment_id, phone, email, can_receive_sms, status, awaiting_reply, removed, last_request_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(t.appointmentId(), t.phone(), t.email(), t.canReceiveSms(), t.status().name(), t.awaitingReply(),
                        t.removed(), ts(t.lastRequestAt()), ts(t.updatedAt()))
                .update();
    }

    public void updateAttendee(Attendee t) {
        jdbc.sql("""
                update attendee set email = ?, can_receive_sms = ?, status = ?, awaiting_reply = ?, removed = ?, last_request_at = ?,
                  updated_at = ? where appointment_id = ? and phone = ?""")
                .params(t.email(), t.canReceiveSms(), t.status().name(), t.awaitingReply(), t.removed(), ts(t.lastRequestAt()),
                        ts(t.updatedAt()), t.appointmentId(), t.phone())
                .update();
    }

    /**
     * The appointment a reply from {@code phone} answers: the nearest upcoming active one whose
     * attendee with that number was asked to confirm and has not answered yet.
     */
    public Optional<Appointment> nearestAwaitingReply(String phone, Instant now) {
        return jdbc.sql("""
                select a.* from appointment a join attendee t on t.appointment_id = a.id
                where t.phone = ? and t.awaiting_reply = true and t.removed = false and a.status = 'ACTIVE' and a.end_at > ?
                order by a.start_at, a.id""")
                .params(phone, ts(now)).query(AppointmentRepository::map).list().stream().findFirst();
    }

    /** Active, upcoming appointments where {@code phone} is an attendee. */
    public List<Appointment> upcomingWithAttendee(String phone, Instant now) {
        return jdbc.sql("""
                select a.* from appointment a join attendee t on t.appointment_id = a.id
                where t.phone = ? and t.removed = false and a.status = 'ACTIVE' and a.end_at > ? order by a.start_at, a.id""")
                .params(phone, ts(now)).query(AppointmentRepository::map).list();
    }

    /** The most recent appointment (by start) the number was an attendee of, any status. */
    public Optional<Appointment> latestWithAttendee(String phone) {
        return jdbc.sql("""
                select a.* from appointment a join attendee t on t.appointment_id = a.id
                where t.phone = ? order by a.start_at desc, a.id""")
                .param(phone).query(AppointmentRepository::map).list().stream().findFirst();
    }

    /** The number's attendances in the given calendars. */
    List<Attendee> attendeesOfPhone(String phone, Collection<String> calendarIds) {
        if (calendarIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select t.* from attendee t join appointment a on a.id = t.appointment_id
                where t.phone = :phone and a.calendar_id in (:calendars)""")
                .param("phone", phone).param("calendars", calendarIds).query(AppointmentRepository::mapAttendee).list();
    }

    static Appointment map(ResultSet rs, int row) throws SQLException {
        return new Appointment(rs.getString("id"), rs.getString("calendar_id"), rs.getString("event_id"), rs.getString("title"),
                rs.getString("description"), rs.getString("location"), instant(rs, "start_at"), instant(rs, "end_at"),
                AppointmentStatus.valueOf(rs.getString("status")), rs.getInt("plan_generation"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    static Attendee mapAttendee(ResultSet rs, int row) throws SQLException {
        return new Attendee(rs.getString("appointment_id"), rs.getString("phone"), rs.getString("email"),
                rs.getBoolean("can_receive_sms"), AttendeeStatus.valueOf(rs.getString("status")), rs.getBoolean("awaiting_reply"),
                rs.getBoolean("removed"), instant(rs, "last_request_at"), instant(rs, "updated_at"));
    }
}
