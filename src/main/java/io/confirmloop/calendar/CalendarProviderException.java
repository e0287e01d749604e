package io.confirmloop.calendar;

import java.time.Duration;

/**
 * What can go wrong when talking to a calendar provider. Messages say what happened in words an
 * owner can act on; they never carry a credential.
 */
public class CalendarProviderException extends RuntimeException {

    protected CalendarProviderException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The provider is down, timed out, throttles (429) or failed (5xx): try again later; nothing changed. */
    public static class Unavailable extends CalendarProviderException {
        private final transient Duration retryAfter;

        public Unavailable(String message, Duration retryAfter, Throwable cause) {
            super(message, cause);
            this.retryAfter = retryAfter;
        }

        /** How long the provider asked us to wait (Retry-After), or null. */
        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** The credentials no longer work (401, revoked grant): the owner has to reconnect. */
    public static class Unauthorized extends CalendarProviderException {
        public Unauthorized(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The change cursor is too old (Google 410, an expired Graph delta link): read the whole window again. */
    public static class CursorExpired extends CalendarProviderException {
        public CursorExpired(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The event changed since the version we wrote against (ChangeKey, If-Match): read it again. */
    public static class VersionConflict extends CalendarProviderException {
        public VersionConflict(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The event does not exist (any more). */
    public static class NotFound extends CalendarProviderException {
        public NotFound(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The provider refused the request for another reason (400, 403…): retrying the same request will not help. */
    public static class Rejected extends CalendarProviderException {
        private final int status;

        public Rejected(String message, int status, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
