package io.confirmloop.calendar.clio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.NewEvent;
import io.confirmloop.calendar.ProviderCalendar;
import io.confirmloop.calendar.ProviderEvent;
import org.junit.jupiter.api.Test;

/** Clio's calendar entries and calendars as the API v4 reference shapes them, read into the seam's types. */
class ClioJsonTest {

    private static final String CALENDAR = "9001";
    private final ObjectMapper mapper = new ObjectMapper();
    private final ClioJson json = new ClioJson(mapper);

    /** A page of GET /api/v4/calendar_entries.json?expanded=true&fields=… in the documented shape. */
    private static final String PAGE = """
            {"data": [
              {"id": "1000000001", "etag": "\\"9f2e1c\\"", "summary": "Deposition +1 201-555-0101", "description": "Bring exhibits",
               "location": "Room 4", "start_at": "2027-03-15T14:00:00+00:00", "end_at": "2027-03-15T15:00:00+00:00", "all_day": false,
               "start_at_time_zone": "Europe/London", "recurrence_rule": null, "parent_calendar_entry_id": null,
               "updated_at": "2027-03-01T10:00:00+00:00", "calendar_owner": {"id": 9001, "name": "Pat Owner", "type": "UserCalendar"},
               "calendars": [{"id": 9001}], "calendar_entry_event_type": null},
              {"id": "1000000002_1", "etag": "\\"77aa01\\"", "summary": "Physio", "description": null, "location": null,
               "start_at": "2027-03-16T09:00:00-05:00", "end_at": "2027-03-16T09:30:00-05:00", "all_day": false,
               "start_at_time_zone": "America/Chicago", "recurrence_rule": "FREQ=DAILY;INTERVAL=1;COUNT=3",
               "parent_calendar_entry_id": 1000000002, "calendar_owner": {"id": 9001}, "calendars": [{"id": 9001}]},
              {"id": "1000000003", "etag": "\\"1\\"", "summary": "Office closed", "start_at": "2027-03-17T00:00:00-05:00",
               "end_at": "2027-03-18T00:00:00-05:00", "all_day": true, "calendar_owner": {"id": 9001}},
              {"id": "1000000004", "etag": "\\"2\\"", "summary": "Partners' meeting", "start_at": "2027-03-15T16:00:00+00:00",
               "end_at": "2027-03-15T17:00:00+00:00", "all_day": false, "calendar_owner": {"id": 9002, "type": "UserCalendar"},
               "calendars": [{"id": 9002}, {"id": 9001}]},
              {"id": "1000000005", "etag": "\\"3\\"", "summary": "Lunch", "start_at": "2027-03-15T12:00:00+00:00",
               "end_at": "2027-03-15T13:00:00+00:00", "all_day": false, "calendar_owner_id": 9001,
               "calendar_entry_event_type": {"id": 31, "name": "Free"}, "start_at_time_zone": "Pacific Time (US & Canada)"}
            ],
            "meta": {"paging": {"next": "https://app.clio.com/api/v4/calendar_entries.json?expanded=true&page_token=BAh7"}, "records": 412}}
            """;

    private List<JsonNode> entries() {
        return json.page(PAGE).data();
    }

    @Test
    void aPageKnowsItsNextLink() {
        ClioJson.Page page = json.page(PAGE);

        assertThat(page.data()).hasSize(5);
        assertThat(page.next()).isEqualTo("https://app.clio.com/api/v4/calendar_entries.json?expanded=true&page_token=BAh7");
        assertThat(json.page("{\"data\": [], \"meta\": {\"paging\": {}}}").next()).isNull();
    }

