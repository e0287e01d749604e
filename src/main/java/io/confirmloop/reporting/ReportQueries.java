package io.confirmloop.reporting;

import static io.confirmloop.system.Jdbc.instant;
import static io.confirmloop.system.Jdbc.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;

import io.confirmloop.system.WorkQueues;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The report's reads, one query per kind of record, for calendars of one time zone and the
 * instants [lo, hi). Days are the calendar's local dates: on PostgreSQL the local time cast to a
 * date; on H2, whose cast to a date would use the session's zone, the year, month and day of the
 * local time as one yyyymmdd number.
 */
@Repository
class ReportQueries {

    /** The appointment log's words for the outcomes the report counts (see AppointmentLog's writers). */
    static final String ASKED = "Sent text confirmation";
    static final String ASKED_NEW_TIME = "Sent text with the new time";
    static final String CONFIRMED = "Confirmed via text";
    static final String DECLINED = "Declined via text";
    static final String RESCHEDULE = "Asked to reschedule via text";
    static final String NO_RESPONSE = "No reply by the deadline: call the client";


    record TextDay(String calendarId, LocalDate day, long sent, long delivered, long undelivered, long failed, long skipped, long replies,
            long optOuts) {
    }

    record OutcomeDay(String calendarId, LocalDate day, String text, long count) {
    }

    /**
     * An attendee asked to confirm: the day of their first request in the period, the seconds from it
     * to their first text back (null without one), and whether they confirmed by text.
     */
    record Asked(String calendarId, LocalDate day, Long replySeconds, boolean confirmed) {
    }

    record Reply(Instant at, String calendarId, String appointmentId, String phone, String text, String intent, String title,
            Instant appointmentStart, String attendeeStatus) {
    }

    private final JdbcClient jdbc;
    private final boolean postgres;

    ReportQueries(JdbcClient jdbc, DataSourceProperties dataSource) {
        this.jdbc = jdbc;
        this.postgres = WorkQueues.isPostgres(dataSource);
    }

    /** The calendar's local date of an instant column, named local_day; read with {@link #localDay}. */
    private String localDay(String column) {
        String local = column + " at time zone :zone";
        return (postgres ? "cast(%1$s as date)" : "cast(extract(year from %1$s) * 10000 + extract(month from %1$s) * 100 + extract(day from %1$s) as integer)")
                .formatted(local) + " as local_day";
    }

    /** Whole seconds from one instant to a later one (null if either is null). */
    private String secondsBetween(String from, String to) {
        return postgres ? "cast(extract(epoch from (%2$s - %1$s)) as bigint)".formatted(from, to)
                : "datediff('second', %1$s, %2$s)".formatted(from, to);
    }

    private static LocalDate localDay(ResultSet rs) throws SQLException {
        Object value = rs.getObject("local_day");
        if (value instanceof Number n) {
            int yyyymmdd = n.intValue();
            return LocalDate.of(yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100);
        }
        return rs.getObject("local_day", LocalDate.class);
    }

    List<TextDay> texts(Collection<String> calendarIds, ZoneId zone, Instant lo, Instant hi) {
        return jdbc.sql("""
                select calendar_id, local_day,
                  sum(case when direction = 'OUT' and provider_id is not null then 1 else 0 end) as sent,
                  sum(case when direction = 'OUT' and status in ('DELIVERED', 'READ') then 1 else 0 end) as delivered,
                  sum(case when direction = 'OUT' and status = 'UNDELIVERED' then 1 else 0 end) as undelivered,
                  sum(case when direction = 'OUT' and status in ('FAILED', 'CANCELED') then 1 else 0 end) as failed,
                  sum(case when direction = 'OUT' and status = 'SKIPPED' then 1 else 0 end) as skipped,
                  sum(case when direction = 'IN' then 1 else 0 end) as replies,
                  sum(case when direction = 'IN' and intent = 'OPT_OUT' then 1 else 0 end) as opt_outs
                from (select calendar_id, direction, status, provider_id, intent, %s
                      from message
                      where calendar_id in (:calendars) and channel = 'SMS' and created_at >= :lo and created_at < :hi) d
                group by calendar_id, local_day""".formatted(localDay("created_at")))
                .param("zone", zone.getId()).param("calendars", calendarIds).param("lo", ts(lo)).param("hi", ts(hi))
                .query((rs, n) -> new TextDay(rs.getString("calendar_id"), localDay(rs), rs.getLong("sent"),
                        rs.getLong("delivered"), rs.getLong("undelivered"), rs.getLong("failed"), rs.getLong("skipped"),
                        rs.getLong("replies"), rs.getLong("opt_outs")))
                .list();
    }

