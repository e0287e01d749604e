package io.confirmloop.calendar;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * One request to the Graph fake, read as Graph reads it: query options, {@code Prefer} (RFC 7240:
 * one header or several, preferences comma-separated) and the JSON body; and its answer, with
 * {@code Preference-Applied} for the preferences honoured.
 */
record GraphFakeRequest(Request request, Map<String, String> query, ObjectMapper json) {

    int intParam(String name, int fallback) {
        String value = query.get(name.toLowerCase());
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** An ISO-8601 time; without an offset it is UTC (the documented rule). */
    Instant instantParam(String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    Set<String> select() {
        String value = query.get("$select");
        return value == null ? null : new LinkedHashSet<>(List.of(value.split(",")));
    }

    Map<String, String> prefer() {
        Map<String, String> preferences = new LinkedHashMap<>();
        HttpHeader header = request.header("Prefer");
        if (header == null || !header.isPresent()) {
            return preferences;
        }
        for (String value : header.values()) {
            for (String part : value.split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    preferences.put(part.substring(0, eq).trim().toLowerCase(), part.substring(eq + 1).trim().replace("\"", ""));
                }
            }
        }
        return preferences;
    }

    OptionalInt maxPageSize() {
        String value = prefer().get("odata.maxpagesize");
        try {
            return value == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The event as this request asks for it: times in the Prefer zone (default UTC), body text or HTML. */
    ObjectNode render(GraphFakeMailbox mailbox, GraphFakeMailbox.Item item, Set<String> select) {
        String zoneName = prefer().getOrDefault("outlook.timezone", "UTC");
        ZoneId zone = GraphFakeMailbox.zone(zoneName);
        if (zone == null) {
            zoneName = "UTC";
            zone = ZoneOffset.UTC;
        }
        boolean html = !"text".equalsIgnoreCase(prefer().get("outlook.body-content-type"));
        return mailbox.render(item, zone, zoneName, html, select);
    }

    JsonNode body() {
        try {
            String body = request.getBodyAsString();
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    boolean sendsJson() {
        String type = request.getHeader("Content-Type");
        return type != null && type.toLowerCase().startsWith("application/json");
    }

    ResponseDefinition ok(int status, ObjectNode body) {
        ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8")
                .withHeader("request-id", java.util.UUID.randomUUID().toString());
        List<String> applied = new ArrayList<>();
        Map<String, String> prefer = prefer();
        if (prefer.containsKey("outlook.timezone")) {
            applied.add("outlook.timezone=\"" + prefer.get("outlook.timezone") + "\"");
        }
        if (prefer.containsKey("outlook.body-content-type")) {
            applied.add("outlook.body-content-type=\"" + prefer.get("outlook.body-content-type") + "\"");
        }
        if (prefer.containsKey("odata.maxpagesize")) {
            applied.add("odata.maxpagesize=" + prefer.get("odata.maxpagesize"));
        }
        if (!applied.isEmpty()) {
            answer = answer.withHeader("Preference-Applied", String.join(", ", applied));
        }
        return answer.withBody(body.toString()).build();
    }
}
