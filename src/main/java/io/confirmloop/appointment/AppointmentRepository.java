package io.confirmloop.appointment;

import static io.confirmloop.system.Jdbc.instant;
import static io.confirmloop.system.Jdbc.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.confirmloop.system.SweepBackoff;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AppointmentRepository {

    private final JdbcClient jdbc;

    AppointmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Appointment> find(String id) {
        return jdbc.sql("select * from appointment where id = ?").param(id).query(AppointmentRepository::map).optional();
    }

    /** The event's appointment, locked until the transaction ends: one change of an event is taken in at a time. */
    Optional<Appointment> findByEventForUpdate(String calendarId, String eventId) {
        return jdbc.sql("select * from appointment where calendar_id = ? and event_id = ? for update").params(calendarId, eventId)
                .query(AppointmentRepository::map).optional();
    }

    public List<Appointment> search(Collection<String> calendarIds, Instant from, Instant to) {
        if (calendarIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from appointment where calendar_id in (:calendars) and end_at > :from and start_at < :to order by start_at, id")
                .param("calendars", calendarIds).param("from", ts(from)).param("to", ts(to))
                .query(AppointmentRepository::map).list();
    }

    /** Active appointments of the calendar that have not ended. */
    List<Appointment> upcomingOfCalendar(String calendarId, Instant now) {
        return jdbc.sql("select * from appointment where calendar_id = ? and status = 'ACTIVE' and end_at > ? order by start_at, id")
                .params(calendarId, ts(now)).query(AppointmentRepository::map).list();
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
    /** True when the client booked this event on the booking page. */
    boolean bookedOnline(String calendarId, String eventId, String phone) {
        return jdbc.sql("select count(*) from booking where calendar_id = ? and event_id = ? and phone = ?")
                .params(calendarId, eventId, phone).query(Integer.class).single() > 0;
    }

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

    /** A status-line write still due for an appointment. */
    public record PendingDescription(String appointmentId, Instant requestedAt, Instant failedAt, int failures, String error) {

        /** Due for the sweep: its queue item should have been taken a minute ago, or its failure waited long enough. */
        boolean due(Instant now) {
            if (failedAt == null) {
                return requestedAt == null || !requestedAt.isAfter(now.minus(java.time.Duration.ofMinutes(1)));
            }
            return !failedAt.plus(SweepBackoff.after(Math.max(1, failures))).isAfter(now);
        }
    }

    void descriptionRequested(String appointmentId, Instant now) {
        jdbc.sql("update appointment set description_pending = true, description_requested_at = ? where id = ?")
                .params(ts(now), appointmentId).update();
    }

    List<PendingDescription> pendingDescriptions() {
        return jdbc.sql("""
                select id, description_requested_at, description_failed_at, description_attempts, description_error from appointment
                where description_pending = true""").query(AppointmentRepository::mapPending).list();
    }

    public Optional<PendingDescription> pendingDescription(String appointmentId) {
        return jdbc.sql("""
                select id, description_requested_at, description_failed_at, description_attempts, description_error from appointment
                where id = ? and description_pending = true""").param(appointmentId).query(AppointmentRepository::mapPending).optional();
    }

    /**
     * The status lines were written (or there was nothing to write): the description as the calendar
     * now has it, if given. A request that came in after {@code requestedAt} stays pending.
     */
    void descriptionWritten(String appointmentId, String description, String lines, Instant requestedAt, Instant now) {
        if (description != null) {
            jdbc.sql("update appointment set description = ?, status_lines = ?, updated_at = ? where id = ?")
                    .params(description, lines, ts(now), appointmentId).update();
        }
        jdbc.sql("""
                update appointment set description_error = null, description_failed_at = null, description_attempts = 0,
                  description_pending = case when description_requested_at is null or description_requested_at <= ? then false
                                             else description_pending end
                where id = ?""").params(ts(requestedAt == null ? now : requestedAt), appointmentId).update();
    }

    /** Every attempt to write the status lines failed: kept pending, with why. */
    void descriptionFailed(String appointmentId, String error, Instant now) {
        String message = error == null ? "unknown error" : error.length() > 1000 ? error.substring(0, 1000) : error;
        jdbc.sql("""
                update appointment set description_error = ?, description_failed_at = ?, description_attempts = description_attempts + 1
                where id = ?""").params(message, ts(now), appointmentId).update();
    }

    /** Appointments whose status lines could not be written, in all calendars. */
    public long countDescriptionFailures() {
        return jdbc.sql("select count(*) from appointment where description_error is not null").query(Long.class).single();
    }

    private static PendingDescription mapPending(ResultSet rs, int row) throws SQLException {
        return new PendingDescription(rs.getString("id"), instant(rs, "description_requested_at"), instant(rs, "description_failed_at"),
                rs.getInt("description_attempts"), rs.getString("description_error"));
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
