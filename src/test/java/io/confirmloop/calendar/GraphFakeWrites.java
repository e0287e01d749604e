package io.confirmloop.calendar;

import static io.confirmloop.calendar.GraphFakeApi.graphError;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * Creating ({@code POST /me/calendars/{id}/events}) and updating ({@code PATCH /me/events/{id}})
 * an event in the Graph fake, checked as Graph checks them: a JSON body, times as
 * {@code dateTimeTimeZone} in a supported zone, and {@code If-Match} against the current etag.
 */
record GraphFakeWrites(GraphFakeMailbox mailbox, GraphFakeRequest request) {

    private static final class Invalid extends RuntimeException {
        private final transient ResponseDefinition answer;

        Invalid(ResponseDefinition answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }

    ResponseDefinition create(GraphFakeMailbox.Cal calendar) {
        if (!calendar.canEdit()) {
            return graphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
        }
        JsonNode body = request.body();
        if (!request.sendsJson() || body == null) {
            return graphError(415, "UnsupportedMediaType", "The content type of the request is not supported.");
        }
        if (!body.has("start") || !body.has("end")) {
            return graphError(400, "ErrorInvalidRequest", "Your request can't be completed. An event needs a start and an end.");
        }
        try {
            Instant start = time(body.get("start"));
            Instant end = time(body.get("end"));
            GraphFakeMailbox.Item item = mailbox.newItem(calendar.id());
            item.zone = body.get("start").path("timeZone").asText();
            item.start = start;
            item.end = end;
            item.subject = body.path("subject").asText("");
            item.body = body.path("body").path("content").asText("");
            item.location = body.path("location").path("displayName").asText(null);
            item.showAs = body.path("showAs").asText("busy");
            return request.ok(201, request.render(mailbox, item, null));
        } catch (Invalid e) {
            return e.answer;
        }
    }

    ResponseDefinition update(GraphFakeMailbox.Item item) {
        String ifMatch = request.request().getHeader("If-Match");
        if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(item.etag())) {
            return graphError(412, "ErrorIrresolvableConflict", "The send or update operation could not be performed because the change "
                    + "key passed in the request does not match the current change key for the item.");
        }
        JsonNode body = request.body();
        if (!request.sendsJson() || body == null) {
            return graphError(415, "UnsupportedMediaType", "The content type of the request is not supported.");
        }
        try {
            Instant start = body.has("start") ? time(body.get("start")) : item.start;
            Instant end = body.has("end") ? time(body.get("end")) : item.end;
            if (body.has("subject")) {
                item.subject = body.get("subject").asText();
            }
            if (body.has("body")) {
                item.body = body.get("body").path("content").asText("");
            }
            if (body.has("location")) {
                item.location = body.get("location").path("displayName").asText(null);
            }
            if (body.has("showAs")) {
                item.showAs = body.get("showAs").asText();
            }
            if (!start.equals(item.start) || !end.equals(item.end)) {
                item.start = start;
                item.end = end;
                item.zone = body.path("start").path("timeZone").asText(item.zone);
            }
            if ("occurrence".equals(item.type)) {
                item.type = "exception";
            }
            mailbox.touch(item);
            return request.ok(200, request.render(mailbox, item, null));
        } catch (Invalid e) {
            return e.answer;
        }
    }

    private static Instant time(JsonNode dateTimeTimeZone) {
        String name = dateTimeTimeZone.path("timeZone").asText("");
        ZoneId zone = name.isEmpty() ? null : GraphFakeMailbox.zone(name);
        if (zone == null) {
            throw new Invalid(graphError(400, "TimeZoneNotSupportedException",
                    "A valid TimeZone value must be specified. The following TimeZone value is not supported: '" + name + "'."));
        }
        try {
            return LocalDateTime.parse(dateTimeTimeZone.path("dateTime").asText("")).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new Invalid(graphError(400, "ErrorInvalidRequest", "Cannot convert the literal '"
                    + dateTimeTimeZone.path("dateTime").asText("") + "' to the expected type 'Edm.DateTime'."));
        }
    }
}
