package io.confirmloop.bench;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * A plain Camunda 7 engine on PostgreSQL, set up like the app's (history audit, UUID ids, job
 * executor with 8 threads, 16 jobs per acquisition, at most 1 s idle wait), running the smallest
 * process that does what a reminder does: wait for a timer, send, wait for the reply.
 */
final class RawEngine {

    static final String PROCESS_ID = "bench-reminder";
    static final String DUE_AT = "dueAt";
    static final String PHONE = "phone";
    private static final String SENDER_BEAN = "twilioSender";

    private RawEngine() {
    }

    static ProcessEngine start(String jdbcUrl, String user, String password, JavaDelegate sender) {
        DefaultJobExecutor jobExecutor = new DefaultJobExecutor();
        jobExecutor.setCorePoolSize(8);
        jobExecutor.setMaxPoolSize(8);
        jobExecutor.setMaxJobsPerAcquisition(16);
        jobExecutor.setWaitTimeInMillis(500);
        jobExecutor.setMaxWait(1000);

        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName("bench-baseline");
        configuration.setJdbcUrl(jdbcUrl);
        configuration.setJdbcDriver("org.postgresql.Driver");
        configuration.setJdbcUsername(user);
        configuration.setJdbcPassword(password);
        configuration.setJdbcMaxActiveConnections(20);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_AUDIT);
        configuration.setIdGenerator(new StrongUuidGenerator());
        configuration.setJobExecutor(jobExecutor);
        configuration.setJobExecutorActivate(true);
        configuration.setBeans(Map.of(SENDER_BEAN, sender));
        return configuration.buildProcessEngine();
    }

    /** start → timer (timeDate from a variable) → send (async before) → message "reply" → end */
    static BpmnModelInstance model() {
        return Bpmn.createExecutableProcess(PROCESS_ID).name("Bench reminder").camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Booked").name("Booked")
                .intermediateCatchEvent("Timer_ReminderDue").name("Reminder due").timerWithDate("${" + DUE_AT + "}")
                .serviceTask("Task_SendReminder").name("Send reminder").camundaAsyncBefore()
                    .camundaDelegateExpression("${" + SENDER_BEAN + "}")
                .intermediateCatchEvent("Event_ReplyReceived").name("Reply received").message("reply")
                .endEvent("EndEvent_Done").name("Done")
                .done();
    }
}
