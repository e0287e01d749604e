package io.confirmloop.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.confirmloop.support.AbstractIT;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The same lifecycle with Camunda's real job executor and the schedules on, in real time: the
 * reminder goes out by itself, and a reply that arrives while the branch is still busy is stored
 * and handed over on retry.
 */
@TestPropertySource(properties = {
        "camunda.bpm.job-execution.enabled=true",
        "confirmloop.scheduling.enabled=true",
        "confirmloop.queues.auto-start=true",
        "confirmloop.outbox.auto-start=true",
        "confirmloop.inbound.retry-interval=PT1S",
        // equal start and end: no quiet hours, so the test does not depend on the hour it runs at
        "confirmloop.reminders.quiet-hours-start=00:00",
        "confirmloop.reminders.quiet-hours-end=00:00"})
// its job executor must not keep running against the shared database while other tests drive jobs by hand
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class JobExecutorIT extends AbstractIT {

    @org.springframework.beans.factory.annotation.Autowired
    org.apache.camel.component.platform.http.spi.PlatformHttpEngine webhookEngine;
    @org.springframework.beans.factory.annotation.Autowired
    @org.springframework.beans.factory.annotation.Qualifier("camundaTaskExecutor")
    java.util.concurrent.Executor jobExecutorPool;

    @Test
    void webhooksRunOnTheApplicationsThreadsNotOnTheJobExecutors() {
        // on the job executor's pool a webhook was refused (500) whenever jobs filled its short queue
        Object executor = org.springframework.test.util.ReflectionTestUtils.getField(webhookEngine, "executor");
        assertThat(executor).isNotNull().isNotSameAs(jobExecutorPool);
        assertThat(((org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor) executor).getThreadNamePrefix()).isEqualTo("app-task-");
    }

    @Test
    void reminderIsSentAndTheReplyConfirmsWithoutAnyManualStep() {
        ClockUtil.reset();
        owner("joan", "clinicJ");
        String calendarId = calendar("joan", "Real time clinic");
        Instant start = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        String eventId = event("joan", calendarId, "Check-up 201-555-0130", start, start.plus(Duration.ofMinutes(30)));

        // the 24 h confirmation request was missed, so it goes out at once (the appointment is 3 h away)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(textsTo("joan", "+12015550130")).hasSize(1));
        String appointmentId = appointmentOfEvent("joan", calendarId, eventId).get("id").asText();

        reply("joan", "+12015550130", "C");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                get("joan", "/api/appointments/" + appointmentId).at("/attendees/0/status").asText()).isEqualTo("CONFIRMED"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(textsTo("joan", "+12015550130"))
                .hasSize(2).last().asString().contains("is confirmed"));
        assertThat(logTexts("joan", appointmentId)).containsSubsequence("Sent text confirmation", "Confirmed via text");
    }
}
