package io.confirmloop.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.confirmloop.support.AbstractIT;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The text messaging report over what really happened: five clients of a New York calendar get
 * their confirmation request, answer YES, NO, R, STOP (late in the evening, so on that day in New
 * York but the next in UTC), or nothing. Seeded once, through the app's own paths, for the API and
 * the page tests alike.
 */
abstract class MessagingReportScenario extends AbstractIT {

    /** Tuesday 1 December 2026, 10:00 in New York. */
    static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");
    /** Wednesday 2 December 2026, 09:00 in New York: the 24 h request is late and goes out at once. */
    static final Instant START = Instant.parse("2026-12-02T14:00:00Z");
    static final String YES = "+13125550101";
    static final String NO = "+13125550102";
    static final String RESCHEDULE = "+13125550103";
    static final String STOP = "+13125550104";
    static final String SILENT = "+13125550105";
    static final List<String> CLIENTS = List.of(YES, NO, RESCHEDULE, STOP, SILENT);
    static final String PERIOD = "from=2026-12-01&to=2026-12-02";
    static final String OWNER = "reportowner";

    @Autowired
    JdbcClient jdbc;

    /** Seeded once for the class: the clients' numbers and opt-outs are the app's for good. */
    static String calendarId;

    @BeforeEach
    void clientsAnswer() {
        if (calendarId != null) {
            return;
        }
        setClock(NOW);
        owner(OWNER, "reportclinic");
        calendarId = calendar(OWNER, "Lakeside report clinic");
        for (String phone : CLIENTS) {
            event(OWNER, calendarId, "Check-up " + phone, START, START.plus(Duration.ofMinutes(30)));
        }
        runDueJobs();
        answer(YES, "Yes", Duration.ofMinutes(10));
        answer(NO, "No, I can't make it", Duration.ofMinutes(20));
        answer(RESCHEDULE, "R", Duration.ofMinutes(30));
        // 23:30 in New York: still 1 December there, 2 December in UTC
        answer(STOP, "STOP", Duration.ofMinutes(13 * 60 + 30));
        setClock(START.minus(Duration.ofHours(2)));
        runDueJobs();
        // what Twilio's status callbacks record (TwilioAndSmtpIT covers that path): one request undelivered, one text failed
        providerReports(SILENT, "Reply C or YES", "UNDELIVERED");
        providerReports(NO, "", "FAILED");
    }

    private void answer(String phone, String text, Duration after) {
        setClock(NOW.plus(after));
        reply(OWNER, phone, text);
        runDueJobs();
    }

    private void providerReports(String phone, String bodyPart, String status) {
        assertThat(jdbc.sql("""
                update message set status = :status, error_code = '30003' where id = (
                  select min(id) from message where phone = :phone and direction = 'OUT' and body like :body and status = 'DELIVERED')""")
                .param("status", status).param("phone", phone).param("body", "%" + bodyPart + "%").update()).isEqualTo(1);
    }
}
