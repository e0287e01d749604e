package io.confirmloop.calendar;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.confirmloop.calendar.Connection.ClioRegion;
import io.confirmloop.calendar.Connection.EwsAuth;
import io.confirmloop.system.ApiException;

/**
 * The {@code connection} object of the calendar API, checked for one provider. Messages name the
 * field and never repeat a value given, since it may be a credential.
 */
final class ConnectionInput {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final int MAX_TEXT = 1_000;
    private static final int MAX_SECRET = 16_000;
    private static final List<String> EWS = List.of("email", "username", "password", "serverUrl", "authType", "folderId");
    private static final List<String> OAUTH = List.of("calendarId", "accessToken", "refreshToken", "expiresAt");
    private static final List<String> CLIO = Stream.concat(OAUTH.stream(), Stream.of("region")).toList();

    private final Map<String, Object> input;

    private ConnectionInput(Map<String, Object> input) {
        this.input = input;
    }

    static Connection read(Provider provider, Map<String, Object> input) {
        Map<String, Object> in = withoutProvider(provider, input == null ? Map.of() : input);
        if (provider == Provider.INTERNAL) {
            if (!in.isEmpty()) {
                throw invalid("The built-in calendar (provider internal) takes no connection settings");
            }
            return new Connection.Internal();
        }
        List<String> known = provider == Provider.EWS ? EWS : provider == Provider.CLIO ? CLIO : OAUTH;
        Set<String> unknown = in.keySet().stream().filter(k -> !known.contains(k)).collect(Collectors.toCollection(TreeSet::new));
        if (!unknown.isEmpty()) {
            throw invalid("connection has unknown field(s) " + String.join(", ", unknown) + ": provider "
                    + provider.apiName() + " takes " + String.join(", ", known));
        }
        ConnectionInput f = new ConnectionInput(in);
        return switch (provider) {
            case INTERNAL -> new Connection.Internal();
            case EWS -> new Connection.Ews(f.email(), f.text("username", true), f.secret("password", true), f.serverUrl(),
                    f.choice("authType", EwsAuth.class, EwsAuth.BASIC), f.text("folderId", false));
            case GRAPH -> new Connection.Graph(f.text("calendarId", true), f.secret("accessToken", true),
                    f.secret("refreshToken", false), f.instant("expiresAt"));
            case GOOGLE -> new Connection.Google(f.text("calendarId", true), f.secret("accessToken", true),
                    f.secret("refreshToken", false), f.instant("expiresAt"));
            case CLIO -> new Connection.Clio(f.text("calendarId", true), f.secret("accessToken", true),
                    f.secret("refreshToken", false), f.instant("expiresAt"), f.choice("region", ClioRegion.class, ClioRegion.US));
        };
    }

    /** A {@code provider} inside the connection may only repeat the calendar's own. */
    private static Map<String, Object> withoutProvider(Provider provider, Map<String, Object> input) {
        if (!input.containsKey("provider")) {
            return input;
        }
        if (!(input.get("provider") instanceof String p) || !p.trim().equalsIgnoreCase(provider.apiName())) {
            throw invalid("connection.provider cannot differ from the calendar's provider " + provider.apiName()
                    + "; connect a new calendar to change it");
        }
        Map<String, Object> rest = new HashMap<>(input);
        rest.remove("provider");
        return rest;
    }

    private String email() {
        String email = text("email", true);
        if (email.length() > 320 || !EMAIL.matcher(email).matches()) {
            throw invalid("connection.email is not an email address");
        }
        return email;
    }

    private String serverUrl() {
        String url = text("serverUrl", false, EwsServerUrl.MAX_LENGTH);
        return url == null ? null : EwsServerUrl.check(url);
    }

    private Instant instant(String field) {
        String value = text(field, false);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid("connection." + field + " must be an ISO-8601 instant such as 2030-01-31T09:00:00Z");
        }
    }

    private <E extends Enum<E>> E choice(String field, Class<E> type, E fallback) {
        String value = text(field, false);
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("connection." + field + " must be one of " + Stream.of(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }

    /** A credential: kept exactly as given (no trimming). */
    private Secret secret(String field, boolean required) {
        String value = string(field, required);
        if (value != null && value.length() > MAX_SECRET) {
            throw invalid("connection." + field + " is longer than " + MAX_SECRET + " characters");
        }
        return Secret.ofNullable(value);
    }

    private String text(String field, boolean required) {
        return text(field, required, MAX_TEXT);
    }

    private String text(String field, boolean required, int max) {
        String value = string(field, required);
        if (value != null && value.trim().length() > max) {
            throw invalid("connection." + field + " is longer than " + max + " characters");
        }
        return value == null ? null : value.trim();
    }

    /** The field as a string; absent, null or blank is null, or an error if the field is required. */
    private String string(String field, boolean required) {
        Object value = input.get(field);
        if (value != null && !(value instanceof String)) {
            throw invalid("connection." + field + " must be a string");
        }
        if (value == null || ((String) value).isBlank()) {
            if (required) {
                throw invalid("connection." + field + " is required");
            }
            return null;
        }
        return (String) value;
    }

    static ApiException invalid(String message) {
        return ApiException.badRequest("INVALID_CONNECTION", message);
    }
}
