package io.confirmloop.calendar;

import java.time.Instant;
import java.util.List;

/** Reads (and, where the settings ask, writes back to) one kind of calendar. */
public interface CalendarProvider {

    Provider provider();

    /** Events that overlap [from, to), recurring events expanded. */
    List<ProviderEvent> fetch(Calendar calendar, Instant from, Instant to);

    /** Replaces the event's description (used by "update appointment descriptions"). */
    void updateDescription(Calendar calendar, String eventId, String description);
}
