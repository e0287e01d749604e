package io.confirmloop.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The job executor's acquisition query ({@code selectNextJobsToExecute} of Camunda 7.24's
 * {@code Job.xml}) as the engine issues it to PostgreSQL: the due, unlocked, active jobs with retries
 * left, an exclusive job only while no other exclusive job of its process instance is locked, at
 * most {@code max-jobs-per-acquisition} (16) of them. Not deployment-aware, no priority range,
 * history cleanup on, exclusive per process instance: the app's settings, which add nothing else to
 * the query. Its parameters are bound as MyBatis binds them: {@code now} three times as a
 * {@link Timestamp}, then the limit and the offset as ints.
 */
enum AcquisitionQuery {

    /** With {@code ensureJobDueDateNotNull} and {@code jobExecutorAcquireByDueDate}, as the app sets them. */
    APP("the app's query (due date ≤ now, ordered by it)", "RES.DUEDATE_ <= ?", "order by RES.DUEDATE_ asc"),
    /** Camunda's default: a job without a due date is due, and the due jobs come in no order. */
    CAMUNDA_DEFAULT("Camunda's default query (due date null or ≤ now, no order)", "RES.DUEDATE_ is null or RES.DUEDATE_ <= ?", "");

    static final int MAX_JOBS_PER_ACQUISITION = 16;

    private static final String SELECT = """
            select RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_
            from ACT_RU_JOB RES
            where (RES.RETRIES_ > 0)
              and (%s)
              and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < ?)
              and RES.SUSPENSION_STATE_ = 1
              and ((RES.EXCLUSIVE_ = true
                  and not exists(select J2.ID_ from ACT_RU_JOB J2
                    where J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_
                      and (J2.EXCLUSIVE_ = true)
                      and (J2.LOCK_OWNER_ is not null and J2.LOCK_EXP_TIME_ >= ?)))
                or RES.EXCLUSIVE_ = false)
            %s
            LIMIT ? OFFSET ?""";

    final String label;
    final String sql;

    AcquisitionQuery(String label, String dueCondition, String orderBy) {
        this.label = label;
        this.sql = SELECT.formatted(dueCondition, orderBy);
    }

    /** Binds the parameters of one acquisition at {@code now}. */
    void bind(PreparedStatement statement, Timestamp now) throws SQLException {
        statement.setTimestamp(1, now);
        statement.setTimestamp(2, now);
        statement.setTimestamp(3, now);
        statement.setInt(4, MAX_JOBS_PER_ACQUISITION);
        statement.setInt(5, 0);
    }

    /**
     * Runs the query {@code warmUp + runs} times, one after the other on one prepared statement (so
     * the driver prepares it on the server after five, as in the app), and answers the time of each
     * counted run in ms: from sending it until every row was read.
     */
    Stats time(Connection c, int warmUp, int runs) throws SQLException {
        List<Double> millis = new ArrayList<>();
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < warmUp + runs; i++) {
                bind(statement, new Timestamp(System.currentTimeMillis()));
                long started = System.nanoTime();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                    }
                }
                if (i >= warmUp) {
                    millis.add(Format.millis(System.nanoTime() - started));
                }
            }
        }
        return Stats.of(millis);
    }

    /** {@code EXPLAIN (options)} of one run at this instant, line by line. */
    List<String> explain(Connection c, String options) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (PreparedStatement statement = c.prepareStatement("explain (" + options + ") " + sql)) {
            bind(statement, new Timestamp(System.currentTimeMillis()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
        }
        return plan;
    }

    /** PostgreSQL's query identifier (as in pg_stat_statements), from {@code EXPLAIN (VERBOSE)}; null if not computed. */
    Long queryId(Connection c) throws SQLException {
        for (String line : explain(c, "verbose")) {
            if (line.startsWith("Query Identifier: ")) {
                return Long.parseLong(line.substring("Query Identifier: ".length()).trim());
            }
        }
        return null;
    }

    /**
     * The nodes of a plan in text form, top down, without the table ({@code ACT_RU_JOB} throughout),
     * e.g. "Limit → Index Scan using confirmloop_job_due → not exists: Index Scan using
     * act_idx_job_procinst", and the execution time of an {@code EXPLAIN ANALYZE}.
     */
    static String shape(List<String> plan) {
        List<String> nodes = new ArrayList<>();
        String time = "";
        boolean subPlan = false;
        for (int i = 0; i < plan.size(); i++) {
            String line = plan.get(i).trim();
            if (line.startsWith("SubPlan")) {
                subPlan = true;
            } else if (line.startsWith("Execution Time:")) {
                time = "; " + line.substring("Execution Time:".length()).trim() + " in EXPLAIN ANALYZE";
            } else if (i == 0 || line.startsWith("->")) {
                String node = line.startsWith("->") ? line.substring(2).trim() : line;
                int cost = node.indexOf("  (");
                node = (cost > 0 ? node.substring(0, cost) : node).replaceAll(" on act_ru_job \\w+$", "");
                nodes.add(subPlan ? "not exists: " + node : node);
                subPlan = false;
            }
        }
        return String.join(" → ", nodes) + time;
    }
}
