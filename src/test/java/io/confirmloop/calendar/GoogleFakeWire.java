package io.confirmloop.calendar;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * Google's wire format for {@link GoogleFake}: JSON answers, the documented error body
 * ({@code {"error":{"errors":[{"domain","reason","message",…}],"code","message"}}}), the OAuth
 * token endpoint's {@code {"error","error_description"}}, and reading query strings and forms.
 */
final class GoogleFakeWire {

    static final ObjectMapper JSON = new ObjectMapper();

    private GoogleFakeWire() {
    }

    static ResponseDefinition json(int status, JsonNode body) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8")
                .withHeader("Vary", "Origin, X-Origin, Referer").withBody(body.toString()).build();
    }

    static ResponseDefinition noContent() {
        return new ResponseDefinitionBuilder().withStatus(204).build();
    }

    /** Google's error body; {@code location} is null for errors without one. */
    static ResponseDefinition error(int status, String domain, String reason, String message, String locationType, String location) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        ObjectNode item = error.putArray("errors").addObject();
        item.put("domain", domain);
        item.put("reason", reason);
        item.put("message", message);
        if (location != null) {
            item.put("locationType", locationType);
            item.put("location", location);
        }
        error.put("code", status);
        error.put("message", message);
        return json(status, body);
    }

    static ResponseDefinition badRequest(String reason, String message, String parameter) {
        return error(400, reason.equals("badRequest") || reason.equals("invalid") ? "global" : "calendar", reason, message,
                parameter == null ? null : "parameter", parameter);
    }

    static ResponseDefinition notFound() {
        return error(404, "global", "notFound", "Not Found", null, null);
    }

    static ResponseDefinition deleted() {
        return error(410, "global", "deleted", "Resource has been deleted", null, null);
    }

    static ResponseDefinition fullSyncRequired() {
        return error(410, "calendar", "fullSyncRequired", "Sync token is no longer valid, a full sync is required.", "parameter", "syncToken");
    }

    static ResponseDefinition preconditionFailed() {
        return error(412, "global", "conditionNotMet", "Precondition Failed", "header", "If-Match");
    }

    static ResponseDefinition invalidCredentials() {
        ResponseDefinition d = error(401, "global", "authError", "Invalid Credentials", "header", "Authorization");
        return ResponseDefinitionBuilder.like(d).withHeader("WWW-Authenticate",
                "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"").build();
    }

    /** The error body Google sends with a status, as the fault injection needs it. */
    static ResponseDefinition fault(int status) {
        return switch (status) {
            case 403 -> error(403, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded", null, null);
            case 429 -> error(429, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded", null, null);
            case 401 -> invalidCredentials();
            case 404 -> notFound();
            case 410 -> fullSyncRequired();
            case 412 -> preconditionFailed();
            default -> status >= 500 ? error(status, "global", "backendError", "Backend Error", null, null)
                    : error(status, "global", "badRequest", "Bad Request", null, null);
        };
    }

    static ResponseDefinition oauthError(int status, String error, String description) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        return json(status, body);
    }

    /** Query or form parameters, decoded ('+' is a space, as in a form). */
    static Map<String, String> params(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }

    /** A path segment percent-decoded ('+' stays a plus, as in a path). */
    static String segment(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
