package io.confirmloop.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.confirmloop.support.AbstractIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/** ConfirmLoop's own history is bounded: an appointment that ended a retention period ago goes with its messages and log. */
class RetentionIT extends AbstractIT {

    private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");

    @Autowired
    AppointmentRetention retention;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anAppointmentThatEndedLongerAgoThanTheRetentionGoesWithItsMessagesAndLog() {
        setClock(NOW);
        owner("rita", "clinicRet");
        String calendarId = calendar("rita", "Retention clinic");
        Instant start = NOW.plus(Duration.ofHours(5));
        String oldEvent = event("rita", calendarId, "Check-up 201-555-0252", start, start.plus(Duration.ofMinutes(30)));
        runDueJobs();
        String oldId = appointmentOfEvent("rita", calendarId, oldEvent).get("id").asText();
        assertThat(textsTo("rita", "+12015550252")).hasSize(1);
        assertThat(count("message", oldId)).isPositive();
        assertThat(count("appointment_log", oldId)).isPositive();

        // a year and a day after the first one ended, another is coming up
        Instant later = start.plus(Duration.ofDays(366));
        setClock(later.minus(Duration.ofHours(5)));
        String newEvent = event("rita", calendarId, "Filling 201-555-0253", later, later.plus(Duration.ofMinutes(30)));
        runDueJobs();
        String newId = appointmentOfEvent("rita", calendarId, newEvent).get("id").asText();

        assertThat(retention.removeEnded()).isGreaterThanOrEqualTo(1);

        assertThat(call("rita", HttpMethod.GET, "/api/appointments/" + oldId, null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(count("message", oldId)).isZero();
        assertThat(count("appointment_log", oldId)).isZero();
        assertThat(count("reminder", oldId)).isZero();
        assertThat(get("rita", "/api/appointments/" + newId).get("id").asText()).isEqualTo(newId);
        assertThat(count("message", newId)).isPositive();
    }

    private long count(String table, String appointmentId) {
        return jdbc.sql("select count(*) from " + table + " where appointment_id = ?").param(appointmentId).query(Long.class).single();
    }
}
