package io.confirmloop.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.confirmloop.appointment.AppointmentProcess;
import io.confirmloop.appointment.DeliveryFailureProcess;
import io.confirmloop.support.AbstractIT;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The lifecycle over real channels: Twilio's REST API played by WireMock (responses shaped like
 * Twilio's documented JSON), Twilio's webhooks posted with real signatures, and SMTP by GreenMail.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TwilioAndSmtpIT extends AbstractIT {

    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "12345678901234567890123456789012";
    private static final String OUR_NUMBER = "+15005550006";
    private static final String PUBLIC_URL = "https://confirmloop.example";
    private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    private static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");
    private static final Instant START = Instant.parse("2026-12-02T15:00:00Z");
    private static final String FRONT_DESK = "frontdesk@tina.example";

    private static final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());
    private static final int SMTP_PORT = freePort();
    private static GreenMail smtp = startSmtp();

    static {
        twilio.start();
    }

    @DynamicPropertySource
    static void channels(DynamicPropertyRegistry registry) {
        registry.add("confirmloop.sms.provider", () -> "twilio");
        registry.add("confirmloop.twilio.account-sid", () -> ACCOUNT);
        registry.add("confirmloop.twilio.auth-token", () -> TOKEN);
        registry.add("confirmloop.twilio.from-number", () -> OUR_NUMBER);
        registry.add("confirmloop.twilio.api-base-url", twilio::baseUrl);
        registry.add("confirmloop.twilio.public-base-url", () -> PUBLIC_URL);
        registry.add("confirmloop.mail.provider", () -> "smtp");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("spring.mail.username", () -> "mailer");
        registry.add("spring.mail.password", () -> "mail-secret");
        registry.add("confirmloop.mail.timeout", () -> "PT3S");
    }

    @AfterAll
    static void stopServers() {
        twilio.stop();
        smtp.stop();
    }

    @Autowired
    TaskService tasks;
    @Autowired
    CamelContext camel;
    @Autowired
    MessageRepository messages;

    String calendarId;

    @BeforeEach
    void setUp() throws Exception {
        setClock(NOW);
        twilio.resetAll();
        twilio.stubFor(WireMock.post(urlPathEqualTo(MESSAGES)).willReturn(created()));
        twilio.stubFor(WireMock.get(urlPathEqualTo(MESSAGES)).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(emptyMessageList())));
        smtp.purgeEmailFromAllMailboxes();
        owner("tina", "clinicT");
        calendarId = calendar("tina", "Riverside clinic");
        ok(call("tina", org.springframework.http.HttpMethod.PATCH, "/api/calendars/" + calendarId,
                Map.of("notificationEmail", FRONT_DESK)));
    }

    @Test
    void reminderIsPostedToTwilioWithTheDocumentedFormFields() {
        String eventId = event("tina", calendarId, "Check-up 201-555-0140", START, START.plus(Duration.ofMinutes(30)));
        runDueJobs();

        List<LoggedRequest> posts = twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)));
        assertThat(posts).hasSize(1);
        Map<String, String> form = form(posts.get(0));
        assertThat(form).containsEntry("To", "+12015550140").containsEntry("From", OUR_NUMBER)
                .containsEntry("StatusCallback", PUBLIC_URL + "/webhooks/twilio/status").containsEntry("ValidityPeriod", "14400");
        assertThat(form.get("Body")).contains("Riverside clinic", "Wed 2 Dec at 10:00", "Reply C or YES");
        assertThat(posts.get(0).getHeader("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));

        String appointmentId = appointmentOfEvent("tina", calendarId, eventId).get("id").asText();
        JsonNode out = messagesOf(appointmentId).get(0);
        assertThat(out.get("providerId").asText()).startsWith("SM");
        assertThat(out.get("status").asText()).isEqualTo("QUEUED");
    }

    @Test
    void signedYesConfirmsAndATwiceDeliveredMessageCountsOnce() {
        String eventId = event("tina", calendarId, "Check-up 201-555-0141", START, START.plus(Duration.ofMinutes(30)));
        runDueJobs();
        Map<String, String> yes = inbound("+12015550141", "Yes", "SM00000000000000000000000000000141");

        ResponseEntity<String> first = webhook("/webhooks/twilio/sms", yes, sign("/webhooks/twilio/sms", yes));
        ResponseEntity<String> again = webhook("/webhooks/twilio/sms", yes, sign("/webhooks/twilio/sms", yes));
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(first.getHeaders().getContentType().toString()).startsWith("text/xml");
        assertThat(first.getBody()).contains("<Response></Response>");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        runDueJobs();

        String appointmentId = appointmentOfEvent("tina", calendarId, eventId).get("id").asText();
        assertThat(get("tina", "/api/appointments/" + appointmentId).at("/attendees/0/status").asText()).isEqualTo("CONFIRMED");
        List<JsonNode> inbound = stream(get("tina", "/api/appointments/" + appointmentId + "/log"))
                .filter(e -> "IN".equals(e.path("direction").asText())).toList();
        assertThat(inbound).hasSize(1);
        assertThat(inbound.get(0).get("providerId").asText()).isEqualTo("SM00000000000000000000000000000141");
        assertThat(logTexts("tina", appointmentId)).containsSubsequence("Sent text confirmation", "Confirmed via text");
        // the acknowledgement went out through Twilio too
        assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).hasSize(2)
                .last().satisfies(r -> assertThat(form(r).get("Body")).contains("is confirmed"));
    }

    @Test
    void aConfirmationCountsAtOnceWhileTwilioIsDownAndItsAcknowledgementFollows() {
        String eventId = event("tina", calendarId, "Check-up 201-555-0155", START, START.plus(Duration.ofMinutes(30)));
        runDueJobs();
        twilio.resetAll();
        twilio.stubFor(WireMock.post(urlPathEqualTo(MESSAGES)).willReturn(twilioError(503, 20503, "Service Unavailable")));
        Map<String, String> yes = inbound("+12015550155", "Yes", "SM00000000000000000000000000000155");
        assertThat(webhook("/webhooks/twilio/sms", yes, sign("/webhooks/twilio/sms", yes)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(runDueJobsAllowingFailures()).as("the acknowledgement failed").isNotEmpty();

        String appointmentId = appointmentOfEvent("tina", calendarId, eventId).get("id").asText();
        assertThat(get("tina", "/api/appointments/" + appointmentId).at("/attendees/0/status").asText())
                .as("confirmed with the reply, whatever Twilio does").isEqualTo("CONFIRMED");
        assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).hasSize(1);

        twilio.resetAll();
        twilio.stubFor(WireMock.post(urlPathEqualTo(MESSAGES)).willReturn(created()));
        setClock(NOW.plus(Duration.ofMinutes(2)));
        runDueJobs();
        assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).singleElement()
                .satisfies(r -> assertThat(form(r).get("Body")).contains("is confirmed"));
        assertThat(logTexts("tina", appointmentId)).containsOnlyOnce("Confirmed via text");
        assertThat(management.createJobQuery().withException().count()).isZero();
    }

    @Test
    void forgedOrUnsignedWebhooksAreRefusedAndChangeNothing() {
        String eventId = event("tina", calendarId, "Check-up 201-555-0142", START, START.plus(Duration.ofMinutes(30)));
        runDueJobs();
        Map<String, String> yes = inbound("+12015550142", "YES", "SM00000000000000000000000000000142");

        assertThat(webhook("/webhooks/twilio/sms", yes, null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(webhook("/webhooks/twilio/sms", yes, "forged+signature=").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        Map<String, String> tampered = new TreeMap<>(yes);
        String signature = sign("/webhooks/twilio/sms", yes);
        tampered.put("Body", "NO");
        assertThat(webhook("/webhooks/twilio/sms", tampered, signature).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        Map<String, String> status = Map.of("MessageSid", "SM1", "MessageStatus", "failed", "AccountSid", ACCOUNT);
        assertThat(webhook("/webhooks/twilio/status", status, "bad").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        runDueJobs();

        String appointmentId = appointmentOfEvent("tina", calendarId, eventId).get("id").asText();
        assertThat(get("tina", "/api/appointments/" + appointmentId).at("/attendees/0/status").asText()).isEqualTo("REMINDED");
        assertThat(stream(get("tina", "/api/appointments/" + appointmentId + "/log"))
                .filter(e -> "IN".equals(e.path("direction").asText()))).isEmpty();
    }

    @Test
    void statusCallbacksTrackDeliveryAndAFailedTextFallsBackToEmail() throws Exception {
        String delivered = event("tina", calendarId, "Check-up 201-555-0143", START, START.plus(Duration.ofMinutes(30)));
        String failing = event("tina", calendarId, "Cleaning 201-555-0144 jo@client.example", START, START.plus(Duration.ofMinutes(30)));
        runDueJobs();
        String deliveredId = appointmentOfEvent("tina", calendarId, delivered).get("id").asText();
        String failingId = appointmentOfEvent("tina", calendarId, failing).get("id").asText();
        String deliveredSid = messagesOf(deliveredId).get(0).get("providerId").asText();
        String failingSid = messagesOf(failingId).get(0).get("providerId").asText();

        status(deliveredSid, "sent", null);
        status(deliveredSid, "delivered", null);
        status(deliveredSid, "sent", null); // late and out of order: ignored
        assertThat(messagesOf(deliveredId).get(0).get("status").asText()).isEqualTo("DELIVERED");
        // the log keeps each status the text went through, with its time (the late "sent" is not one)
        assertThat(stream(messagesOf(deliveredId).get(0).get("statusHistory")).map(s -> s.get("status").asText()))
                .containsExactly("QUEUED", "SENT", "DELIVERED");

        status(failingSid, "failed", "30003");
        status(failingSid, "failed", "30003"); // Twilio retried the callback
        runDueJobs();
        assertThat(messagesOf(failingId).get(0).get("status").asText()).isEqualTo("FAILED");
        assertThat(messagesOf(failingId).get(0).get("errorCode").asText()).isEqualTo("30003");
        assertThat(messagesOf(failingId).get(0).get("errorMeaning").asText()).isEqualTo("the phone is switched off or out of coverage");
        assertThat(logTexts("tina", failingId)).contains("Text not delivered: the provider reported it failed (error 30003)",
                "Sent the text by email instead").filteredOn(t -> t.startsWith("Text not delivered")).hasSize(1);
        MimeMessage fallback = mailTo("jo@client.example");
        assertThat(fallback.getSubject()).isEqualTo("Message from Riverside clinic");
        assertThat(fallback.getContentType()).startsWith("multipart/alternative");
        assertThat(GreenMailUtil.getBody(fallback)).contains("Reply C or YES");
        assertThat(mailTo(FRONT_DESK).getSubject()).startsWith("Text not delivered to +1 201-555-0144");
    }

    @Test
    void failedTextWithoutEmailHandsTheOwnerATask() {
        String eventId = event("tina", calendarId, "Check-up 201-555-0145", START, START.plus(Duration.ofMinutes(30)));
        runDueJobs();
        String appointmentId = appointmentOfEvent("tina", calendarId, eventId).get("id").asText();
        status(messagesOf(appointmentId).get(0).get("providerId").asText(), "undelivered", "30005");
        runDueJobs();

        Task task = tasks.createTaskQuery().processDefinitionKey(DeliveryFailureProcess.PROCESS_ID)
                .processInstanceBusinessKey(appointmentId).singleResult();
        assertThat(task.getName()).isEqualTo("Reach Check-up (+1 201-555-0145) another way — Wed 2 Dec 10:00");
        assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateGroup("clinicT").count()).isEqualTo(1);
        assertThat((String) tasks.getVariable(task.getId(), AppointmentProcess.Variables.TASK_SUMMARY))
                .contains("undelivered (error 30005)", "+1 201-555-0145");
    }

    @Test
    void throttledByTwilioThenRetriedByTheOutboxAndSentOnce() {
        twilio.removeStub(twilio.getStubMappings().stream().filter(m -> m.getRequest().getMethod().getName().equals("POST")).findFirst().orElseThrow());
        twilio.stubFor(WireMock.post(urlPathEqualTo(MESSAGES)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(twilioError(429, 20429, "Too Many Requests")).willSetStateTo("calm"));
        twilio.stubFor(WireMock.post(urlPathEqualTo(MESSAGES)).inScenario("throttle").whenScenarioStateIs("calm").willReturn(created()));
        String eventId = event("tina", calendarId, "Check-up 201-555-0146", START, START.plus(Duration.ofMinutes(30)));

        runDueJobs();
        Map<String, Object> reminder = confirmationRequest(eventId, "+12015550146");
        assertThat(reminder.get("state")).isEqualTo("PLANNED");
        assertThat(reminder.get("attempts")).isEqualTo(1);
        assertThat((String) reminder.get("last_error")).contains("Too Many Requests");
        assertThat(((java.sql.Timestamp) reminder.get("claimed_until")).toInstant()).as("first backoff step")
                .isEqualTo(NOW.plus(Duration.ofSeconds(5)));
        assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).as("not before the backoff").hasSize(1);
        setClock(NOW.plus(Duration.ofSeconds(6)));
        runDueJobs();

        assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).hasSize(2);
        String appointmentId = appointmentOfEvent("tina", calendarId, eventId).get("id").asText();
        List<JsonNode> out = messagesOf(appointmentId);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).get("providerId").asText()).startsWith("SM");
        assertThat(logTexts("tina", appointmentId)).containsOnlyOnce("Sent text confirmation");
    }

    @Test
    void unsubscribedAtTwilioOptsTheNumberOutWithoutRetrying() {
        twilio.resetAll();
        twilio.stubFor(WireMock.post(urlPathEqualTo(MESSAGES)).willReturn(twilioError(400, 21610, "Attempt to send to unsubscribed recipient")));
        String eventId = event("tina", calendarId, "Check-up 201-555-0147", START, START.plus(Duration.ofMinutes(30)));
        assertThat(runDueJobsAllowingFailures()).isEmpty();

        assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).hasSize(1);
        assertThat(management.createJobQuery().withException().count()).isZero();
        JsonNode client = get("tina", "/api/clients/+12015550147/log");
        assertThat(client.get("smsOptedOut").asBoolean()).isTrue();
        String appointmentId = appointmentOfEvent("tina", calendarId, eventId).get("id").asText();
        assertThat(logTexts("tina", appointmentId)).anySatisfy(t -> assertThat(t).contains("error 21610"));
    }

    @Test
    void otherRefusalIsNotRetriedAndTheOwnerIsTold() throws Exception {
        twilio.resetAll();
        twilio.stubFor(WireMock.post(urlPathEqualTo(MESSAGES)).willReturn(twilioError(400, 21614, "'To' number is not a valid mobile number")));
        String eventId = event("tina", calendarId, "Check-up 201-555-0148", START, START.plus(Duration.ofMinutes(30)));
        assertThat(runDueJobsAllowingFailures()).isEmpty();

        String appointmentId = appointmentOfEvent("tina", calendarId, eventId).get("id").asText();
        assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).hasSize(1);
        assertThat(messagesOf(appointmentId).get(0).get("status").asText()).isEqualTo("FAILED");
        assertThat(logTexts("tina", appointmentId)).anySatisfy(t -> assertThat(t).contains("is not a valid mobile number", "21614"));
        assertThat(mailTo(FRONT_DESK).getSubject()).startsWith("Text not delivered to +1 201-555-0148");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(appointmentId)
                .processDefinitionKey(DeliveryFailureProcess.PROCESS_ID).count()).isEqualTo(1);
    }

    @Test
    void smtpOutageIsRetriedAndTheMailArrivesOnce() throws Exception {
        String eventId = event("tina", calendarId, "Filling 201-555-0149", START, START.plus(Duration.ofMinutes(30)));
        runDueJobs();
        smtp.stop();
        try {
            Map<String, String> no = inbound("+12015550149", "No", "SM00000000000000000000000000000149");
            assertThat(webhook("/webhooks/twilio/sms", no, sign("/webhooks/twilio/sms", no)).getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(runDueJobsAllowingFailures()).isNotEmpty();
            String declined = appointmentOfEvent("tina", calendarId, eventId).get("id").asText();
            assertThat(get("tina", "/api/appointments/" + declined).at("/attendees/0/status").asText())
                    .as("declined with the reply, while the mail server is down").isEqualTo("DECLINED");
            assertThat(tasks.createTaskQuery().processInstanceBusinessKey(declined).taskDefinitionKey("UserTask_FollowUpDecline").count())
                    .as("the owner's follow-up task, while the mail server is down").isEqualTo(1);
        } finally {
            smtp = startSmtp();
        }
        setClock(NOW.plus(Duration.ofMinutes(2)));
        runDueJobs();

        String appointmentId = appointmentOfEvent("tina", calendarId, eventId).get("id").asText();
        assertThat(get("tina", "/api/appointments/" + appointmentId).at("/attendees/0/status").asText()).isEqualTo("DECLINED");
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).startsWith("Declined: Filling");
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo(FRONT_DESK);
        // the decline acknowledgement was sent once, although the step ran twice
        assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).stream()
                .filter(r -> form(r).get("Body").contains("thanks for letting us know"))).hasSize(1);
        assertThat(logTexts("tina", appointmentId)).containsOnlyOnce("Declined via text");
    }

    @Test
    void aSendThatDiedAfterTwilioAcceptedIsNotSentAgain() throws Exception {
        AtomicBoolean crashOnce = new AtomicBoolean(true);
        AdviceWith.adviceWith(camel, "sms-twilio", route -> route.weaveAddLast().process(exchange -> {
            if (crashOnce.getAndSet(false)) {
                throw new IllegalStateException("node died after Twilio accepted the message");
            }
        }));
        try {
            String eventId = event("tina", calendarId, "Check-up 201-555-0150", START, START.plus(Duration.ofMinutes(30)));
            runDueJobs();
            assertThat((String) confirmationRequest(eventId, "+12015550150").get("last_error")).contains("node died");
            List<LoggedRequest> posts = twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)));
            assertThat(posts).hasSize(1);
            // Twilio's list of messages to that number shows the one it accepted
            String body = form(posts.get(0)).get("Body");
            twilio.stubFor(WireMock.get(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo("+12015550150"))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody(messageList("SM0000000000000000000000000000accepted", "+12015550150", body))));

            setClock(NOW.plus(Duration.ofMinutes(2)));
            runDueJobs();

            assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).hasSize(1);
            String appointmentId = appointmentOfEvent("tina", calendarId, eventId).get("id").asText();
            JsonNode sent = messagesOf(appointmentId).get(0);
            assertThat(sent.get("providerId").asText()).isEqualTo("SM0000000000000000000000000000accepted");
            assertThat(logTexts("tina", appointmentId)).containsOnlyOnce("Sent text confirmation");
        } finally {
            crashOnce.set(false);
        }
    }

    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    OutboundMessages outbound;

    @Test
    void aSecondAttemptWhileTheFirstIsHandingOverNeverSendsTwice() throws Exception {
        // Twilio takes a while to answer, so the two attempts overlap
        twilio.stubFor(WireMock.post(urlPathEqualTo(MESSAGES)).withRequestBody(WireMock.containing("Race")).atPriority(1)
                .willReturn(created().withFixedDelay(1500)));
        java.util.concurrent.Callable<Object> attempt = () -> {
            try {
                return outbound.sms("race:1", null, null, "+12015550152", "Race to the finish");
            } catch (OutboundMessages.MessageBeingHandedOver busy) {
                return busy;
            }
        };
        // node A is handing the text to Twilio...
        java.util.concurrent.CompletableFuture<Object> nodeA = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return attempt.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)).withRequestBody(WireMock.containing("Race"))).size() == 1);
        // ...when node B, whose job lock on the same step expired, tries the same message
        Object nodeB = attempt.call();

        assertThat(nodeB).isInstanceOf(OutboundMessages.MessageBeingHandedOver.class);
        assertThat(nodeA.get(20, java.util.concurrent.TimeUnit.SECONDS))
                .isInstanceOfSatisfying(OutboundMessages.Result.class, r -> assertThat(r.sent()).isTrue());
        assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)).withRequestBody(WireMock.containing("Race")))).hasSize(1);
        // the attempt that stood back is retried later and finds the text sent
        assertThat(outbound.sms("race:1", null, null, "+12015550152", "Race to the finish").sent()).isTrue();
        assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)).withRequestBody(WireMock.containing("Race")))).hasSize(1);
    }

    @Test
    void aDeliveryWhoseStoringFailedIsStoredWhenTwilioRetries() {
        org.springframework.jdbc.core.simple.JdbcClient jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(dataSource);
        // the database refuses the first attempt to store this text (as if it had restarted at that moment)
        jdbc.sql("create table if not exists fail_once (body text)").update();
        jdbc.sql("insert into fail_once values ('see you then')").update();
        jdbc.sql("""
                create or replace function fail_once_fct() returns trigger as $$
                begin
                  if exists (select 1 from fail_once where body = NEW.body) then
                    delete from fail_once where body = NEW.body;
                    raise exception 'the database went away';
                  end if;
                  return NEW;
                end; $$ language plpgsql""").update();
        jdbc.sql("create trigger fail_once_trg before insert on message for each row execute procedure fail_once_fct()").update();
        try {
            Map<String, String> text = inbound("+12015550151", "see you then", "SM00000000000000000000000000000151");
            // the trigger's delete is rolled back with the failed insert: make it stick for the retry
            ResponseEntity<String> first = webhook("/webhooks/twilio/sms", text, sign("/webhooks/twilio/sms", text));
            assertThat(first.getStatusCode().is5xxServerError()).as("Twilio is told to try again").isTrue();
            jdbc.sql("delete from fail_once").update();

            ResponseEntity<String> retry = webhook("/webhooks/twilio/sms", text, sign("/webhooks/twilio/sms", text));

            assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(jdbc.sql("select count(*) from message where provider_id = 'SM00000000000000000000000000000151'")
                    .query(Long.class).single()).isEqualTo(1);
        } finally {
            jdbc.sql("drop trigger fail_once_trg on message").update();
            jdbc.sql("drop function fail_once_fct()").update();
            jdbc.sql("drop table fail_once").update();
        }
    }

    // --- helpers ------------------------------------------------------------------------------------

    private List<JsonNode> messagesOf(String appointmentId) {
        return stream(get("tina", "/api/appointments/" + appointmentId + "/log"))
                .filter(e -> "MESSAGE".equals(e.get("kind").asText()) && "SMS".equals(e.get("channel").asText())
                        && "OUT".equals(e.get("direction").asText()))
                .toList();
    }

    /** The outbox's row of the confirmation request of the event to the number. */
    private Map<String, Object> confirmationRequest(String eventId, String phone) {
        return org.springframework.jdbc.core.simple.JdbcClient.create(dataSource).sql("""
                select r.state, r.attempts, r.last_error, r.claimed_until from reminder r join appointment a on a.id = r.appointment_id
                where a.event_id = ? and r.phone = ? and r.template = 'confirmation-request'""").params(eventId, phone)
                .query().singleRow();
    }

    private List<String> runDueJobsAllowingFailures() {
        List<String> failures = new java.util.ArrayList<>();
        for (int round = 0; round < 200; round++) {
            queues.drainAll();
            outbox.drainAll();
            queues.drainAll();
            List<Job> due = management.createJobQuery().executable().orderByJobDuedate().asc().listPage(0, 1);
            if (due.isEmpty()) {
                return failures;
            }
            try {
                management.executeJob(due.get(0).getId());
            } catch (RuntimeException e) {
                StringBuilder text = new StringBuilder();
                for (Throwable t = e; t != null; t = t.getCause()) {
                    text.append(t.getMessage()).append(" | ");
                }
                failures.add(text.toString());
            }
        }
        return failures;
    }

    private void status(String sid, String status, String errorCode) {
        Map<String, String> params = new TreeMap<>(Map.of("MessageSid", sid, "MessageStatus", status, "AccountSid", ACCOUNT,
                "To", "+12015550100", "From", OUR_NUMBER, "ApiVersion", "2010-04-01"));
        if (errorCode != null) {
            params.put("ErrorCode", errorCode);
        }
        ResponseEntity<String> response = webhook("/webhooks/twilio/status", params, sign("/webhooks/twilio/status", params));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private static Map<String, String> inbound(String from, String body, String sid) {
        return new TreeMap<>(Map.of("MessageSid", sid, "SmsSid", sid, "AccountSid", ACCOUNT, "From", from, "To", OUR_NUMBER,
                "Body", body, "NumMedia", "0", "FromCountry", "US", "ApiVersion", "2010-04-01"));
    }

    private ResponseEntity<String> webhook(String path, Map<String, String> params, String signature) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        if (signature != null) {
            headers.set("X-Twilio-Signature", signature);
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        params.forEach(form::add);
        return rest.postForEntity(path, new HttpEntity<>(form, headers), String.class);
    }

    /** Twilio's signature: HMAC-SHA1 with the auth token over the URL and the sorted parameters, Base64. */
    private static String sign(String path, Map<String, String> params) {
        StringBuilder data = new StringBuilder(PUBLIC_URL + path);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> form = new TreeMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            form.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    private MimeMessage mailTo(String address) throws Exception {
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(address)) {
                return m;
            }
        }
        throw new AssertionError("No mail to " + address);
    }

    /** A created Message as Twilio documents it (201, status queued), with a new SID each time. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created() {
        String sid = "SM{{randomValue length=32 type='HEXADECIMAL'}}";
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withTransformers("response-template").withBody("""
                {"account_sid": "%s", "api_version": "2010-04-01", "body": "(see request)",
                 "date_created": "Tue, 01 Dec 2026 15:00:00 +0000", "date_sent": null, "date_updated": "Tue, 01 Dec 2026 15:00:00 +0000",
                 "direction": "outbound-api", "error_code": null, "error_message": null, "from": "%s",
                 "messaging_service_sid": null, "num_media": "0", "num_segments": "1", "price": null, "price_unit": "USD",
                 "sid": "%s", "status": "queued", "subresource_uris": {"media": "/2010-04-01/Accounts/%s/Messages/media.json"},
                 "to": "+12015550100", "uri": "/2010-04-01/Accounts/%s/Messages/message.json"}
                """.formatted(ACCOUNT, OUR_NUMBER, sid, ACCOUNT, ACCOUNT));
    }

    private static String messageList(String sid, String to, String body) {
        String json = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(body).toString();
        return """
                {"end": 0, "first_page_uri": "%s?To=%%2B1&PageSize=50&Page=0", "next_page_uri": null, "page": 0, "page_size": 50,
                 "previous_page_uri": null, "start": 0, "uri": "%s?To=%%2B1&PageSize=50&Page=0",
                 "messages": [{"account_sid": "%s", "api_version": "2010-04-01", "body": %s,
                   "date_created": "Tue, 01 Dec 2026 15:00:01 +0000", "date_sent": null, "date_updated": "Tue, 01 Dec 2026 15:00:01 +0000",
                   "direction": "outbound-api", "error_code": null, "error_message": null, "from": "%s", "messaging_service_sid": null,
                   "num_media": "0", "num_segments": "1", "price": null, "price_unit": "USD", "sid": "%s", "status": "sent",
                   "subresource_uris": {}, "to": "%s", "uri": "/2010-04-01/Accounts/%s/Messages/%s.json"}]}
                """.formatted(MESSAGES, MESSAGES, ACCOUNT, json, OUR_NUMBER, sid, to, ACCOUNT, sid);
    }

    private static String emptyMessageList() {
        return """
                {"end": 0, "first_page_uri": "%s?PageSize=50&Page=0", "next_page_uri": null, "page": 0, "page_size": 50,
                 "previous_page_uri": null, "start": 0, "uri": "%s?PageSize=50&Page=0", "messages": []}
                """.formatted(MESSAGES, MESSAGES);
    }

    /** Twilio's error body, e.g. {"code": 21610, "message": "…", "more_info": "…", "status": 400}. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder twilioError(int status, int code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("""
                {"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d", "status": %d}
                """.formatted(code, message.replace("\"", "\\\""), code, status));
    }

    private static GreenMail startSmtp() {
        GreenMail mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.setUser("mailer", "mail-secret");
        mail.start();
        return mail;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
