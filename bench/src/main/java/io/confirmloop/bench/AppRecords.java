package io.confirmloop.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the app's own database says, read with SQL after (or while waiting for) a run with faults:
 * what the app still has to do, and what it made visible to a person: reminders it recorded as not
 * sent ({@code reminder.state = 'SKIPPED'}), Camunda incidents ({@code ACT_RU_INCIDENT}) and owner
 * tasks ({@code ACT_RU_TASK}), each with the attendee's number of its process instance (variable
 * {@code attendeePhone}); the attendees' statuses and how the clients' texts were handled.
 */
final class AppRecords {

    /**
     * Work the app has not finished: due reminders not handed off, or waiting for a retry; instances
     * not yet told about a hand-off; Camunda jobs that are due or failed and still have retries;
     * inbound texts not yet handed to their appointment; items of the durable work queues.
     */
    record Pending(int reminders, int notTold, int jobs, int inbound, int queueItems) {

        boolean none() {
            return reminders + notTold + jobs + inbound + queueItems == 0;
        }

        /** e.g. "reminders 0, instances not told 0, jobs 3, inbound texts 0, queue items 0" */
        String describe() {
            return "reminders to hand off or retry " + reminders + ", instances not told " + notTold + ", jobs due or to retry " + jobs
                    + ", inbound texts not handed over " + inbound + ", queue items " + queueItems;
        }
    }

    /** A reminder the app recorded as not sent; {@code refused}: the provider would not take it or every attempt failed. */
    record NotSent(String phone, String template, String note, boolean refused) {
    }

    /** An open Camunda incident, e.g. a failed job without retries. */
    record Incident(String phone, String activity, String type, String message) {
    }

    /** An open user task, handed to the owner. */
    record Task(String phone, String definitionKey, String name) {
    }

    private static final String PHONE_OF_INSTANCE = """
            (select v.text_ from act_ru_variable v where v.proc_inst_id_ = %s and v.name_ = 'attendeePhone' limit 1)""";

    private final Database database;
    private final String databaseName;

    AppRecords(Database database, String databaseName) {
        this.database = database;
        this.databaseName = databaseName;
    }

    Pending pending() throws SQLException {
        try (Connection c = database.connect(databaseName)) {
            return new Pending(
                    count(c, "select count(*) from reminder where state = 'PLANNED' and (due_at <= now() or attempts > 0)"),
                    count(c, "select count(*) from reminder where model_pending"),
                    count(c, "select count(*) from act_ru_job where retries_ > 0 and (duedate_ is null or duedate_ <= now() "
                            + "or exception_msg_ is not null)"),
                    count(c, "select count(*) from message where direction = 'IN' and status in ('RECEIVED', 'RETRY')"),
                    count(c, "select count(*) from int_channel_message"));
        }
    }

    List<NotSent> remindersNotSent() throws SQLException {
        List<NotSent> list = new ArrayList<>();
        try (Connection c = database.connect(databaseName);
                PreparedStatement s = c.prepareStatement("select phone, template, note, refused from reminder where state = 'SKIPPED'");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                list.add(new NotSent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)));
            }
        }
        return list;
    }

    List<Incident> incidents() throws SQLException {
        List<Incident> list = new ArrayList<>();
        try (Connection c = database.connect(databaseName);
                PreparedStatement s = c.prepareStatement("select " + PHONE_OF_INSTANCE.formatted("i.proc_inst_id_")
                        + ", i.activity_id_, i.incident_type_, i.incident_msg_ from act_ru_incident i");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                list.add(new Incident(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return list;
    }

    List<Task> tasks() throws SQLException {
        List<Task> list = new ArrayList<>();
        try (Connection c = database.connect(databaseName);
                PreparedStatement s = c.prepareStatement("select " + PHONE_OF_INSTANCE.formatted("t.proc_inst_id_")
                        + ", t.task_def_key_, t.name_ from act_ru_task t");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                list.add(new Task(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return list;
    }

    /** Each attendee's status by number (the latest, should a number be on more than one appointment). */
    Map<String, String> attendeeStatuses() throws SQLException {
        return byPhone("select phone, status from attendee order by updated_at");
    }

    /** The status of each number's latest inbound text: PROCESSED, UNMATCHED, RETRY, RECEIVED. */
    Map<String, String> inboundStatuses() throws SQLException {
        return byPhone("select phone, status from message where direction = 'IN' order by seq");
    }

    private Map<String, String> byPhone(String sql) throws SQLException {
        Map<String, String> map = new HashMap<>();
        try (Connection c = database.connect(databaseName); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                map.put(rs.getString(1), rs.getString(2));
            }
        }
        return map;
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
