package io.confirmloop.calendar;

import java.util.Map;

import io.confirmloop.system.SecretBox;
import org.springframework.stereotype.Component;

/**
 * The connection each calendar's provider needs, kept encrypted at rest: the whole connection is
 * sealed with AES-GCM ({@link SecretBox}) bound to the calendar's id, and only its public view
 * (settings, never a credential) is ever shown.
 */
@Component
class CalendarConnections {

    private final CalendarRepository calendars;
    private final ConnectionCodec codec;
    private final SecretBox box;

    CalendarConnections(CalendarRepository calendars, ConnectionCodec codec, SecretBox box) {
        this.calendars = calendars;
        this.codec = codec;
        this.box = box;
    }

    /** The calendar with its connection, to hand to its provider. */
    public CalendarAccess access(Calendar calendar) {
        return new CalendarAccess(calendar, connection(calendar));
    }

    Connection connection(Calendar calendar) {
        if (calendar.provider() == Provider.INTERNAL) {
            return new Connection.Internal();
        }
        String sealed = calendars.sealedConnection(calendar.id())
                .orElseThrow(() -> new IllegalStateException("Calendar " + calendar.id() + " has no stored connection"));
        return codec.fromJson(box.open(sealed, calendar.id()));
    }

    /** Stores the connection of a calendar, encrypted (in the caller's transaction). */
    void store(String calendarId, Connection connection) {
        calendars.storeSealedConnection(calendarId, connection instanceof Connection.Internal ? null
                : box.seal(codec.toJson(connection), calendarId));
    }

    /** What a GET shows of the connection: settings, and which credentials are set. */
    Map<String, Object> publicView(Calendar calendar) {
        if (calendar.provider() != Provider.INTERNAL && calendars.sealedConnection(calendar.id()).isEmpty()) {
            return Map.of("provider", calendar.provider().apiName(), "signedIn", false);
        }
        return codec.publicView(connection(calendar));
    }
}
