package io.confirmloop.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.uuid.EthernetAddress;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedGenerator;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Future timer jobs written straight into the app's {@code ACT_RU_JOB}, shaped as Camunda writes the
 * two timers of an appointment waiting at its event-based gateway: the reply deadline
 * ({@code Timer_ReplyDeadline}, 2 h before the start) and the appointment's end
 * ({@code Timer_AppointmentOver}, 30 min after it), both {@code timer-intermediate-transition} jobs
 * of the process instance's execution, exclusive, 3 retries, active, with the job definitions,
 * process definition and deployment of the deployed {@code appointment-lifecycle}. The reply
 * deadlines are spread uniformly at random so that every timer falls due between 1 h and 30 days
 * ahead.
 *
 * <p>{@code ACT_RU_JOB} has one foreign key, to the exception's byte array, which these jobs do not
 * have; no execution rows are written. The ids are time-based UUIDs like the engine's, all with one
 * node of their own, by which the jobs are found again and removed.
 */
final class TimerJobs {

    static final String PROCESS = "appointment-lifecycle";
    static final String HANDLER_TYPE = "timer-intermediate-transition";
    static final Duration EARLIEST = Duration.ofHours(1);
    static final Duration SPREAD = Duration.ofDays(30);
    private static final Duration DEADLINE_BEFORE_START = Duration.ofHours(2);
    private static final Duration LENGTH = Duration.ofMinutes(30);
    private static final String[] ACTIVITIES = {"Timer_ReplyDeadline", "Timer_AppointmentOver"};
    /** COPY data is sent in pieces of about this many characters. */
    private static final int PIECE = 2_000_000;
    private static final String COLUMNS = "ID_, REV_, TYPE_, EXCLUSIVE_, EXECUTION_ID_, ROOT_PROC_INST_ID_, PROCESS_INSTANCE_ID_,"
            + " PROCESS_DEF_ID_, PROCESS_DEF_KEY_, RETRIES_, DUEDATE_, REPEAT_OFFSET_, HANDLER_TYPE_, HANDLER_CFG_, DEPLOYMENT_ID_,"
            + " SUSPENSION_STATE_, JOB_DEF_ID_, PRIORITY_, SEQUENCE_COUNTER_, CREATE_TIME_";

    /** A timer's job definition; all null but the activity when the process is not deployed. */
    private record Definition(String activity, String jobDefinitionId, String processDefinitionId, String deploymentId) {
    }

    private final TimeBasedGenerator ids = Generators.timeBasedGenerator(EthernetAddress.constructMulticastAddress());
    /** The UUIDs' last group, the same in every id written here. */
    private final String node = ids.generate().toString().substring(24);

    /** What {@link #write} wrote: jobs, process instances, and whether with the deployed process's job definitions. */
    record Written(int jobs, int instances, boolean withDefinitions) {
    }

    /** Writes {@code n} timer jobs (two per process instance) with COPY. */
    Written write(Connection c, int n) throws SQLException {
        Map<String, Definition> definitions = definitions(c);
        ZoneId zone = ZoneId.systemDefault();
        Instant now = Instant.now();
        String created = LocalDateTime.ofInstant(now, zone).toString();
        long window = SPREAD.minus(EARLIEST).minus(DEADLINE_BEFORE_START).minus(LENGTH).toMillis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy ACT_RU_JOB (" + COLUMNS + ") from stdin");
        try {
            StringBuilder rows = new StringBuilder();
            int written = 0;
            int instances = 0;
            while (written < n) {
                instances++;
                String instance = ids.generate().toString();
                Instant deadline = now.plus(EARLIEST).plusMillis(random.nextLong(window));
                Instant end = deadline.plus(DEADLINE_BEFORE_START).plus(LENGTH);
                for (int t = 0; t < ACTIVITIES.length && written < n; t++, written++) {
                    Definition d = definitions.get(ACTIVITIES[t]);
                    String due = LocalDateTime.ofInstant(t == 0 ? deadline : end, zone).toString();
                    rows.append(String.join("\t", ids.generate().toString(), "1", "timer", "t", instance, instance, instance,
                            text(d.processDefinitionId()), PROCESS, "3", due, "0", HANDLER_TYPE, d.activity(), text(d.deploymentId()), "1",
                            text(d.jobDefinitionId()), "0", "1", created)).append('\n');
                }
                if (rows.length() > PIECE || written >= n) {
                    byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    rows.setLength(0);
                }
            }
            copy.endCopy();
            return new Written(written, instances, definitions.values().stream().allMatch(d -> d.jobDefinitionId() != null));
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** How many of the jobs written here are still there, unlocked, with their 3 retries: none was acquired. */
    long untouched(Connection c) throws SQLException {
        return count(c, "select count(*) from ACT_RU_JOB where ID_ like ? and LOCK_OWNER_ is null and RETRIES_ = 3");
    }

    /** Deletes the jobs written here; answers how many. */
    int remove(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("delete from ACT_RU_JOB where ID_ like ?")) {
            s.setString(1, "%-" + node);
            return s.executeUpdate();
        }
    }

    /** The definitions of the two timers in the newest deployed version of the process. */
    private static Map<String, Definition> definitions(Connection c) throws SQLException {
        Map<String, Definition> definitions = new HashMap<>();
        for (String activity : ACTIVITIES) {
            definitions.put(activity, new Definition(activity, null, null, null));
        }
        try (PreparedStatement s = c.prepareStatement("select d.ACT_ID_, d.ID_, d.PROC_DEF_ID_, p.DEPLOYMENT_ID_ from ACT_RU_JOBDEF d"
                + " join ACT_RE_PROCDEF p on p.ID_ = d.PROC_DEF_ID_ where d.PROC_DEF_KEY_ = ? and d.JOB_TYPE_ = ? order by p.VERSION_")) {
            s.setString(1, PROCESS);
            s.setString(2, HANDLER_TYPE);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    // the newest version comes last and wins
                    String activity = rs.getString(1);
                    if (definitions.containsKey(activity)) {
                        definitions.put(activity, new Definition(activity, rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
        }
        return definitions;
    }

    private long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, "%-" + node);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * {@code VACUUM (ANALYZE)} of the table and a checkpoint: what autovacuum and the checkpointer
     * would soon do after such a load (or removal), done at once so that they do not run during the
     * measurement.
     */
    static void settle(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("vacuum (analyze) ACT_RU_JOB");
            s.execute("checkpoint");
        }
    }

    private static String text(String value) {
        return value == null ? "\\N" : value;
    }
}
