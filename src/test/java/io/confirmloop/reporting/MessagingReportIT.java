package io.confirmloop.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * {@code GET /api/reports/messaging} over the scenario's texts and answers: the counts per day in
 * the calendar's zone, the replies, CSV, other accounts, bad input.
 */
class MessagingReportIT extends MessagingReportScenario {

    private JsonNode report(String query) {
        return get(OWNER, "/api/reports/messaging?" + query);
    }

    @Test
    void countsTextsAnswersAndOutcomesPerDayInTheCalendarsZone() {
        JsonNode r = report("calendarId=" + calendarId + "&" + PERIOD);
        long textsToClients = CLIENTS.stream().mapToLong(p -> textsTo(OWNER, p).size()).sum();
        JsonNode totals = r.get("totals");
        assertThat(totals.get("sent").asLong()).isEqualTo(textsToClients).isGreaterThanOrEqualTo(7);
        assertThat(totals.get("undelivered").asLong()).isEqualTo(1);
        assertThat(totals.get("failed").asLong()).isEqualTo(1);
        assertThat(totals.get("delivered").asLong()).isEqualTo(textsToClients - 2);
        assertThat(totals.get("replies").asLong()).isEqualTo(4);
        assertThat(totals.get("askedToConfirm").asLong()).isEqualTo(5);
        assertThat(totals.get("confirmed").asLong()).isEqualTo(1);
        assertThat(totals.get("declined").asLong()).isEqualTo(1);
        assertThat(totals.get("rescheduleRequests").asLong()).isEqualTo(1);
        assertThat(totals.get("optOuts").asLong()).isEqualTo(1);
        assertThat(totals.get("noResponse").asLong()).isEqualTo(1);
        assertThat(totals.get("confirmationRate").asDouble()).isEqualTo(0.2);
        // replies after 10, 20, 30 minutes and 13.5 hours: the median is halfway between 20 and 30 minutes
        assertThat(totals.get("medianReplySeconds").asLong()).isEqualTo(25 * 60);

        JsonNode days = r.get("days");
        assertThat(stream(days).map(d -> d.get("date").asText())).containsExactly("2026-12-01", "2026-12-02");
        JsonNode first = days.get(0);
        assertThat(first.get("askedToConfirm").asLong()).isEqualTo(5);
        assertThat(first.get("replies").asLong()).isEqualTo(4);
        assertThat(first.get("optOuts").asLong()).as("the 23:30 STOP is on 1 December in New York").isEqualTo(1);
        assertThat(first.get("confirmationRate").asDouble()).isEqualTo(0.2);
        JsonNode second = days.get(1);
        assertThat(second.get("noResponse").asLong()).isEqualTo(1);
        assertThat(second.get("replies").asLong()).isZero();
        assertThat(second.get("confirmationRate").isNull()).isTrue();
        assertThat(first.get("sent").asLong() + second.get("sent").asLong()).isEqualTo(textsToClients);

        assertThat(r.get("calendars")).singleElement().satisfies(c -> {
            assertThat(c.get("name").asText()).isEqualTo("Lakeside report clinic");
            assertThat(c.get("timeZone").asText()).isEqualTo("America/New_York");
            assertThat(c.get("replies").asLong()).isEqualTo(4);
        });
    }

    @Test
    void listsWhoAnsweredWhatAndWhenNewestFirst() {
        JsonNode replies = report("calendarId=" + calendarId + "&" + PERIOD).get("replies");
        assertThat(stream(replies).map(x -> x.get("phone").asText())).containsExactly(STOP, RESCHEDULE, NO, YES);
        assertThat(stream(replies).map(x -> x.get("readAs").asText())).containsExactly("OPT_OUT", "RESCHEDULE", "DECLINE", "CONFIRM");
        assertThat(stream(replies).map(x -> x.get("attendeeStatus").asText()))
                .containsExactly("OPTED_OUT", "RESCHEDULE_REQUESTED", "DECLINED", "CONFIRMED");
        JsonNode no = replies.get(2);
        assertThat(no.get("text").asText()).isEqualTo("No, I can't make it");
        assertThat(no.get("at").asText()).isEqualTo("2026-12-01T10:20:00-05:00");
        assertThat(no.get("appointment").asText()).isEqualTo("Check-up " + NO);
        assertThat(no.get("appointmentStart").asText()).isEqualTo("2026-12-02T09:00:00-05:00");
        assertThat(replies.get(0).get("at").asText()).isEqualTo("2026-12-01T23:30:00-05:00");
    }

