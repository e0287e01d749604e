package io.confirmloop.appointment;

import static io.confirmloop.system.Jdbc.instant;
import static io.confirmloop.system.Jdbc.ts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ReminderRepository {

    private final JdbcClient jdbc;

    ReminderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Reminder> plan(String appointmentId, String phone, int generation) {
        return jdbc.sql("select * from reminder where appointment_id = ? and phone = ? and generation = ? order by due_at, id")
                .params(appointmentId, phone, generation).query(ReminderRepository::map).list();
    }

    /** The start the attendee's latest plan before {@code generation} was made for; empty if there was none. */
    Optional<Instant> plannedForBefore(String appointmentId, String phone, int generation) {
        return jdbc.sql("""
                select planned_for from reminder where appointment_id = ? and phone = ? and generation < ? and planned_for is not null
                order by generation desc fetch first 1 rows only""")
                .params(appointmentId, phone, generation).query((rs, row) -> instant(rs, "planned_for")).optional();
    }

    /** Whether any message of any plan went out to the attendee. */
    boolean anySent(String appointmentId, String phone) {
        return jdbc.sql("select count(*) from reminder where appointment_id = ? and phone = ? and state = 'SENT'")
                .params(appointmentId, phone).query(Long.class).single() > 0;
    }

    /** The next message planned for the attendee in the plan of {@code generation}. */
    Optional<Reminder> nextPlanned(String appointmentId, String phone, int generation) {
        return plan(appointmentId, phone, generation).stream().filter(r -> r.state() == Reminder.State.PLANNED).findFirst();
    }

    /** The next text still planned for the number in any of these appointments, with its appointment's current plan. */
    Optional<Reminder> nextPlannedText(String phone, java.util.Collection<String> appointmentIds) {
        if (appointmentIds.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select r.* from reminder r join appointment a on a.id = r.appointment_id and r.generation = a.plan_generation
                where r.phone = :phone and r.appointment_id in (:ids) and r.state = 'PLANNED' and r.channel = 'SMS'
                order by r.due_at""")
                .param("phone", phone).param("ids", appointmentIds).query(ReminderRepository::map).list().stream().findFirst();
    }

    void skipPlanned(String appointmentId, String phone, String note) {
        jdbc.sql("update reminder set state = 'SKIPPED', note = ? where appointment_id = ? and phone = ? and state = 'PLANNED'")
                .params(note, appointmentId, phone).update();
    }

    Optional<Reminder> find(String id) {
        return jdbc.sql("select * from reminder where id = ?").param(id).query(ReminderRepository::map).optional();
    }

    /** A reminder of a plan made for an appointment starting at {@code plannedFor}. */
    void insert(Reminder r, Instant plannedFor) {
        jdbc.sql("""
                insert into reminder (id, appointment_id, phone, generation, due_at, channel, template, asks_reply, state, note, planned_for)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), r.appointmentId(), r.phone(), r.generation(), ts(r.dueAt()), r.channel(), r.template(), r.asksReply(),
                        r.state().name(), r.note(), ts(plannedFor))
                .update();
    }

    void setState(String id, Reminder.State state, String note) {
        jdbc.sql("update reminder set state = ?, note = ? where id = ?").params(state.name(), note, id).update();
    }

    void skipPlanned(String appointmentId, String note) {
        jdbc.sql("update reminder set state = 'SKIPPED', note = ? where appointment_id = ? and state = 'PLANNED'")
                .params(note, appointmentId).update();
    }

    private static Reminder map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Reminder(rs.getString("id"), rs.getString("appointment_id"), rs.getString("phone"), rs.getInt("generation"),
                instant(rs, "due_at"), rs.getString("channel"), rs.getString("template"), rs.getBoolean("asks_reply"),
                Reminder.State.valueOf(rs.getString("state")), rs.getString("note"));
    }
}