    List<OutcomeDay> outcomes(Collection<String> calendarIds, ZoneId zone, Instant lo, Instant hi) {
        return jdbc.sql("""
                select calendar_id, local_day, text, count(*) as n
                from (select a.calendar_id, l.text, %s
                      from appointment_log l join appointment a on a.id = l.appointment_id
                      where a.calendar_id in (:calendars) and l.text in (:texts) and l.at >= :lo and l.at < :hi) d
                group by calendar_id, local_day, text""".formatted(localDay("l.at")))
                .param("zone", zone.getId()).param("calendars", calendarIds).param("lo", ts(lo)).param("hi", ts(hi))
                .param("texts", List.of(CONFIRMED, DECLINED, RESCHEDULE, NO_RESPONSE))
                .query((rs, n) -> new OutcomeDay(rs.getString("calendar_id"), localDay(rs), rs.getString("text"),
                        rs.getLong("n")))
                .list();
    }

    List<Asked> asked(Collection<String> calendarIds, ZoneId zone, Instant lo, Instant hi) {
        return jdbc.sql("""
                select q.calendar_id, %s, %s as reply_seconds, count(c.at) as confirmations
                from (select a.calendar_id, l.appointment_id, l.phone, min(l.at) as asked_at
                      from appointment_log l join appointment a on a.id = l.appointment_id
                      where a.calendar_id in (:calendars) and l.text in (:asked) and l.at >= :lo and l.at < :hi
                      group by a.calendar_id, l.appointment_id, l.phone) q
                  left join message r on r.calendar_id = q.calendar_id and r.appointment_id = q.appointment_id and r.phone = q.phone
                    and r.direction = 'IN' and r.created_at >= q.asked_at and r.created_at >= :lo
                  left join appointment_log c on c.appointment_id = q.appointment_id and c.phone = q.phone and c.text = :confirmed
                    and c.at >= q.asked_at and c.at >= :lo
                group by q.calendar_id, q.appointment_id, q.phone, q.asked_at""".formatted(localDay("q.asked_at"),
                        secondsBetween("q.asked_at", "min(r.created_at)")))
                .param("zone", zone.getId()).param("calendars", calendarIds).param("lo", ts(lo)).param("hi", ts(hi)).param("confirmed", CONFIRMED)
                .param("asked", List.of(ASKED, ASKED_NEW_TIME))
                .query((rs, n) -> new Asked(rs.getString("calendar_id"), localDay(rs), rs.getObject("reply_seconds", Long.class),
                        rs.getLong("confirmations") > 0))
                .list();
    }

    /** The latest {@code limit} texts clients sent in the period, newest first. */
    List<Reply> replies(Collection<String> calendarIds, Instant lo, Instant hi, int limit) {
        return jdbc.sql("""
                select m.created_at, m.calendar_id, m.appointment_id, m.phone, m.body, m.intent, a.title, a.start_at,
                       t.status as attendee_status
                from message m
                  left join appointment a on a.id = m.appointment_id
                  left join attendee t on t.appointment_id = m.appointment_id and t.phone = m.phone
                where m.calendar_id in (:calendars) and m.direction = 'IN' and m.channel = 'SMS' and m.created_at >= :lo and m.created_at < :hi
                order by m.created_at desc, m.seq desc
                limit :limit""")
                .param("calendars", calendarIds).param("lo", ts(lo)).param("hi", ts(hi)).param("limit", limit)
                .query((rs, n) -> new Reply(instant(rs, "created_at"), rs.getString("calendar_id"), rs.getString("appointment_id"),
                        rs.getString("phone"), rs.getString("body"), rs.getString("intent"), rs.getString("title"),
                        instant(rs, "start_at"), rs.getString("attendee_status")))
                .list();
    }
}
