package io.confirmloop.appointment;

import static io.confirmloop.system.Jdbc.instant;
import static io.confirmloop.system.Jdbc.ts;

import java.time.Instant;
import java.util.List;

import io.confirmloop.system.AppClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Status changes of an appointment, e.g. "Sent text confirmation", "Confirmed via text". */
@Component
class AppointmentLog {

    public record Entry(Instant at, String phone, String text) {
    }

    private final JdbcClient jdbc;
    private final AppClock clock;

    AppointmentLog(JdbcClient jdbc, AppClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void add(String appointmentId, String phone, String text) {
        jdbc.sql("insert into appointment_log (appointment_id, phone, at, text) values (?, ?, ?, ?)")
                .params(appointmentId, phone, ts(clock.now()), text.length() > 500 ? text.substring(0, 500) : text)
                .update();
    }

    public List<Entry> entries(String appointmentId) {
        return jdbc.sql("select * from appointment_log where appointment_id = ? order by id").param(appointmentId)
                .query((rs, n) -> new Entry(instant(rs, "at"), rs.getString("phone"), rs.getString("text"))).list();
    }
}
