package io.confirmloop.appointment;

import static io.confirmloop.system.Jdbc.instant;
import static io.confirmloop.system.Jdbc.ts;

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

    Optional<Reminder> find(String id) {
        return jdbc.sql("select * from reminder where id = ?").param(id).query(ReminderRepository::map).optional();
    }

    void insert(Reminder r) {
        jdbc.sql("""
                insert into reminder (id, appointment_id, phone, generation, due_at, channel, template, asks_reply, state, note)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), r.appointmentId(), r.phone(), r.generation(), ts(r.dueAt()), r.channel(), r.template(), r.asksReply(),
                        r.state().name(), r.note())
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
