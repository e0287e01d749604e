package io.confirmloop.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * (e) The text messaging report over a calendar with many messages. Going through the app (events,
 * texts, signed replies) runs at tens of appointments a second, so the runner writes the history
 * straight into the app's PostgreSQL database, shaped as the app writes it: per appointment a
 * confirmation request, for most a reply (70 % YES, 10 % NO, 5 % R, 5 % STOP) and an answer to
 * it, a reminder, and the appointment log's entries. It then times {@code GET /api/reports/messaging}
 * for that calendar and the last 30 days, as JSON and as CSV, and for all calendars.
 */
final class ReportScenario {

    private static final ZoneId ZONE = ZoneId.of("America/New_York");
    /** Messages per appointment on average: request, 0.85 replies, 0.75 answers, reminder. */
    private static final double MESSAGES_PER_APPOINTMENT = 3.6;
    /** Uncounted calls before each figure: a running app has its code paths compiled. */
    private static final int WARM_UP = 10;

    private final AppClient client;
    private final BenchOptions options;
    private final String group;
    private final String jdbcUrl;

    ReportScenario(AppClient client, BenchOptions options, String group, String jdbcUrl) {
        this.client = client;
        this.options = options;
        this.group = group;
        this.jdbcUrl = jdbcUrl;
    }

    void run(Report report) throws SQLException {
        String calendarId = client.createCalendar("Report", group);
        int appointments = (int) Math.ceil(options.reportMessages() / MESSAGES_PER_APPOINTMENT);
        LocalDate to = LocalDate.now(ZONE);
        LocalDate from = to.minusDays(29);
        Instant first = from.atStartOfDay(ZONE).toInstant().plus(Duration.ofHours(8));
        Instant last = to.atStartOfDay(ZONE).toInstant();
        Progress.say("(e) writing %d appointments' texts and log into the app's database", appointments);
        long started = System.nanoTime();
        long messages = seed(calendarId, appointments, first, Duration.between(first, last).toSeconds() / appointments);
        double seedSeconds = (System.nanoTime() - started) / 1e9;
        Progress.say("(e) %d messages written in %s; timing the report", messages, Format.seconds(seedSeconds));

        String period = "from=" + from + "&to=" + to;
        String one = "/api/reports/messaging?calendarId=" + calendarId + "&" + period;
        Stats json = time(one);
        Stats csv = time(one + "&format=csv");
        Stats all = time("/api/reports/messaging?" + period);
        JsonNode totals = client.read(client.get(one)).path("totals");
        Report.Section section = report.section("(e) text messaging report: " + messages + " messages in one calendar, 30 days")
                .row("messages written (straight into the database)", messages + " in " + Format.seconds(seedSeconds))
                .row("report of the calendar, JSON", json.summary("ms"), "p99 < 1,000 ms", Report.Verdict.of(json.p99() < 1000))
                .row("report of the calendar, CSV", csv.summary("ms"), "p99 < 1,000 ms", Report.Verdict.of(csv.p99() < 1000))
                .row("report of all calendars, JSON", all.summary("ms"), "p99 < 1,000 ms", Report.Verdict.of(all.p99() < 1000))
                .row("the report's counts", "sent " + totals.path("sent").asLong() + ", replies " + totals.path("replies").asLong()
                        + ", asked to confirm " + totals.path("askedToConfirm").asLong() + ", confirmation rate "
                        + totals.path("confirmationRate").asDouble() + ", median reply " + totals.path("medianReplySeconds").asLong() + " s");
        section.note("Each figure: " + options.reportCalls() + " calls one after the other, after " + WARM_UP + " uncounted ones.");
    }

