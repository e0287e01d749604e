package io.confirmloop.calendar;

import java.time.Duration;
import java.time.Instant;

import io.confirmloop.calendar.CalendarRepository.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where a calendar's sign-in stands, and what a provider's refusal or throttling does to it. A
 * refused sign-in pauses the calendar (no reads, no writes; known appointments keep their
 * reminders) and is published once, so the owner hears of it once; signing in again resumes it.
 */
@Component
public class CalendarSignIns {

    private static final Logger log = LoggerFactory.getLogger(CalendarSignIns.class);
    /** A provider asking us to wait longer than this is asked again after this long. */
    static final Duration MAX_WAIT = Duration.ofHours(1);

    private final CalendarRepository calendars;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    CalendarSignIns(CalendarRepository calendars, ApplicationEventPublisher events, TransactionTemplate tx) {
        this.calendars = calendars;
        this.events = events;
        this.tx = tx;
    }

    /** The provider refused the sign-in: pause the calendar and tell the owner (once). */
    void refused(Calendar calendar, String reason, Instant at) {
        tx.executeWithoutResult(s -> {
            calendars.markSyncFailed(calendar.id(), at, reason);
            if (calendars.changeConnectionState(calendar.id(), ConnectionState.CONNECTED, ConnectionState.RECONNECT)) {
                log.warn("Calendar {} is paused until its owner reconnects it: {}", calendar.id(), reason);
                events.publishEvent(new CalendarEvents.SignInRefused(calendar.id(), reason));
            }
        });
    }

    /** The provider is throttling or down and asked us to wait: the scheduled sync leaves the calendar alone until then. */
    void backOff(Calendar calendar, Duration retryAfter, Instant now) {
        if (retryAfter != null && !retryAfter.isNegative() && !retryAfter.isZero()) {
            calendars.syncNotBefore(calendar.id(), now.plus(retryAfter.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : retryAfter));
        }
    }

    /** The owner signed in (again): the calendar is read from now on. Call in a transaction. */
    public void signedIn(String calendarId) {
        if (calendars.changeConnectionState(calendarId, ConnectionState.RECONNECT, ConnectionState.CONNECTED)) {
            log.info("Calendar {} is reconnected", calendarId);
        }
        events.publishEvent(new CalendarEvents.SignedIn(calendarId));
    }

    public ConnectionState state(String calendarId) {
        return calendars.connectionState(calendarId);
    }
}
