package io.confirmloop.calendar;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code confirmloop.sync.*}: how calendars are synced.
 *
 * @param interval     how often each active calendar is reconciled
 * @param lookahead    how far ahead the window of a provider calendar reaches
 * @param fullInterval how often a calendar with a change cursor is still read whole (a cursor's
 *                     window does not move by itself)
 * @param changeGrace  a change not taken in after this long is queued again by the next sync
 * @param verifyLimit  at most this many events a listing lacked are read alone per sync
 * @param pageSize     events per page when the built-in calendar's window is read
 */
@ConfigurationProperties("confirmloop.sync")
public record SyncSettings(
        @DefaultValue("PT2M") Duration interval,
        @DefaultValue("P14D") Duration lookahead,
        @DefaultValue("PT6H") Duration fullInterval,
        @DefaultValue("PT1M") Duration changeGrace,
        @DefaultValue("200") int verifyLimit,
        @DefaultValue("500") int pageSize) {
}
