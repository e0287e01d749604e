package io.confirmloop.calendar;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The seam between ConfirmLoop and one kind of calendar (built-in, Exchange, Microsoft 365, Google,
 * Clio). Every method may call a remote system: callers never hold a database transaction or
 * connection while they call one. Failures are {@link CalendarProviderException}s.
 */
public interface CalendarProvider {

    Provider provider();

    /**
     * True for the built-in calendar, whose events live in ConfirmLoop's own database: there is
     * nothing to read remotely, and its writes are ordinary database writes.
     */
    default boolean keepsEventsLocally() {
        return false;
    }

    /** The calendars of the connected account, for the owner to pick one. */
    List<ProviderCalendar> listCalendars(Connection connection);

    /**
     * One page of the events that overlap [from, to), recurring events expanded into occurrences,
     * cancelled events left out.
     *
     * @param pageToken null for the first page, else {@link WindowPage#nextPageToken()}
     */
    WindowPage readWindow(CalendarAccess calendar, Instant from, Instant to, String pageToken);

    /**
     * One page of the changes since {@code cursor}, where the provider has a change feed.
     *
     * @return empty if the provider has no change feed (then every sync reads the window)
     * @throws CalendarProviderException.CursorExpired if the cursor is too old
     */
    default Optional<ChangePage> changesSince(CalendarAccess calendar, String cursor, String pageToken) {
        return Optional.empty();
    }

    /** The event as it is now, or empty if it does not exist (any more). */
    Optional<ProviderEvent> read(CalendarAccess calendar, String eventId);

    ProviderEvent create(CalendarAccess calendar, NewEvent event);

    /** Moves the event to new times; everything else stays. */
    ProviderEvent move(CalendarAccess calendar, String eventId, Instant start, Instant end);

    void delete(CalendarAccess calendar, String eventId);

    /**
     * Replaces the event's description, only if the event is still at {@code expectedVersion}.
     *
     * @throws CalendarProviderException.VersionConflict if it changed since: read it again and retry
     */
    ProviderEvent updateDescription(CalendarAccess calendar, String eventId, String expectedVersion, String description);
}
