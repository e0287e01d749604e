package io.confirmloop.calendar.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.ProviderEvent;
import io.confirmloop.calendar.graph.GraphEvents.Entry;
import io.confirmloop.calendar.graph.GraphEvents.Kind;
import org.junit.jupiter.api.Test;

class GraphEventsTest {

    private final ObjectMapper json = new ObjectMapper();

    /** The second round's first page of the documented calendarView delta example (Microsoft Graph docs). */
    private static final String DELTA_NEXT_ROUND = """
            {
                "@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Collection(event)",
                "@odata.deltaLink":"https://graph.microsoft.com/v1.0/me/calendarView/delta?$deltatoken=R0usmcFuQtZdtpk4",
                "value":[
                    {
                        "@odata.type": "#microsoft.graph.event",
                        "id": "AAMkADk0MGFkODE3LWE4MmYtNDRhOS04OGQLkRkXbBznTvAADb6ytyAAA=",
                        "@removed": {
                            "reason": "deleted"
                        }
                    },
                    {
                        "@odata.type":"#microsoft.graph.event",
                        "@odata.etag":"W/\\"EZ9r3czxY0m2jz8c45czkwAALZu97w==\\"",
                        "subject":"Attend service",
                        "body":{
                            "contentType":"html",
                            "content":""
                        },
                        "start":{
                            "dateTime":"2016-12-25T06:00:00.0000000",
                            "timeZone":"UTC"
                        },
                        "end":{
                            "dateTime":"2016-12-25T07:30:00.0000000",
                            "timeZone":"UTC"
                        },
                        "location":{
                            "displayName":"Chapel of Saint Ignatius",
                            "address":{
                                "street":"900 Broadway",
                                "city":"Seattle",
                                "state":"WA",
                                "countryOrRegion":"United States",
                                "postalCode":""
                            },
                            "coordinates":{
                                "latitude":47.6105,
                                "longitude":-122.321
                            }
                        },
                        "attendees":[],
                        "organizer":{
                            "emailAddress":{
                                "name":"Samantha Booth",
                                "address":"samanthab@contoso.onmicrosoft.com"
                            }
                        },
                        "id":"AAMkADj1HvAAA="
                    }
                ]
            }
            """;

    /** An event as Graph answers a create or a read (the documented properties, shortened). */
    private static final String EVENT = """
            {
              "@odata.etag": "W/\\"ZlnW4RIAV06KYYwlrfNZvQAAKGWwbw==\\"",
              "id": "AAMkAGIAAAoZDOFAAA=",
              "changeKey": "ZlnW4RIAV06KYYwlrfNZvQAAKGWwbw==",
              "originalStartTimeZone": "Pacific Standard Time",
              "originalEndTimeZone": "Pacific Standard Time",
              "subject": "Check-up +1 201-555-0101",
              "bodyPreview": "Bring the referral letter",
              "isAllDay": false,
              "isCancelled": false,
              "isOrganizer": true,
              "seriesMasterId": null,
              "showAs": "tentative",
              "type": "singleInstance",
              "body": {"contentType": "text", "content": "Bring the referral letter"},
              "start": {"dateTime": "2026-12-02T15:00:00.0000000", "timeZone": "UTC"},
              "end": {"dateTime": "2026-12-02T15:30:00.0000000", "timeZone": "UTC"},
              "location": {"displayName": "", "locationType": "default"}
            }
            """;

    private JsonNode read(String text) throws Exception {
        return json.readTree(text);
    }

    @Test
    void theDocumentedDeltaPageGivesARemovalAndAnEvent() throws Exception {
        List<Entry> entries = StreamSupport.stream(read(DELTA_NEXT_ROUND).path("value").spliterator(), false).map(GraphEvents::entry).toList();

        assertThat(entries.get(0).kind()).isEqualTo(Kind.GONE);
        assertThat(entries.get(0).id()).isEqualTo("AAMkADk0MGFkODE3LWE4MmYtNDRhOS04OGQLkRkXbBznTvAADb6ytyAAA=");
        ProviderEvent e = entries.get(1).event();
        assertThat(e.eventId()).isEqualTo("AAMkADj1HvAAA=");
        assertThat(e.version()).isEqualTo("W/\"EZ9r3czxY0m2jz8c45czkwAALZu97w==\"");
        assertThat(e.title()).isEqualTo("Attend service");
        assertThat(e.description()).isEmpty();
        assertThat(e.location()).isEqualTo("Chapel of Saint Ignatius");
        assertThat(e.start()).isEqualTo(Instant.parse("2016-12-25T06:00:00Z"));
        assertThat(e.end()).isEqualTo(Instant.parse("2016-12-25T07:30:00Z"));
        assertThat(e.busy()).isTrue();
        assertThat(e.organizedByOwner()).isFalse();
        assertThat(e.seriesId()).isNull();
    }

    private static final String ATTENDEES = """
            "organizer": {"emailAddress": {"name": "Pat Owner", "address": "pat@parkside.example"}},
            "attendees": [
              {"type": "required", "status": {"response": "none", "time": "0001-01-01T00:00:00Z"},
               "emailAddress": {"name": "Maria Lopez", "address": "Maria.Lopez@example.com"}},
              {"type": "optional", "status": {"response": "none", "time": "0001-01-01T00:00:00Z"},
               "emailAddress": {"name": "Pat Owner", "address": "PAT@parkside.example"}},
              {"type": "resource", "status": {"response": "accepted", "time": "0001-01-01T00:00:00Z"},
               "emailAddress": {"name": "Room 2", "address": "room2@parkside.example"}}
            ],
            """;

