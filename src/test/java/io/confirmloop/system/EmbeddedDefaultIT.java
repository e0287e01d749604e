package io.confirmloop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The embedded default as a first run meets it: H2, the demo account, the dev gateways, and the
 * work queues polled (H2 has no notifications), all running by themselves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:embedded-default-it;DB_CLOSE_DELAY=-1",
        // equal start and end: no quiet hours, so the test does not depend on the hour it runs at
        "confirmloop.reminders.quiet-hours-start=00:00",
        "confirmloop.reminders.quiet-hours-end=00:00"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EmbeddedDefaultIT {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ObjectMapper json;

    private JsonNode get(String path) throws Exception {
        return json.readTree(rest.withBasicAuth("demo", "demo").getForObject(path, String.class));
    }

    private JsonNode post(String path, Object body) throws Exception {
        return json.readTree(rest.withBasicAuth("demo", "demo").postForObject(path, body, String.class));
    }

    @Test
    void anEventOnTheDemoCalendarIsTextedAndTheReplyConfirmsIt() throws Exception {
        JsonNode calendar = get("/api/calendars").get(0);
        assertThat(calendar.get("name").asText()).isEqualTo("Demo Clinic");
        String calendarId = calendar.get("id").asText();
        Instant start = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);

        String eventId = post("/api/calendars/" + calendarId + "/events", Map.of("title", "Check-up Jane +1 201-555-0171",
                "start", start.toString(), "end", start.plus(Duration.ofMinutes(30)).toString())).get("id").asText();

        // the 24 h confirmation request was missed, so it goes out at once (the appointment is 3 h away)
        await().atMost(Duration.ofSeconds(60)).until(() -> texts("+12015550171") == 1);
        post("/api/dev/sms/inbound", Map.of("from", "+12015550171", "body", "C"));
        await().atMost(Duration.ofSeconds(60)).until(() -> "CONFIRMED".equals(
                get("/api/appointments?calendarId=" + calendarId).get(0).at("/attendees/0/status").asText()));
        await().atMost(Duration.ofSeconds(60)).until(() -> StreamSupport.stream(get("/api/calendars/" + calendarId + "/events").spliterator(), false)
                .filter(e -> e.get("id").asText().equals(eventId))
                .anyMatch(e -> e.get("description").asText().startsWith("[ConfirmLoop] +1 201-555-0171: confirmed")));

        // the text messaging report reads it on H2 too: the last 30 days of the calendar, the answer among the replies
        JsonNode report = get("/api/reports/messaging?calendarId=" + calendarId);
        assertThat(report.get("days")).hasSize(30);
        assertThat(report.at("/totals/askedToConfirm").asLong()).isPositive();
        assertThat(report.at("/totals/confirmed").asLong()).isPositive();
        assertThat(report.get("days").get(29).get("sent").asLong()).isPositive();
        assertThat(StreamSupport.stream(report.get("replies").spliterator(), false)
                .filter(r -> r.get("phone").asText().equals("+12015550171"))
                .map(r -> r.get("text").asText() + " " + r.get("readAs").asText() + " " + r.get("attendeeStatus").asText()))
                .containsExactly("C CONFIRM CONFIRMED");
    }

    @Test
    void switchesClientsAndTroubleshootingWorkOnH2() throws Exception {
        String calendarId = get("/api/calendars").get(0).get("id").asText();
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
        post("/api/calendars/" + calendarId + "/events", Map.of("title", "Check-up Nora +1 201-555-0251",
                "start", start.toString(), "end", start.plus(Duration.ofMinutes(30)).toString()));
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/clients?q=Nora").size() == 1);

        var demo = rest.withBasicAuth("demo", "demo");
        JsonNode settings = json.readTree(demo.exchange("/api/settings/communication", org.springframework.http.HttpMethod.PUT,
                new org.springframework.http.HttpEntity<>(Map.of("emails", Map.of("ownerNotifications", false))), String.class).getBody());
        assertThat(settings.at("/emails/ownerNotifications").asBoolean()).isFalse();
        JsonNode client = json.readTree(demo.exchange("/api/clients/+12015550251/settings", org.springframework.http.HttpMethod.PUT,
                new org.springframework.http.HttpEntity<>(Map.of("canReceiveEmails", false)), String.class).getBody());
        assertThat(client.get("canReceiveEmails").asBoolean()).isFalse();

        assertThat(get("/api/clients?q=Nora").get(0).get("phone").asText()).isEqualTo("+12015550251");
        JsonNode log = get("/api/clients/+12015550251/log");
        assertThat(log.get("changes").toString()).contains("Can receive emails switched off", "owner notifications) switched off");
        assertThat(get("/api/clients/+12015550251/troubleshooting").get("summary").asText()).isNotBlank();
        assertThat(get("/api/appointments?status=PENDING&calendarId=" + calendarId + "&to=" + start.plus(Duration.ofDays(1))).size()).isPositive();
    }

    @Test
    void theDemoCalendarHasClientHoursOnAFirstRun() throws Exception {
        JsonNode types = get("/api/availability-types");
        assertThat(types).hasSize(1);
        assertThat(types.get(0).get("name").asText()).isEqualTo("Client hours");
        assertThat(types.get(0).get("color").asText()).isEqualTo("green");
        assertThat(types.get(0).get("clientFacing").asBoolean()).isTrue();
        JsonNode availability = get("/api/calendars/" + get("/api/calendars").get(0).get("id").asText() + "/availability");
        assertThat(availability.get("typeId").asText()).isEqualTo(types.get(0).get("id").asText());
        assertThat(StreamSupport.stream(availability.get("weekly").spliterator(), false)
                .map(w -> w.get("day").asText() + " " + w.get("from").asText() + "-" + w.get("to").asText()))
                .containsExactly("MONDAY 09:00-17:00", "TUESDAY 09:00-17:00", "WEDNESDAY 09:00-17:00", "THURSDAY 09:00-17:00",
                        "FRIDAY 09:00-17:00");
    }

    @Test
    void aClientBooksOnTheDemoCalendarAndMovesTheAppointmentByText() throws Exception {
        String calendarId = get("/api/calendars").get(0).get("id").asText();
        String first = rest.getForObject("/api/booking/" + calendarId + "/slots", JsonNode.class).get(0).get("start").asText();
        String phone = "+12015550172";

        JsonNode booked = json.readTree(rest.postForObject("/api/booking/" + calendarId + "/appointments",
                Map.of("name", "Ana Lopez", "phone", phone, "start", first), String.class));
        assertThat(booked.get("start").asText()).isEqualTo(first);
        await().atMost(Duration.ofSeconds(60)).until(() -> lastText(phone).contains("is booked"));

        String second = rest.getForObject("/api/booking/" + calendarId + "/slots", JsonNode.class).get(1).get("start").asText();
        post("/api/dev/sms/inbound", Map.of("from", phone, "body", "R"));
        await().atMost(Duration.ofSeconds(60)).until(() -> lastText(phone).contains("Reply 1, 2 or 3"));
        post("/api/dev/sms/inbound", Map.of("from", phone, "body", "2"));

        await().atMost(Duration.ofSeconds(60)).until(() -> lastText(phone).contains("your appointment is now on"));
        await().atMost(Duration.ofSeconds(60)).until(() -> StreamSupport.stream(get("/api/calendars/" + calendarId + "/events").spliterator(), false)
                .filter(e -> e.get("id").asText().equals(booked.get("eventId").asText()))
                .anyMatch(e -> OffsetDateTime.parse(e.get("start").asText()).isEqual(OffsetDateTime.parse(second))));
    }

    private String lastText(String to) throws Exception {
        return StreamSupport.stream(get("/api/dev/sms/outbox").spliterator(), false).filter(m -> m.get("to").asText().equals(to))
                .reduce((a, b) -> b).map(m -> m.get("body").asText()).orElse("");
    }

    private long texts(String to) throws Exception {
        return StreamSupport.stream(get("/api/dev/sms/outbox").spliterator(), false).filter(m -> m.get("to").asText().equals(to)).count();
    }
}
