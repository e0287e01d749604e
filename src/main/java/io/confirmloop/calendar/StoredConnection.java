package io.confirmloop.calendar;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.confirmloop.calendar.Connection.ClioRegion;
import io.confirmloop.calendar.Connection.EwsAuth;

/**
 * A connection as plain fields, credentials included: the form that is encrypted and stored. Read
 * back exactly as written, without the API's checks, so that a stored value always loads.
 */
final class StoredConnection {

    private final Map<String, Object> fields;

    private StoredConnection(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** Every field of {@code c} by its API name, credentials revealed; no {@code provider}. */
    static Map<String, Object> fields(Connection c) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (c instanceof Connection.Ews ews) {
            fields.put("email", ews.email());
            fields.put("username", ews.username());
            fields.put("password", ews.password().reveal());
            fields.put("serverUrl", ews.serverUrl());
            fields.put("authType", lower(ews.authType()));
            fields.put("folderId", ews.folderId());
        } else if (c instanceof Connection.OAuth oauth) {
            fields.put("calendarId", oauth.calendarId());
            fields.put("accessToken", oauth.accessToken().reveal());
            fields.put("refreshToken", oauth.refreshToken() == null ? null : oauth.refreshToken().reveal());
            fields.put("expiresAt", oauth.expiresAt() == null ? null : oauth.expiresAt().toString());
            if (c instanceof Connection.Clio clio) {
                fields.put("region", lower(clio.region()));
            }
        }
        return fields;
    }

    /** The connection {@link #fields} and {@code provider} describe. */
    static Connection read(Map<String, Object> stored) {
        StoredConnection f = new StoredConnection(stored);
        return switch (f.choice("provider", Provider.class, true)) {
            case INTERNAL -> new Connection.Internal();
            case EWS -> new Connection.Ews(f.text("email", true), f.text("username", true), f.secret("password", true),
                    f.text("serverUrl", false), f.choice("authType", EwsAuth.class, true), f.text("folderId", false));
            case GRAPH -> new Connection.Graph(f.text("calendarId", false), f.secret("accessToken", true),
                    f.secret("refreshToken", false), f.instant("expiresAt"));
            case GOOGLE -> new Connection.Google(f.text("calendarId", false), f.secret("accessToken", true),
                    f.secret("refreshToken", false), f.instant("expiresAt"));
            case CLIO -> new Connection.Clio(f.text("calendarId", false), f.secret("accessToken", true),
                    f.secret("refreshToken", false), f.instant("expiresAt"), f.choice("region", ClioRegion.class, true));
        };
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private String text(String field, boolean required) {
        Object value = fields.get(field);
        if (value == null && required || value != null && !(value instanceof String)) {
            throw invalid(field + " is missing or not a string");
        }
        return (String) value;
    }

    private Secret secret(String field, boolean required) {
        return Secret.ofNullable(text(field, required));
    }

    private Instant instant(String field) {
        String value = text(field, false);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(field + " is not an instant");
        }
    }

    private <E extends Enum<E>> E choice(String field, Class<E> type, boolean required) {
        String value = text(field, required);
        try {
            return value == null ? null : Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(field + " has an unknown value");
        }
    }

    /** Says what is wrong, never what is stored. */
    static IllegalStateException invalid(String problem) {
        return new IllegalStateException("stored calendar connection is not valid: " + problem);
    }
}
