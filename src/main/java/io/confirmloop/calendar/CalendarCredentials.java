package io.confirmloop.calendar;

import java.util.List;
import java.util.Map;

import io.confirmloop.calendar.CalendarRepository.ConnectionState;
import io.confirmloop.system.ApiException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * New credentials for a calendar, checked with the provider (by listing the account's calendars,
 * outside any transaction) before they are kept, encrypted. Keeping them resumes a calendar that
 * was paused for its sign-in, and moves an onboarding on.
 */
@Component
class CalendarCredentials {

    private final CalendarRepository calendars;
    private final CalendarConnections connections;
    private final ConnectionCodec codec;
    private final CalendarProviders providers;
    private final CalendarSignIns signIns;
    private final TransactionTemplate tx;

    CalendarCredentials(CalendarRepository calendars, CalendarConnections connections, ConnectionCodec codec, CalendarProviders providers,
            CalendarSignIns signIns, TransactionTemplate tx) {
        this.calendars = calendars;
        this.connections = connections;
        this.codec = codec;
        this.providers = providers;
        this.signIns = signIns;
        this.tx = tx;
    }

    List<ProviderCalendar> connect(Calendar calendar, Map<String, Object> input) {
        if (calendar.provider() == Provider.INTERNAL) {
            throw ApiException.badRequest("NO_CONNECTION", "The built-in calendar has nothing to connect");
        }
        if (input == null || input.isEmpty()) {
            throw ApiException.badRequest("MALFORMED_REQUEST", "A JSON body with the connection settings is required");
        }
        Connection connection = calendars.sealedConnection(calendar.id()).isPresent()
                ? codec.merge(connections.connection(calendar), input)
                : codec.fromInput(calendar.provider(), input);
        List<ProviderCalendar> found = check(calendar, connection);
        tx.executeWithoutResult(s -> {
            connections.store(calendar.id(), connection);
            signIns.signedIn(calendar.id());
        });
        return found;
    }

    List<ProviderCalendar> list(Calendar calendar) {
        if (calendar.provider() == Provider.INTERNAL) {
            return List.of(new ProviderCalendar(calendar.id(), calendar.name(), calendar.timeZone().getId(), true, true));
        }
        if (calendars.sealedConnection(calendar.id()).isEmpty()) {
            throw ApiException.unprocessable("NOT_SIGNED_IN", "Sign in to the calendar's provider first");
        }
        return check(calendar, connections.connection(calendar));
    }

    ConnectionState state(String calendarId) {
        return signIns.state(calendarId);
    }

    /** The account's calendars with these credentials; a clear 422 when they do not work. */
    private List<ProviderCalendar> check(Calendar calendar, Connection connection) {
        String who = ProviderHttp.label(calendar.provider());
        try {
            return providers.of(calendar).listCalendars(connection);
        } catch (CalendarProviderException.Unauthorized e) {
            throw ApiException.unprocessable("SIGN_IN_FAILED", who + " refused the sign-in: check the user name and password"
                    + (calendar.provider() == Provider.EWS ? " (for NTLM, try DOMAIN\\user or user@domain)" : ", or sign in again"));
        } catch (CalendarProviderException.Unavailable e) {
            throw ApiException.unprocessable("PROVIDER_UNAVAILABLE", e.getMessage()
                    + (calendar.provider() == Provider.EWS ? ": check the address, or give the server URL yourself (manual settings)" : ""));
        } catch (CalendarProviderException e) {
            throw ApiException.unprocessable("CONNECTION_FAILED", e.getMessage());
        }
    }
}
