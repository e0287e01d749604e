package io.confirmloop.calendar;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * Turns a calendar's {@code connection} from API input into a typed {@link Connection}, into the JSON
 * that is encrypted and stored (credentials included) and back, and into what a GET may show (none).
 */
@Component
class ConnectionCodec {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    public ConnectionCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The checked {@code connection} of a new calendar; 400 INVALID_CONNECTION (or 422 EXCHANGE_ONLINE) if it is not right. */
    public Connection fromInput(Provider provider, Map<String, Object> input) {
        return ConnectionInput.read(provider, input);
    }

    /**
     * {@code existing} changed by a PATCH: a field left out keeps its value (credentials included), a
     * field given as null is cleared (or refused if required); the provider cannot change.
     */
    public Connection merge(Connection existing, Map<String, Object> input) {
        if (input == null || input.isEmpty()) {
            return existing;
        }
        Map<String, Object> merged = new LinkedHashMap<>(StoredConnection.fields(existing));
        merged.putAll(input);
        return ConnectionInput.read(existing.provider(), merged);
    }

    /** The whole connection, credentials included, with a {@code provider}: only ever stored encrypted. */
    public String toJson(Connection c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("provider", c.provider().apiName());
        json.putAll(StoredConnection.fields(c));
        try {
            return mapper.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the calendar connection as JSON");
        }
    }

    /** The connection {@link #toJson} wrote; an {@link IllegalStateException} that never quotes the value if it is not one. */
    public Connection fromJson(String json) {
        Map<String, Object> stored;
        try {
            stored = json == null ? null : mapper.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            // no cause: the parser's message may quote the text, credentials included
            throw StoredConnection.invalid("not JSON");
        }
        if (stored == null) {
            throw StoredConnection.invalid("empty");
        }
        return StoredConnection.read(stored);
    }

    /** What {@code GET /api/calendars/{id}} shows of the connection: settings and which credentials are set, never a credential. */
    public Map<String, Object> publicView(Connection c) {
        Map<String, Object> view = new LinkedHashMap<>();
        if (c instanceof Connection.Ews ews) {
            view.put("email", ews.email());
            view.put("username", ews.username());
            view.put("serverUrl", ews.serverUrl());
            view.put("authType", ews.authType().name().toLowerCase(Locale.ROOT));
            view.put("folderId", ews.folderId());
            view.put("passwordSet", true);
        } else if (c instanceof Connection.OAuth oauth) {
            view.put("calendarId", oauth.calendarId());
            view.put("expiresAt", oauth.expiresAt());
            view.put("refreshTokenSet", oauth.refreshToken() != null);
            if (c instanceof Connection.Clio clio) {
                view.put("region", clio.region().name().toLowerCase(Locale.ROOT));
            }
        }
        return Collections.unmodifiableMap(view);
    }
}