    private Stats time(String path) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < options.reportCalls() + WARM_UP; i++) {
            AppClient.Answer answer = client.get(path);
            if (!answer.ok()) {
                throw new IllegalStateException("Report call failed: HTTP " + answer.status() + " " + answer.body());
            }
            if (i >= WARM_UP) {
                millis.add(answer.millis());
            }
        }
        return Stats.of(millis);
    }

    /** Writes the history in a few set-based statements and answers the number of messages. */
    private long seed(String calendarId, int n, Instant first, long stepSeconds) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, Database.USER, Database.PASSWORD)) {
            c.setAutoCommit(false);
            String series = " from (select i, ?::timestamptz + (i * ?) * interval '1 second' as t, i % 20 as k"
                    + " from generate_series(1, ?) i) s";
            execute(c, "insert into appointment (id, calendar_id, event_id, title, start_at, end_at, status, plan_generation, created_at,"
                    + " updated_at) select 'bench-a-' || i, ?, 'bench-e-' || i, 'Check-up ' || i, t + interval '24 hours',"
                    + " t + interval '24 hours 30 minutes', 'ACTIVE', 1, t, t" + series, calendarId, first, stepSeconds, n);
            execute(c, "insert into attendee (appointment_id, phone, can_receive_sms, status, awaiting_reply, removed, last_request_at,"
                    + " updated_at) select 'bench-a-' || i, '+1201' || lpad(i::text, 7, '0'), true, case when k < 14 then 'CONFIRMED'"
                    + " when k = 14 then 'DECLINED' when k = 15 then 'RESCHEDULE_REQUESTED' when k = 16 then 'OPTED_OUT'"
                    + " else 'NO_RESPONSE' end, false, false, t, t" + series, first, stepSeconds, n);
            // the request (3 % undelivered, 1 % failed), the reply, the answer to YES or NO, the reminder 22 h later
            execute(c, "insert into message (id, appointment_id, calendar_id, phone, direction, channel, from_address, to_address, body,"
                    + " status, provider_id, intent, created_at, updated_at)"
                    + " select 'bench-m-' || i || '-' || x.n, 'bench-a-' || i, ?, '+1201' || lpad(i::text, 7, '0'), x.dir, 'SMS', '+15005550006',"
                    + " '+1201' || lpad(i::text, 7, '0'), x.body, x.status, 'SMbench' || i || '-' || x.n, x.intent, x.at, x.at" + series
                    + " cross join lateral (values"
                    + "  (1, 'OUT', 'Reply C or YES to confirm', case when i % 100 < 3 then 'UNDELIVERED' when i % 100 = 3 then 'FAILED'"
                    + "   else 'DELIVERED' end, null, t),"
                    + "  (2, 'IN', case when k < 14 then 'Yes' when k = 14 then 'No' when k = 15 then 'R' else 'STOP' end, 'PROCESSED',"
                    + "   case when k < 14 then 'CONFIRM' when k = 14 then 'DECLINE' when k = 15 then 'RESCHEDULE' else 'OPT_OUT' end,"
                    + "   t + (60 + i % 3600) * interval '1 second'),"
                    + "  (3, 'OUT', 'Thank you', 'DELIVERED', null, t + (61 + i % 3600) * interval '1 second'),"
                    + "  (4, 'OUT', 'See you soon', 'DELIVERED', null, t + interval '22 hours')) as x(n, dir, body, status, intent, at)"
                    + " where (x.n = 1 or x.n = 4 or (x.n = 2 and k < 17) or (x.n = 3 and k < 15))", calendarId, first, stepSeconds, n);
            execute(c, "insert into appointment_log (appointment_id, phone, at, text)"
                    + " select 'bench-a-' || i, '+1201' || lpad(i::text, 7, '0'), x.at, x.text" + series
                    + " cross join lateral (values (1, t, 'Sent text confirmation'),"
                    + "  (2, t + (60 + i % 3600) * interval '1 second', case when k < 14 then 'Confirmed via text' when k = 14 then"
                    + "   'Declined via text' when k = 15 then 'Asked to reschedule via text' else 'Opted out of texts' end),"
                    + "  (3, t + interval '22 hours', case when k < 17 then 'Sent text reminder' else 'No reply by the deadline: call the client'"
                    + "   end)) as x(n, at, text)", first, stepSeconds, n);
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                // what autovacuum would do soon after such a load
                s.execute("analyze appointment; analyze attendee; analyze message; analyze appointment_log");
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select count(*) from message where calendar_id = '" + calendarId.replace("'", "") + "'")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void execute(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                statement.setObject(i + 1, p instanceof Instant at ? at.atOffset(ZoneOffset.UTC) : p);
            }
            statement.executeUpdate();
        }
    }
}
