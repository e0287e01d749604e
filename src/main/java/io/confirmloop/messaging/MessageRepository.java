package io.confirmloop.messaging;

import static io.confirmloop.system.Jdbc.instant;
import static io.confirmloop.system.Jdbc.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class MessageRepository {

    private final JdbcClient jdbc;

    MessageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Message> find(String id) {
        return jdbc.sql("select * from message where id = ?").param(id).query(MessageRepository::map).optional();
    }

    Optional<Message> findByIdempotencyKey(String key) {
        return jdbc.sql("select * from message where idempotency_key = ?").param(key).query(MessageRepository::map).optional();
    }

    Optional<Message> findByProviderId(String providerId) {
        return jdbc.sql("select * from message where provider_id = ?").param(providerId).query(MessageRepository::map).optional();
    }

    public List<Message> ofAppointment(String appointmentId) {
        return jdbc.sql("select * from message where appointment_id = ? order by seq").param(appointmentId)
                .query(MessageRepository::map).list();
    }

    public List<Message> ofPhone(String phone) {
        return jdbc.sql("select * from message where phone = ? order by seq").param(phone).query(MessageRepository::map).list();
    }

    List<Message> inboundToRetry(int limit) {
        return jdbc.sql("select * from message where direction = 'IN' and status = 'RETRY' order by seq fetch first ? rows only")
                .param(limit).query(MessageRepository::map).list();
    }

    void insert(Message m) {
        insert(m, null);
    }

    /** Inserts the message, claimed for one sending attempt until {@code claimedUntil} (null: not claimed). */
    void insert(Message m, Instant claimedUntil) {
        jdbc.sql("""
                insert into message (id, appointment_id, calendar_id, phone, direction, channel, from_address, to_address, subject, body,
                  status, provider_id, idempotency_key, intent, correlation_attempts, created_at, updated_at, claimed_until)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(m.id(), m.appointmentId(), m.calendarId(), m.phone(), m.direction().name(), m.channel().name(), m.from(), m.to(),
                        m.subject(), m.body(), m.status(), m.providerId(), m.idempotencyKey(), m.intent() == null ? null : m.intent().name(),
                        m.correlationAttempts(), ts(m.createdAt()), ts(m.updatedAt()), ts(claimedUntil))
                .update();
        history(m.id(), m.status(), m.createdAt());
    }

    /**
     * Claims the message for one sending attempt until {@code until}: only if nobody holds a live
     * claim and it was not sent. True if this attempt has it.
     */
    boolean claim(String id, Instant now, Instant until) {
        return jdbc.sql("""
                update message set status = 'HANDING_OVER', claimed_until = ?, updated_at = ?
                where id = ? and provider_id is null
                  and (status in ('QUEUED', 'NOT_SENT') or (status = 'HANDING_OVER' and (claimed_until is null or claimed_until <= ?)))""")
                .params(ts(until), ts(now), id, ts(now)).update() == 1;
    }

    void markSent(String id, String providerId, String status, Instant at) {
        jdbc.sql("update message set provider_id = ?, status = ?, claimed_until = null, updated_at = ? where id = ?")
                .params(providerId, status, ts(at), id).update();
        history(id, status, at);
    }

    public void assign(String id, String appointmentId, String calendarId, Instant at) {
        jdbc.sql("update message set appointment_id = ?, calendar_id = ?, updated_at = ? where id = ?")
                .params(appointmentId, calendarId, ts(at), id).update();
    }

    public void setStatus(String id, String status, Instant at) {
        if (jdbc.sql("update message set status = ?, updated_at = ? where id = ? and status <> ?").params(status, ts(at), id, status)
                .update() == 1) {
            history(id, status, at);
        } else {
            jdbc.sql("update message set updated_at = ? where id = ?").params(ts(at), id).update();
        }
    }

    /** A status the message went through (the hand-over's own claims and the retries of a reply are not kept). */
    private void history(String id, String status, Instant at) {
        if (!Message.Status.HANDING_OVER.equals(status) && !Message.Status.RETRY.equals(status)) {
            jdbc.sql("insert into message_status_change (message_id, status, at) values (?, ?, ?)").params(id, status, ts(at)).update();
        }
    }

    /** A status of a message at a time. */
    public record StatusChange(String status, Instant at) {
    }

    /** The statuses each of these messages went through, in order. */
    public Map<String, List<StatusChange>> statusHistory(Collection<String> messageIds) {
        Map<String, List<StatusChange>> history = new HashMap<>();
        if (messageIds.isEmpty()) {
            return history;
        }
        jdbc.sql("select message_id, status, at from message_status_change where message_id in (:ids) order by id").param("ids", messageIds)
                .query((rs, row) -> history.computeIfAbsent(rs.getString("message_id"), k -> new ArrayList<>())
                        .add(new StatusChange(rs.getString("status"), instant(rs, "at"))))
                .list();
        return history;
    }

    void setError(String id, String code, String message, Instant at) {
        jdbc.sql("update message set error_code = ?, error_message = ?, updated_at = ? where id = ?")
                .params(code, message == null || message.length() <= 500 ? message : message.substring(0, 500), ts(at), id).update();
    }

    void retryLater(String id, Instant at) {
        jdbc.sql("update message set status = 'RETRY', correlation_attempts = correlation_attempts + 1, updated_at = ? where id = ?")
                .params(ts(at), id).update();
    }

    static Message map(ResultSet rs, int row) throws SQLException {
        String intent = rs.getString("intent");
        return new Message(rs.getString("id"), rs.getString("appointment_id"), rs.getString("calendar_id"), rs.getString("phone"),
                Direction.valueOf(rs.getString("direction")), Channel.valueOf(rs.getString("channel")), rs.getString("from_address"),
                rs.getString("to_address"), rs.getString("subject"), rs.getString("body"), rs.getString("status"),
                rs.getString("provider_id"), rs.getString("idempotency_key"), intent == null ? null : Intent.valueOf(intent),
                rs.getInt("correlation_attempts"), instant(rs, "created_at"), instant(rs, "updated_at"), rs.getString("error_code"),
                rs.getString("error_message"));
    }
}
