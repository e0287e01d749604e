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

    /**
     * Claims up to {@code limit} planned reminders due by {@code now} for one sender until
     * {@code until}, oldest first. Rows another sender holds (locked now, or claimed and not
     * expired) are skipped, so senders on any number of nodes never take the same reminder; a dead
     * sender's claims expire. Call in a transaction: the claim commits with it.
     */
    List<Reminder> claimDue(Instant now, Instant until, int limit) {
        List<Reminder> due = jdbc.sql("""
                select * from reminder where state = 'PLANNED' and due_at <= ? and (claimed_until is null or claimed_until <= ?)
                order by due_at fetch first ? rows only for update skip locked""")
                .params(ts(now), ts(now), limit).query(ReminderRepository::map).list();
        if (!due.isEmpty()) {
            jdbc.sql("update reminder set claimed_until = :until where id in (:ids)").param("until", ts(until))
                    .param("ids", due.stream().map(Reminder::id).toList()).update();
        }
        return due;
    }

    /**
     * Locks a planned reminder for the planning's transaction, so the outbox records its outcome
     * only after the instance waits for it (and then tells it); false if it was handed off already.
     */
    boolean lockPlanned(String id) {
        return !jdbc.sql("select id from reminder where id = ? and state = 'PLANNED' for update").param(id).query(String.class).list()
                .isEmpty();
    }

    /**
     * The outcome of a hand-off: sent, or skipped with the reason ({@code refused} when the
     * provider will never take it). The attendee's instance is told next ({@code model_pending}).
     */
    void handedOff(String id, Reminder.State state, String note, String messageId, boolean refused, Instant at) {
        jdbc.sql("""
                update reminder set state = ?, note = ?, message_id = ?, refused = ?, claimed_until = null, handed_off_at = ?,
                  model_pending = true where id = ?""")
                .params(state.name(), note, messageId, refused, ts(at), id).update();
    }

    /** A passing failure (provider down, throttled): the claim is kept until {@code notBefore}, when any sender retries. */
    int retryLater(String id, Instant notBefore, String error) {
        jdbc.sql("update reminder set claimed_until = ?, attempts = attempts + 1, last_error = ? where id = ?")
                .params(ts(notBefore), error == null || error.length() <= 500 ? error : error.substring(0, 500), id).update();
        return jdbc.sql("select attempts from reminder where id = ?").param(id).query(Integer.class).single();
    }

    /** Another attempt holds the reminder's message: looked at again at {@code notBefore}, not counted as an attempt. */
    void lookAgainAt(String id, Instant notBefore) {
        jdbc.sql("update reminder set claimed_until = ? where id = ?").params(ts(notBefore), id).update();
    }

    /** Quiet hours began before it went: it is due again at {@code dueAt}. */
    void defer(String id, Instant dueAt, String note) {
        jdbc.sql("update reminder set due_at = ?, note = ?, claimed_until = null where id = ?").params(ts(dueAt), note, id).update();
    }

    /** The attempts so far and the last passing failure of a reminder. */
    record Attempts(int attempts, String lastError, String messageId, boolean refused) {
    }

    Optional<Attempts> attempts(String id) {
        return jdbc.sql("select attempts, last_error, message_id, refused from reminder where id = ?").param(id)
                .query((rs, row) -> new Attempts(rs.getInt("attempts"), rs.getString("last_error"), rs.getString("message_id"),
                        rs.getBoolean("refused")))
                .optional();
    }

    /** A reminder handed off whose attendee's instance has not been told yet. */
    record Untold(String id, String appointmentId, String phone) {
    }

    /** Reminders handed off by {@code before} whose instances wait to be told, oldest first. */
    List<Untold> untold(Instant before, int limit) {
        return jdbc.sql("""
                select id, appointment_id, phone from reminder where model_pending = true and handed_off_at <= ?
                order by handed_off_at fetch first ? rows only""")
                .params(ts(before), limit).query((rs, row) -> new Untold(rs.getString("id"), rs.getString("appointment_id"),
                        rs.getString("phone")))
                .list();
    }

    /** Takes the telling of one reminder's instance for this transaction; false if another node has it or it is done. */
    boolean takeUntold(String id) {
        return !jdbc.sql("select id from reminder where id = ? and model_pending = true for update skip locked").param(id)
                .query(String.class).list().isEmpty();
    }

    void told(String id) {
        jdbc.sql("update reminder set model_pending = false where id = ?").param(id).update();
    }

    private static Reminder map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Reminder(rs.getString("id"), rs.getString("appointment_id"), rs.getString("phone"), rs.getInt("generation"),
                instant(rs, "due_at"), rs.getString("channel"), rs.getString("template"), rs.getBoolean("asks_reply"),
                Reminder.State.valueOf(rs.getString("state")), rs.getString("note"));
    }
}
