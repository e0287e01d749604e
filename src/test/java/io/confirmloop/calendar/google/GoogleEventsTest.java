package io.confirmloop.calendar.google;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confirmloop.calendar.NewEvent;
import io.confirmloop.calendar.ProviderEvent;
import org.junit.jupiter.api.Test;

/** Google's Event resource, as events.list documents it, read into our events (and back for writes). */
class GoogleEventsTest {

    private final GoogleEvents events = new GoogleEvents(new ObjectMapper());

    /**
     * An events.list answer with singleEvents=true: a timed event, a free occurrence organised by
     * someone else, an all-day event, a cancelled occurrence.
     */
    private static final String LIST = """
            {
             "kind": "calendar#events",
             "etag": "\\"p33c9pja2vbofg0o\\"",
             "summary": "frontdesk.parkside@gmail.com",
             "updated": "2026-11-30T18:22:41.015Z",
             "timeZone": "America/Chicago",
             "accessRole": "owner",
             "defaultReminders": [{"method": "popup", "minutes": 10}],
             "nextSyncToken": "CPDAlvWDx70CEPDAlvWDx70CGAU=",
             "items": [
              {
               "kind": "calendar#event",
               "etag": "\\"3181161784712000\\"",
               "id": "4c2ketkhqbmnf2r8u2m3tp2c1k",
               "status": "confirmed",
               "htmlLink": "https://www.google.com/calendar/event?eid=NGMya2V0",
               "created": "2026-11-30T18:21:52.000Z",
               "updated": "2026-11-30T18:21:52.356Z",
               "summary": "Check-up +1 201-555-0161",
               "description": "Bring the referral letter",
               "location": "Room 2",
               "creator": {"email": "frontdesk.parkside@gmail.com", "self": true},
               "organizer": {"email": "frontdesk.parkside@gmail.com", "self": true},
               "start": {"dateTime": "2026-12-02T09:00:00-06:00", "timeZone": "America/Chicago"},
               "end": {"dateTime": "2026-12-02T09:30:00-06:00", "timeZone": "America/Chicago"},
               "iCalUID": "4c2ketkhqbmnf2r8u2m3tp2c1k@google.com",
               "sequence": 0,
               "reminders": {"useDefault": true},
               "eventType": "default"
              },
              {
               "kind": "calendar#event",
               "etag": "\\"3181161784714000\\"",
               "id": "7u1o3kq0ns4ahc9lbdhj5a1r9g_20261203T120000Z",
               "status": "confirmed",
               "summary": "Lunch",
               "organizer": {"email": "board@lakeside.example", "displayName": "Lakeside Board"},
               "start": {"dateTime": "2026-12-03T21:00:00+09:00", "timeZone": "Asia/Tokyo"},
               "end": {"dateTime": "2026-12-03T22:00:00+09:00", "timeZone": "Asia/Tokyo"},
               "recurringEventId": "7u1o3kq0ns4ahc9lbdhj5a1r9g",
               "originalStartTime": {"dateTime": "2026-12-03T21:00:00+09:00", "timeZone": "Asia/Tokyo"},
               "transparency": "transparent",
               "attendees": [{"email": "frontdesk.parkside@gmail.com", "self": true, "responseStatus": "accepted"}]
              },
              {
               "kind": "calendar#event",
               "etag": "\\"3181161784716000\\"",
               "id": "1g6h2nfp4rm0tkq5l2c6b8kq0s",
               "status": "confirmed",
               "summary": "Vacation",
               "organizer": {"email": "frontdesk.parkside@gmail.com", "self": true},
               "start": {"date": "2026-12-04"},
               "end": {"date": "2026-12-05"},
               "transparency": "transparent"
              },
              {
               "kind": "calendar#event",
               "etag": "\\"3181161784718000\\"",
               "id": "7u1o3kq0ns4ahc9lbdhj5a1r9g_20261204T120000Z",
               "status": "cancelled",
               "recurringEventId": "7u1o3kq0ns4ahc9lbdhj5a1r9g",
               "originalStartTime": {"dateTime": "2026-12-04T21:00:00+09:00", "timeZone": "Asia/Tokyo"}
              }
             ]
            }
            """;

