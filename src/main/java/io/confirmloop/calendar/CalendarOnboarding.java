package io.confirmloop.calendar;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.confirmloop.calendar.CalendarRepository.ConnectionState;
import io.confirmloop.system.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps of connecting a calendar (the onboarding process in Tasklist): register it, not yet
 * watched; sign in; choose the provider's calendar; confirm the time zone; activate. An unfinished
 * one is discarded.
 */
@Service
public class CalendarOnboarding {

    private final CalendarRepository calendars;
    private final CalendarConnections connections;
    private final CalendarCredentials credentials;
    private final CalendarService service;
    private final CalendarSync sync;

    CalendarOnboarding(CalendarRepository calendars, CalendarConnections connections, CalendarCredentials credentials,
            CalendarService service, CalendarSync sync) {
        this.sync = sync;
        this.calendars = calendars;
        this.connections = connections;
        this.credentials = credentials;
        this.service = service;
    }

    /** A new calendar of the account, switched off and not watched until it is activated. */
    @Transactional
    public Calendar register(String group, Provider provider, String name, String notificationEmail, ZoneId zone) {
        Calendar c = service.createUnconnected(group, provider, name, notificationEmail, zone);
        calendars.setConnectionState(c.id(), provider == Provider.INTERNAL ? ConnectionState.CONNECTED : ConnectionState.CONNECTING);
        return c;
    }

    /** The account's calendars, read from the provider. */
    public List<ProviderCalendar> providerCalendars(String calendarId) {
        return credentials.list(calendar(calendarId));
    }

    /** The owner's choice of the provider's calendar; its time zone, when the provider says, is the one proposed. */
    @Transactional
    public ZoneId choose(String calendarId, ProviderCalendar chosen) {
        Calendar c = calendar(calendarId);
        Connection connection = connections.connection(c);
        if (connection instanceof Connection.OAuth oauth) {
            connections.store(calendarId, oauth.withCalendarId(chosen.id()));
        } else if (connection instanceof Connection.Ews ews) {
            connections.store(calendarId, ews.withFolderId(chosen.primary() ? null : chosen.id()));
        }
        ZoneId zone = zoneOr(chosen.timeZone(), c.timeZone());
        calendars.update(with(c, zone, false));
        return zone;
    }

    /** The owner confirmed the time zone: the calendar is watched from now on. */
    @Transactional
    public Calendar activate(String calendarId, ZoneId zone) {
        Calendar c = calendar(calendarId);
        Calendar active = with(c, zone, true);
        calendars.update(active);
        calendars.setConnectionState(calendarId, ConnectionState.CONNECTED);
        return active;
    }

    @Transactional
    public Calendar changeZone(String calendarId, ZoneId zone) {
        Calendar c = calendar(calendarId);
        Calendar changed = with(c, zone, c.active());
        calendars.update(changed);
        return changed;
    }

    /** Reads the calendar from its provider now; the error, if it failed. */
    public Optional<String> syncNow(String calendarId) {
        CalendarSync.Result result = sync.syncNow(calendarId);
        return result.status() == CalendarSync.Result.Status.FAILED ? Optional.ofNullable(result.error()) : Optional.empty();
    }

    /** An onboarding that was given up: the calendar never became active, and goes. */
    @Transactional
    public void discard(String calendarId) {
        calendars.find(calendarId).filter(c -> !c.active()).ifPresent(c -> calendars.delete(c.id()));
    }

    public static Optional<ZoneId> zone(String value) {
        try {
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(ZoneId.of(value.trim()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static ZoneId zoneOr(String value, ZoneId fallback) {
        return zone(value).orElse(fallback);
    }

    private Calendar calendar(String id) {
        return calendars.find(id).orElseThrow(() -> ApiException.notFound("Calendar", id));
    }

    private static Calendar with(Calendar c, ZoneId zone, boolean active) {
        return new Calendar(c.id(), c.ownerGroup(), c.name(), c.businessName(), c.provider(), zone, c.region(), c.notificationEmail(),
                active, c.ownerEventsOnly(), c.updateDescriptions(), c.copyAppointments(), c.useForAvailability(), c.cancellationTexts(),
                c.ruleSet(), c.lastSyncedAt(), c.lastErrorAt(), c.lastError(), c.createdAt(), c.allEventsBusy());
    }
}
