package io.confirmloop.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.confirmloop.messaging.ReplyTraffic;
import io.confirmloop.support.AbstractIT;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reminder outbox on the real database: senders that run at the same time (as on two nodes)
 * send each reminder once; a dead sender's claims are taken over once they expire; quiet hours
 * that began before a late reminder went hold it back until they end; the attendee's instance
 * learns what became of its reminder; and while replies come in, the models catch up only a few
 * at a time.
 */
class ReminderOutboxIT extends AbstractIT {

    private static final String OWNER = "otto";
    /** Tuesday 1 December 2026, 10:00 in New York. */
    private static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");
    /** Wednesday 2 December 2026, 10:00 in New York. */
    private static final Instant START = Instant.parse("2026-12-02T15:00:00Z");

    @Autowired
    ReminderRepository reminders;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReplyTraffic replyTraffic;

    String calendarId;

    @BeforeEach
    void setUp() {
        setClock(NOW);
        owner(OWNER, "clinicOutbox");
        calendarId = calendar(OWNER, "Outbox clinic");
    }

    @Test
    void sendersRunningAtTheSameTimeSendEachReminderOnce() throws Exception {
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String number = "201-555-03" + String.format("%02d", i);
            phones.add("+1" + number.replace("-", ""));
            event(OWNER, calendarId, "Check-up " + number, START, START.plus(Duration.ofMinutes(30)));
        }
        assertThat(dueConfirmationRequests()).isEqualTo(30);

        // four senders at once, as four nodes would, each taking small batches
        ExecutorService nodes = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> senders = new ArrayList<>();
            for (int n = 0; n < 4; n++) {
                senders.add(() -> {
                    int sent = 0;
                    for (List<Reminder> batch = claim(4); !batch.isEmpty(); batch = claim(4)) {
                        sent += batch.size();
                        batch.forEach(this::handOff);
                    }
                    return sent;
                });
            }
            int claimed = 0;
            for (Future<Integer> f : nodes.invokeAll(senders)) {
                claimed += f.get();
            }
            assertThat(claimed).as("every reminder claimed by exactly one sender").isEqualTo(30);
        } finally {
            nodes.shutdownNow();
        }
        for (String phone : phones) {
            assertThat(textsTo(OWNER, phone)).as(phone).hasSize(1);
        }
        runDueJobs();
        for (String phone : phones) {
            assertThat(textsTo(OWNER, phone)).as(phone + " after the models were told").hasSize(1);
        }
        assertThat(dueConfirmationRequests()).isZero();
    }

    @Test
    void aDeadSendersClaimsAreTakenOverOnceTheyExpire() {
        String eventId = event(OWNER, calendarId, "Check-up 201-555-0330", START, START.plus(Duration.ofMinutes(30)));
        // a node claims the due reminder and dies before handing it off
        List<Reminder> claimedByTheDeadNode = claim(10);
        assertThat(claimedByTheDeadNode).hasSize(1);

        runDueJobs();
        assertThat(textsTo(OWNER, "+12015550330")).as("held by the dead node's claim").isEmpty();

        setClock(NOW.plus(Duration.ofSeconds(31)));
        runDueJobs();
        assertThat(textsTo(OWNER, "+12015550330")).hasSize(1);
        String appointmentId = appointmentOfEvent(OWNER, calendarId, eventId).get("id").asText();
        assertThat(get(OWNER, "/api/appointments/" + appointmentId).at("/attendees/0/status").asText()).isEqualTo("REMINDED");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(appointmentId)
                .variableValueEquals(AppointmentProcess.Variables.REMINDER_ID, claimedByTheDeadNode.get(0).id()).count())
                .as("the instance was told and waits for the next reminder").isZero();
        assertThat(logTexts(OWNER, appointmentId)).containsOnlyOnce("Sent text confirmation");
    }

    @Test
    void aReminderThatFallsDueInQuietHoursWaitsUntilTheyEnd() {
        // the request is planned for 12:00 the day before; the nodes were down until 22:30 (quiet hours 21:00–08:00)
        Instant noon = Instant.parse("2026-12-02T17:00:00Z");
        String eventId = event(OWNER, calendarId, "Check-up 201-555-0331", noon, noon.plus(Duration.ofMinutes(30)));
        Instant lateEvening = Instant.parse("2026-12-02T03:30:00Z");
        setClock(lateEvening);
        runDueJobs();
        assertThat(textsTo(OWNER, "+12015550331")).isEmpty();
        String appointmentId = appointmentOfEvent(OWNER, calendarId, eventId).get("id").asText();
        assertThat(logTexts(OWNER, appointmentId)).contains("Confirmation request at 08:00 (quiet hours)");

        setClock(Instant.parse("2026-12-02T13:00:00Z"));
        runDueJobs();
        assertThat(textsTo(OWNER, "+12015550331")).hasSize(1);
        assertThat(logTexts(OWNER, appointmentId)).containsOnlyOnce("Sent text confirmation");
    }

    @Test
    void whileRepliesComeInTheModelsCatchUpOnlyAFewAtATime() throws Exception {
        for (int i = 0; i < 8; i++) {
            event(OWNER, calendarId, "Check-up 201-555-034" + i, START, START.plus(Duration.ofMinutes(30)));
        }
        assertThat(dueConfirmationRequests()).isEqualTo(8);
        assertThat(outbox.sendDue()).isEqualTo(8);
        assertThat(instancesStillToBeTold()).isEqualTo(8);

        // a client's text comes in on this node: the models give way to it
        reply(OWNER, "+12015550349", "Is there parking?");
        assertThat(outbox.round()).as("the loop pauses").isFalse();
        assertThat(instancesStillToBeTold()).as("5 told while replying (notices-while-replying)").isEqualTo(3);

        // no text for reply-pause: the rest are told at once
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !replyTraffic.within(Duration.ofSeconds(2)));
        assertThat(outbox.round()).isTrue();
        assertThat(instancesStillToBeTold()).isZero();
        runDueJobs();
        for (int i = 0; i < 8; i++) {
            assertThat(textsTo(OWNER, "+1201555034" + i)).hasSize(1);
        }
    }

    private long instancesStillToBeTold() {
        return jdbc.sql("""
                select count(*) from reminder r join appointment a on a.id = r.appointment_id
                where a.calendar_id = ? and r.model_pending""").params(calendarId).query(Long.class).single();
    }

    private long dueConfirmationRequests() {
        return jdbc.sql("""
                select count(*) from reminder r join appointment a on a.id = r.appointment_id
                where a.calendar_id = ? and r.state = 'PLANNED' and r.due_at <= ?""")
                .params(calendarId, java.sql.Timestamp.from(NOW)).query(Long.class).single();
    }

    private List<Reminder> claim(int limit) {
        return transactions.execute(s -> reminders.claimDue(NOW, NOW.plus(Duration.ofSeconds(30)), limit));
    }

    private void handOff(Reminder reminder) {
        sender.handOff(reminder);
    }

    @Autowired
    ReminderSender sender;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;
}
