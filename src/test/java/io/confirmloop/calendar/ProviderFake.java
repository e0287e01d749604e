package io.confirmloop.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.confirmloop.support.ProviderServer;

/**
 * A calendar provider as its WireMock fake keeps it: what the owner does in the provider's own
 * calendar, and the faults the provider can show. Each provider's fake speaks that provider's
 * documented wire format, and the same {@link ProviderBehaviourSuite} runs against each.
 */
public interface ProviderFake {

    /** An event as the owner writes it in the provider's calendar. */
    record FakeEvent(String title, String description, Instant start, Instant end, ZoneId zone, boolean busy, boolean organizedByOwner,
            List<String> guests) {

        public static FakeEvent of(String title, Instant start, Duration length) {
            return new FakeEvent(title, "Bring the referral letter", start, start.plus(length), ZoneId.of("America/Chicago"), true, true,
                    List.of());
        }

        public FakeEvent free() {
            return new FakeEvent(title, description, start, end, zone, false, organizedByOwner, guests);
        }

        public FakeEvent invited() {
            return new FakeEvent(title, description, start, end, zone, busy, false, guests);
        }

        public FakeEvent in(ZoneId zone) {
            return new FakeEvent(title, description, start, end, zone, busy, organizedByOwner, guests);
        }

        /** The owner invited these people (by email address) to the event, besides a meeting room. */
        public FakeEvent withGuests(String... addresses) {
            return new FakeEvent(title, description, start, end, zone, busy, organizedByOwner, List.of(addresses));
        }
    }

    Provider provider();

    /** The server the fake answers on (for checking requests, and injecting faults). */
    ProviderServer server();

    /** No events, no faults, a valid grant; also resets the server's journal. */
    void reset();

    /** The {@code connection} a calendar of the fake's account is created with (POST /api/calendars). */
    Map<String, Object> connection();

    /** Adds an event; returns the provider's id of it. */
    String add(FakeEvent event);

    /** A recurring series: {@code count} occurrences, {@code every} apart, from the event's start; returns the series id. */
    String addSeries(FakeEvent first, int count, Duration every);

    void move(String eventId, Instant start, Instant end);

    void remove(String eventId);

    /** The description the provider holds for the event now (an occurrence's id works too). */
    String description(String eventId);

    /** Every API call answers this status (with Retry-After when not null) until {@link #clearFaults()}. */
    void failWith(int status, String retryAfterSeconds);

    void clearFaults();

    /** The grant is revoked: API calls answer 401 and refreshing answers invalid_grant. */
    void revokeGrant();

    /** Every change cursor handed out so far becomes too old. */
    void expireCursors();
}
