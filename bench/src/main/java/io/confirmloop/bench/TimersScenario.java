package io.confirmloop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Timers: the job executor's acquisition with many future timers waiting. Every waiting attendee
 * has two timer jobs, so a busy app holds hundreds of thousands; the job executor asks for the due
 * ones about once a second, and that query must not read them all. The runner writes N future
 * timer jobs ({@link TimerJobs}) straight into the app's PostgreSQL database while the app runs,
 * then times the acquisition query ({@link AcquisitionQuery}) as the app issues it and in Camunda's
 * default form, with the app's index {@value #INDEX} on {@code ACT_RU_JOB(DUEDATE_)} and without it
 * (dropped, then created again as it was). pg_stat_statements shows that the timed query is the
 * app's own (the same query identifier) and how long the app's own acquisitions take meanwhile.
 * At the end the timers are removed.
 */
final class TimersScenario {

    static final String INDEX = "confirmloop_job_due";
    private static final int WARM_UP = 20;
    private static final int RUNS = 200;
    private static final double TARGET_MILLIS = 5;
    /** How long the app's own acquisitions are watched after each set of timed queries. */
    private static final Duration APP_WINDOW = Duration.ofSeconds(5);

    private final BenchOptions options;
    private final String jdbcUrl;

    TimersScenario(BenchOptions options, String jdbcUrl) {
        this.options = options;
        this.jdbcUrl = jdbcUrl;
    }

    void run(Report report) throws SQLException, InterruptedException {
        int n = options.timers();
        Report.Section section = report.section("timers: job acquisition with " + n + " future timers in ACT_RU_JOB");
        try (Connection c = DriverManager.getConnection(jdbcUrl, Database.USER, Database.PASSWORD)) {
            String indexDefinition = indexDefinition(c);
            section.row("index " + INDEX, indexDefinition == null ? "absent" : indexDefinition, "there (the app creates it)",
                    Report.Verdict.of(indexDefinition != null));
            StatementStats statements = openStatementStats(section);
            TimerJobs jobs = new TimerJobs();
            boolean dropped = false;
            try {
                Progress.say("(timers) writing %d future timer jobs into the app's ACT_RU_JOB", n);
                long started = System.nanoTime();
                TimerJobs.Written written = jobs.write(c, n);
                TimerJobs.settle(c);
                section.row("timer jobs written (COPY into ACT_RU_JOB, VACUUM (ANALYZE), CHECKPOINT)", written.jobs() + " jobs of "
                        + written.instances() + " process instances, due " + TimerJobs.EARLIEST.toHours() + " h to "
                        + TimerJobs.SPREAD.toDays() + " days ahead, in " + Format.seconds((System.nanoTime() - started) / 1e9)
                        + (written.withDefinitions() ? "" : " (" + TimerJobs.PROCESS + " not deployed: without job definitions)"));
                Long appQuery = capture(c, statements, section);
                measure(c, statements, appQuery, indexDefinition != null, section);
                if (indexDefinition != null) {
                    Progress.say("(timers) dropping the index %s", INDEX);
                    execute(c, "drop index " + INDEX);
                    dropped = true;
                    measure(c, statements, appQuery, false, section);
                }
                long untouched = jobs.untouched(c);
                section.row("timers the app's job executor left alone", untouched + " of " + written.jobs() + " unlocked, with their 3 retries",
                        "all", Report.Verdict.of(untouched == written.jobs()));
            } finally {
                int removed = jobs.remove(c);
                if (dropped) {
                    execute(c, indexDefinition);
                }
                TimerJobs.settle(c);
                section.row("afterwards", removed + " timer jobs removed" + (dropped ? "; " + INDEX + " created again as it was" : ""));
                if (statements != null) {
                    statements.close();
                }
            }
        }
        section.note("Each figure: the query " + RUNS + " times one after the other on one connection, after " + WARM_UP
                + " uncounted runs, with the time of that run as now; from sending it until its rows were read. The driver prepares"
                + " it on the server after five runs, as for the app. \"On the server\": its execution time in pg_stat_statements over"
                + " those runs (the warm-up included, and for the app's query the app's own acquisitions meanwhile).");
        section.note("The timers are due " + TimerJobs.EARLIEST.toHours() + " h ahead at the earliest, so none falls due during the run;"
                + " the query finds only the app's own due jobs, if any.");
    }