    @Test
    void theGuestsOfTheOwnersOwnEventAreItsAttendeesWithoutOrganizerAndRooms() throws Exception {
        ProviderEvent own = GraphEvents.event(read(EVENT.replaceFirst("\\{", "{" + ATTENDEES)));
        ProviderEvent invitation = GraphEvents.event(read(EVENT.replaceFirst("\\{", "{" + ATTENDEES)
                .replace("\"isOrganizer\": true", "\"isOrganizer\": false")));

        assertThat(own.guestEmails()).containsExactly("maria.lopez@example.com");
        // the owner is not marked among an invitation's attendees: none of them is taken for a client
        assertThat(invitation.guestEmails()).isEmpty();
    }

    @Test
    void anEventReadsWithItsEtagTimesOrganizerAndBusyTime() throws Exception {
        ProviderEvent e = GraphEvents.event(read(EVENT));

        assertThat(e.eventId()).isEqualTo("AAMkAGIAAAoZDOFAAA=");
        assertThat(e.version()).isEqualTo("W/\"ZlnW4RIAV06KYYwlrfNZvQAAKGWwbw==\"");
        assertThat(e.description()).isEqualTo("Bring the referral letter");
        assertThat(e.location()).isNull();
        assertThat(e.start()).isEqualTo(Instant.parse("2026-12-02T15:00:00Z"));
        assertThat(e.organizedByOwner()).isTrue();
        assertThat(e.busy()).isTrue();
        // a Windows zone name is not mapped
        assertThat(e.timeZone()).isNull();
    }

    @Test
    void freeAndWorkingElsewhereLeaveTheTimeFree() throws Exception {
        for (String showAs : List.of("free", "workingElsewhere")) {
            assertThat(GraphEvents.event(with("showAs", "\"" + showAs + "\"")).busy()).as(showAs).isFalse();
        }
        for (String showAs : List.of("busy", "tentative", "oof", "unknown")) {
            assertThat(GraphEvents.event(with("showAs", "\"" + showAs + "\"")).busy()).as(showAs).isTrue();
        }
    }

    @Test
    void anOccurrenceNamesItsSeriesAndTheMasterIsNoEvent() throws Exception {
        JsonNode occurrence = with("type", "\"occurrence\"");
        ((com.fasterxml.jackson.databind.node.ObjectNode) occurrence).put("seriesMasterId", "AAMkMaster=");

        assertThat(GraphEvents.entry(occurrence).event().seriesId()).isEqualTo("AAMkMaster=");
        assertThat(GraphEvents.entry(with("type", "\"seriesMaster\"")).kind()).isEqualTo(Kind.SERIES_MASTER);
    }

    @Test
    void cancelledAndAllDayEventsAreGone() throws Exception {
        assertThat(GraphEvents.entry(with("isCancelled", "true")).kind()).isEqualTo(Kind.GONE);
        assertThat(GraphEvents.entry(with("isAllDay", "true")).kind()).isEqualTo(Kind.GONE);
        assertThat(GraphEvents.entry(read(EVENT)).kind()).isEqualTo(Kind.EVENT);
    }

    @Test
    void withoutAnEtagTheChangeKeyIsTheVersionInEtagForm() throws Exception {
        JsonNode e = read(EVENT);
        ((com.fasterxml.jackson.databind.node.ObjectNode) e).remove("@odata.etag");

        assertThat(GraphEvents.version(e)).isEqualTo("W/\"ZlnW4RIAV06KYYwlrfNZvQAAKGWwbw==\"");
    }

    @Test
    void timesInAnotherZoneAreReadAsInstantsAndAnUnknownZoneIsRefused() throws Exception {
        JsonNode chicago = read("{\"dateTime\":\"2027-03-15T09:00:00.0000000\",\"timeZone\":\"America/Chicago\"}");
        assertThat(GraphEvents.instant(chicago)).isEqualTo(Instant.parse("2027-03-15T14:00:00Z"));
        assertThat(GraphEvents.zone("Europe/London")).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(GraphEvents.zone("UTC")).isEqualTo(ZoneOffset.UTC);

        JsonNode windows = read("{\"dateTime\":\"2027-03-15T09:00:00.0000000\",\"timeZone\":\"Central Standard Time\"}");
        assertThatThrownBy(() -> GraphEvents.instant(windows)).isInstanceOf(CalendarProviderException.Rejected.class)
                .hasMessageContaining("instead of UTC");
    }

    @Test
    void anHtmlBodyIsReadAsText() throws Exception {
        JsonNode e = with("body", "{\"contentType\":\"html\",\"content\":\"<html><head><style>p{}</style></head><body><p>Bring the"
                + " letter &amp; card</p><div>Room&nbsp;2<br>Floor 1</div></body></html>\"}");

        assertThat(GraphEvents.event(e).description()).isEqualTo("Bring the letter & card\nRoom 2\nFloor 1");
    }

    private JsonNode with(String field, String value) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode e = (com.fasterxml.jackson.databind.node.ObjectNode) read(EVENT);
        e.set(field, read(value));
        return e;
    }
}
