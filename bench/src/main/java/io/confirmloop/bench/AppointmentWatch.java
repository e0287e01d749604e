package io.confirmloop.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits until created events have become appointments (an appointment with at least one attendee
 * for the event id). The app may create them asynchronously, so this polls
 * {@code GET /api/appointments}, asking only about calendars that are not complete yet.
 */
final class AppointmentWatch {

    private final AppClient app;
    private final Instant from;
    private final Instant to;
    private final Map<String, Set<String>> pendingByCalendar = new ConcurrentHashMap<>();
    private volatile int expected;

    /** Events starting in [from, to) are looked for. */
    AppointmentWatch(AppClient app, Instant from, Instant to) {
        this.app = app;
        this.from = from;
        this.to = to;
    }

    /** Thread-safe: called by the threads that create the events. */
    void expect(String calendarId, String eventId) {
        pendingByCalendar.computeIfAbsent(calendarId, k -> ConcurrentHashMap.newKeySet()).add(eventId);
        synchronized (this) {
            expected++;
        }
    }

    int expected() {
        return expected;
    }

    int ready() {
        return expected - pendingByCalendar.values().stream().mapToInt(Set::size).sum();
    }

    /** Polls until every expected event is an appointment; false if the time ran out first. */
    boolean awaitAll(Duration timeout, Duration pollInterval) {
        if (timeout.isNegative() || timeout.isZero()) {
            return poll();
        }
        try {
            await("events become appointments").atMost(timeout).pollInterval(pollInterval).pollInSameThread().until(this::poll);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** One round over the incomplete calendars; true when nothing is pending any more. */
    private boolean poll() {
        for (Map.Entry<String, Set<String>> calendar : pendingByCalendar.entrySet()) {
            Set<String> pending = calendar.getValue();
            if (pending.isEmpty()) {
                continue;
            }
            for (JsonNode appointment : app.appointments(calendar.getKey(), from, to)) {
                if (appointment.path("attendees").size() > 0) {
                    pending.remove(appointment.path("eventId").asText());
                }
            }
        }
        return pendingByCalendar.values().stream().allMatch(Set::isEmpty);
    }
}