    /** The bench's form of the app's query has the query identifier of a statement the app ran: answers it, or null. */
    private Long capture(Connection c, StatementStats statements, Report.Section section) throws SQLException, InterruptedException {
        String figure = "the timed query is the app's (pg_stat_statements)";
        Long queryId = AcquisitionQuery.APP.queryId(c);
        if (statements == null || queryId == null) {
            section.row(figure, "not checked: " + (statements == null ? "pg_stat_statements not loaded" : "no query identifier"));
            return null;
        }
        StatementStats.Entry entry = statements.await(queryId, Duration.ofSeconds(10));
        if (entry == null) {
            section.row(figure, "no statement of the app has the query identifier " + queryId, "the same query", Report.Verdict.MISSED);
            statements.containing("from ACT_RU_JOB RES", 3).forEach(e -> section.note("A job query of the app (" + e.calls() + " runs): "
                    + e.oneLine()));
            return null;
        }
        section.row(figure, "same query identifier " + queryId + " as the app's statement, run " + entry.calls() + " times by the app"
                + " so far", "the same query", Report.Verdict.MET);
        section.note("The app's acquisition query as PostgreSQL received it (pg_stat_statements; its constants shown as $n, its"
                + " comments left out; the parameters are now, now, now, 16, 0): " + entry.oneLine());
        return queryId;
    }

    /** Times both forms of the query, then watches the app's own acquisitions. */
    private void measure(Connection c, StatementStats statements, Long appQuery, boolean withIndex, Report.Section section)
            throws SQLException, InterruptedException {
        String index = withIndex ? "with the index" : "without the index";
        section.note("Load average (1, 5, 15 min) when the timing " + index + " began: " + loadAverage()
                + " (" + Runtime.getRuntime().availableProcessors() + " cores).");
        for (AcquisitionQuery query : AcquisitionQuery.values()) {
            Progress.say("(timers) timing %s, %s", query.label, index);
            Long queryId = statements == null ? null : query.queryId(c);
            if (queryId != null) {
                statements.reset(queryId);
            }
            Stats stats = query.time(c, WARM_UP, RUNS);
            StatementStats.Entry server = queryId == null ? null : statements.find(queryId);
            List<String> plan = query.explain(c, "analyze, buffers");
            boolean target = query == AcquisitionQuery.APP && withIndex;
            section.row(query.label + ", " + index, stats.summary("ms") + (server == null ? "" : "; on the server: mean "
                    + fine(server.meanMillis()) + ", max " + fine(server.maxMillis()) + " ms"), target ? "p99 ≤ 5 ms" : "",
                    target ? Report.Verdict.of(stats.p99() <= TARGET_MILLIS) : Report.Verdict.NONE);
            section.row("  its plan", AcquisitionQuery.shape(plan));
            if (query == AcquisitionQuery.APP) {
                section.note("EXPLAIN (ANALYZE, BUFFERS) of " + query.label + ", " + index + ":\n\n"
                        + plan.stream().map(line -> "      " + line).collect(Collectors.joining("\n")));
            }
        }
        if (statements != null && appQuery != null) {
            statements.reset(appQuery);
            Thread.sleep(APP_WINDOW.toMillis());
            StatementStats.Entry own = statements.find(appQuery);
            section.row("the app's own acquisitions over " + APP_WINDOW.toSeconds() + " s, " + index, own == null ? "none"
                    : own.calls() + " runs, mean " + fine(own.meanMillis()) + " ms, max " + fine(own.maxMillis())
                    + " ms on the server (pg_stat_statements)");
        }
    }

    private StatementStats openStatementStats(Report.Section section) {
        try {
            return StatementStats.open(jdbcUrl);
        } catch (SQLException e) {
            section.note("pg_stat_statements is not available (" + e.getMessage() + "): the query is not compared with the app's.");
            return null;
        }
    }

    /** A time in ms, to the µs below 1 ms (an index scan takes a few µs on the server). */
    private static String fine(double millis) {
        return millis < 1 ? String.format(Locale.ROOT, "%.3f", millis) : Format.num(millis);
    }

    /** The first three fields of /proc/loadavg, or "unknown": other work on the machine shows in the tails. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", fields[0], fields[1], fields[2]);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** {@code CREATE INDEX …} of the index as the app created it, or null. */
    private static String indexDefinition(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select indexdef from pg_indexes where tablename = 'act_ru_job' and indexname = ?")) {
            s.setString(1, INDEX);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