    @Test
    void aTimedEventIsReadWithItsEtagZoneAndOrganizer() {
        ProviderEvent e = events.event(item(0)).orElseThrow();

        assertThat(e.eventId()).isEqualTo("4c2ketkhqbmnf2r8u2m3tp2c1k");
        assertThat(e.seriesId()).isNull();
        assertThat(e.version()).isEqualTo("\"3181161784712000\"");
        assertThat(e.title()).isEqualTo("Check-up +1 201-555-0161");
        assertThat(e.description()).isEqualTo("Bring the referral letter");
        assertThat(e.location()).isEqualTo("Room 2");
        assertThat(e.start()).isEqualTo(Instant.parse("2026-12-02T15:00:00Z"));
        assertThat(e.end()).isEqualTo(Instant.parse("2026-12-02T15:30:00Z"));
        assertThat(e.timeZone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(e.busy()).isTrue();
        assertThat(e.organizedByOwner()).isTrue();
    }

    @Test
    void anOccurrenceOfSomeoneElsesFreeSeriesIsFreeInvitedAndInItsSeries() {
        ProviderEvent e = events.event(item(1)).orElseThrow();

        assertThat(e.seriesId()).isEqualTo("7u1o3kq0ns4ahc9lbdhj5a1r9g");
        assertThat(e.start()).isEqualTo(Instant.parse("2026-12-03T12:00:00Z"));
        assertThat(e.timeZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(e.busy()).isFalse();
        assertThat(e.organizedByOwner()).isFalse();
        assertThat(e.description()).isNull();
    }

    @Test
    void allDayAndCancelledEventsAreNoEventsOfOurs() {
        assertThat(events.event(item(2))).isEmpty();
        assertThat(events.removed(item(2))).isTrue();
        assertThat(events.event(item(3))).isEmpty();
        assertThat(events.removed(item(3))).isTrue();
        assertThat(events.removed(item(0))).isFalse();
    }

    @Test
    void anInsertNamesTheZoneAndAMoveSendsOnlyTheTimes() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode insert = json.readTree(events.insertBody(new NewEvent("Check-up", "Bring the letter", null,
                Instant.parse("2026-07-02T15:00:00Z"), Instant.parse("2026-07-02T15:30:00Z"), null), ZoneId.of("America/Chicago")));
        JsonNode move = json.readTree(events.timesBody(Instant.parse("2026-07-02T16:00:00Z"), Instant.parse("2026-07-02T16:30:00Z")));

        assertThat(insert.get("summary").asText()).isEqualTo("Check-up");
        assertThat(insert.has("location")).isFalse();
        assertThat(insert.at("/start/dateTime").asText()).isEqualTo("2026-07-02T10:00:00-05:00");
        assertThat(insert.at("/start/timeZone").asText()).isEqualTo("America/Chicago");
        assertThat(insert.at("/end/dateTime").asText()).isEqualTo("2026-07-02T10:30:00-05:00");
        assertThat(move.at("/start/dateTime").asText()).isEqualTo("2026-07-02T16:00:00Z");
        assertThat(move.at("/start").has("timeZone")).isFalse();
        assertThat(move.fieldNames()).toIterable().containsExactly("start", "end");
    }

    @Test
    void aWindowsItemsInOrder() {
        List<String> ids = new ArrayList<>();
        events.parse(LIST).path("items").forEach(i -> events.event(i).ifPresent(e -> ids.add(e.eventId())));
        assertThat(ids).containsExactly("4c2ketkhqbmnf2r8u2m3tp2c1k", "7u1o3kq0ns4ahc9lbdhj5a1r9g_20261203T120000Z");
    }

    private JsonNode item(int index) {
        return events.parse(LIST).path("items").path(index);
    }
}