    @Test
    void csvHasALinePerCalendarAndDayAndTheRepliesOnRequest() {
        ResponseEntity<String> days = rest.withBasicAuth(OWNER, PASSWORD).exchange(
                "/api/reports/messaging?calendarId=" + calendarId + "&" + PERIOD, HttpMethod.GET,
                new HttpEntity<>(headers("text/csv")), String.class);
        assertThat(days.getHeaders().getContentType().toString()).startsWith("text/csv");
        List<String> lines = days.getBody().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("calendarId,calendar,date,sent,delivered,undelivered,failed,skipped,replies,confirmed,declined,")
                .endsWith("confirmationRate,medianReplySeconds");
        assertThat(lines.get(1)).startsWith(calendarId + ",Lakeside report clinic,2026-12-01,")
                .endsWith(",4,1,1,1,0,1,5,1,0.2,1500");

        String replies = rest.withBasicAuth(OWNER, PASSWORD).getForObject(
                "/api/reports/messaging?format=csv&table=replies&calendarId=" + calendarId + "&" + PERIOD, String.class);
        assertThat(replies.lines().toList()).hasSize(5).element(3)
                .asString().contains(",\"No, I can't make it\",DECLINE,DECLINED").contains(NO);
    }

    @Test
    void eachAccountSeesOnlyItsOwnCalendars() {
        owner("reportother", "otherclinic");
        assertThat(call("reportother", HttpMethod.GET, "/api/reports/messaging?calendarId=" + calendarId, null).getStatusCode().value())
                .isEqualTo(404);
        JsonNode theirs = get("reportother", "/api/reports/messaging?" + PERIOD);
        assertThat(theirs.get("calendars")).isEmpty();
        assertThat(theirs.at("/totals/sent").asLong()).isZero();
        assertThat(theirs.get("replies")).isEmpty();
        // without a calendar the owner gets all of theirs: here the one
        assertThat(report(PERIOD).at("/totals/replies").asLong()).isEqualTo(4);
    }

    @Test
    void badInputIsA400WithTheReason() {
        assertBad("from=2026-13-01", "INVALID_DATE");
        assertBad("from=2026-12-05&to=2026-12-01", "INVALID_PERIOD");
        assertBad("from=2025-01-01&to=2026-12-01", "INVALID_PERIOD");
        assertBad("format=xml", "INVALID_PARAMETER");
        assertBad("replies=-1", "INVALID_PARAMETER");
        // a caller that asked for CSV still gets the error as JSON
        ResponseEntity<String> csv = rest.withBasicAuth(OWNER, PASSWORD).exchange("/api/reports/messaging?from=someday", HttpMethod.GET,
                new HttpEntity<>(headers("text/csv")), String.class);
        assertThat(csv.getStatusCode().value()).isEqualTo(400);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("application/json");
        assertThat(read(csv).get("error").asText()).isEqualTo("INVALID_DATE");
    }

    private void assertBad(String query, String code) {
        ResponseEntity<String> response = call(OWNER, HttpMethod.GET, "/api/reports/messaging?" + query, null);
        assertThat(response.getStatusCode().value()).as(query).isEqualTo(400);
        assertThat(read(response).get("error").asText()).as(query).isEqualTo(code);
        assertThat(read(response).get("message").asText()).isNotBlank();
    }

    private static HttpHeaders headers(String accept) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ACCEPT, accept);
        return headers;
    }

}