    @Test
    void anEntryIsAnEventWithItsEtagTimesAndZone() {
        ProviderEvent event = json.event(entries().get(0), CALENDAR).orElseThrow();

        assertThat(event.eventId()).isEqualTo("1000000001");
        assertThat(event.seriesId()).isNull();
        assertThat(event.version()).isEqualTo("\"9f2e1c\"");
        assertThat(event.title()).isEqualTo("Deposition +1 201-555-0101");
        assertThat(event.description()).isEqualTo("Bring exhibits");
        assertThat(event.location()).isEqualTo("Room 4");
        assertThat(event.start()).isEqualTo(Instant.parse("2027-03-15T14:00:00Z"));
        assertThat(event.end()).isEqualTo(Instant.parse("2027-03-15T15:00:00Z"));
        assertThat(event.timeZone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(event.busy()).isTrue();
        assertThat(event.organizedByOwner()).isTrue();
    }

    @Test
    void anOccurrenceBelongsToItsSeries() {
        ProviderEvent occurrence = json.event(entries().get(1), CALENDAR).orElseThrow();

        assertThat(occurrence.eventId()).isEqualTo("1000000002_1");
        assertThat(occurrence.seriesId()).isEqualTo("1000000002");
        assertThat(occurrence.start()).isEqualTo(Instant.parse("2027-03-16T14:00:00Z"));
        assertThat(occurrence.description()).isNull();
    }

    @Test
    void anAllDayEntryIsNoAppointment() {
        assertThat(json.event(entries().get(2), CALENDAR)).isEmpty();
    }

    @Test
    void anEntryOfAnotherCalendarThatTheOwnerAttendsIsInvited() {
        ProviderEvent invited = json.event(entries().get(3), CALENDAR).orElseThrow();

        assertThat(invited.organizedByOwner()).isFalse();
        assertThat(json.event(entries().get(3), "9555")).as("on neither calendar").isEmpty();
    }

    @Test
    void theFreeEventTypeDoesNotBlockAndAnUnknownZoneNameIsNoZone() {
        ProviderEvent lunch = json.event(entries().get(4), CALENDAR).orElseThrow();

        assertThat(lunch.busy()).isFalse();
        assertThat(lunch.organizedByOwner()).isTrue();
        assertThat(lunch.timeZone()).isNull();
    }

    @Test
    void anAnswerThatIsNotAnEntryIsUnavailable() {
        assertThatThrownBy(() -> json.single("<html>maintenance</html>")).isInstanceOf(CalendarProviderException.Unavailable.class);
        assertThatThrownBy(() -> json.event(mapper.createObjectNode().put("id", "1"), CALENDAR))
                .isInstanceOf(CalendarProviderException.Unavailable.class);
    }

    @Test
    void aNewEntryIsWrittenInItsZoneOnTheChosenCalendar() throws Exception {
        NewEvent visit = new NewEvent("Check-up", null, "Room 2", Instant.parse("2027-03-15T14:00:00Z"),
                Instant.parse("2027-03-15T14:30:00Z"), ZoneId.of("America/Chicago"));

        JsonNode data = mapper.readTree(json.create(visit, CALENDAR)).get("data");

        assertThat(data.get("summary").asText()).isEqualTo("Check-up");
        assertThat(data.get("description").asText()).isEmpty();
        assertThat(data.get("location").asText()).isEqualTo("Room 2");
        assertThat(data.get("start_at").asText()).isEqualTo("2027-03-15T09:00:00-05:00");
        assertThat(data.get("end_at").asText()).isEqualTo("2027-03-15T09:30:00-05:00");
        assertThat(data.get("calendar_owner").get("id").isNumber()).isTrue();
        assertThat(data.get("calendar_owner").get("id").asLong()).isEqualTo(9001L);
        assertThat(mapper.readTree(json.description("new")).toString()).isEqualTo("{\"data\":{\"description\":\"new\"}}");
        assertThat(mapper.readTree(json.times(visit.start(), visit.end())).toString())
                .isEqualTo("{\"data\":{\"start_at\":\"2027-03-15T14:00:00+00:00\",\"end_at\":\"2027-03-15T14:30:00+00:00\"}}");
    }

    @Test
    void calendarsSayWhoseTheyAreAndWhetherTheyCanBeWritten() throws Exception {
        List<ProviderCalendar> calendars = json.page("""
                {"data": [
                  {"id": 9001, "name": "Pat Owner", "type": "UserCalendar", "permission": "owner"},
                  {"id": 9002, "name": "Sam Colleague", "type": "UserCalendar", "permission": "viewer"},
                  {"id": 9003, "name": "Court dates", "type": "AdhocCalendar", "permission": "editor"},
                  {"id": 9004, "name": "Firm holidays", "type": "AdhocCalendar", "permission": "owner"}
                ], "meta": {"paging": {}}}
                """).data().stream().map(json::calendar).toList();

        assertThat(calendars).containsExactly(new ProviderCalendar("9001", "Pat Owner", null, true, true),
                new ProviderCalendar("9002", "Sam Colleague", null, false, false),
                new ProviderCalendar("9003", "Court dates", null, false, true),
                new ProviderCalendar("9004", "Firm holidays", null, false, true));
    }
}
