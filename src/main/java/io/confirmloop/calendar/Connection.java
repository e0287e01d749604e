package io.confirmloop.calendar;

import java.time.Instant;
import java.util.Objects;

/**
 * How a calendar reaches its provider (DESIGN.md §3): one record per provider, credentials as
 * {@link Secret}s so that no {@code toString()} ever shows them.
 */
public sealed interface Connection {

    Provider provider();

    /** The built-in calendar: nothing to connect. */
    record Internal() implements Connection {
        public Provider provider() {
            return Provider.INTERNAL;
        }
    }

    /**
     * Exchange on-premises over EWS; no {@code serverUrl} means autodiscover from {@code email}; no
     * {@code folderId} means the mailbox's default calendar.
     */
    record Ews(String email, String username, Secret password, String serverUrl, EwsAuth authType, String folderId) implements Connection {
        public Ews {
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            authType = authType == null ? EwsAuth.BASIC : authType;
            folderId = folderId == null || folderId.isBlank() ? null : folderId;
        }

        public Ews(String email, String username, Secret password, String serverUrl, EwsAuth authType) {
            this(email, username, password, serverUrl, authType, null);
        }

        /** The same sign-in, reading the calendar folder {@code folderId} (null: the default calendar). */
        public Ews withFolderId(String folderId) {
            return new Ews(email, username, password, serverUrl, authType, folderId);
        }

        public Provider provider() {
            return Provider.EWS;
        }
    }

    /**
     * A provider reached with OAuth 2 tokens; {@code refreshToken} and {@code expiresAt} may be null.
     * {@code calendarId} is null between signing in and choosing the calendar (onboarding).
     */
    sealed interface OAuth extends Connection {
        String calendarId();

        Secret accessToken();

        Secret refreshToken();

        Instant expiresAt();

        /** The same connection with new tokens; a null refresh token keeps the current one. */
        OAuth withTokens(Secret accessToken, Secret refreshToken, Instant expiresAt);

        OAuth withCalendarId(String calendarId);
    }

    /** Microsoft 365 through Microsoft Graph. */
    record Graph(String calendarId, Secret accessToken, Secret refreshToken, Instant expiresAt) implements OAuth {
        public Graph {
            Objects.requireNonNull(accessToken, "accessToken");
        }

        public Provider provider() {
            return Provider.GRAPH;
        }

        public Graph withTokens(Secret accessToken, Secret refreshToken, Instant expiresAt) {
            return new Graph(calendarId, accessToken, refreshToken == null ? this.refreshToken : refreshToken, expiresAt);
        }

        public Graph withCalendarId(String calendarId) {
            return new Graph(calendarId, accessToken, refreshToken, expiresAt);
        }
    }

    /** Google Calendar. */
    record Google(String calendarId, Secret accessToken, Secret refreshToken, Instant expiresAt) implements OAuth {
        public Google {
            Objects.requireNonNull(accessToken, "accessToken");
        }

        public Provider provider() {
            return Provider.GOOGLE;
        }

        public Google withTokens(Secret accessToken, Secret refreshToken, Instant expiresAt) {
            return new Google(calendarId, accessToken, refreshToken == null ? this.refreshToken : refreshToken, expiresAt);
        }

        public Google withCalendarId(String calendarId) {
            return new Google(calendarId, accessToken, refreshToken, expiresAt);
        }
    }

    /** Clio, in the region that holds the account's data (US when not given). */
    record Clio(String calendarId, Secret accessToken, Secret refreshToken, Instant expiresAt, ClioRegion region)
            implements OAuth {
        public Clio {
            Objects.requireNonNull(accessToken, "accessToken");
            region = region == null ? ClioRegion.US : region;
        }

        public Provider provider() {
            return Provider.CLIO;
        }

        public Clio withTokens(Secret accessToken, Secret refreshToken, Instant expiresAt) {
            return new Clio(calendarId, accessToken, refreshToken == null ? this.refreshToken : refreshToken, expiresAt, region);
        }

        public Clio withCalendarId(String calendarId) {
            return new Clio(calendarId, accessToken, refreshToken, expiresAt, region);
        }
    }

    /** How EWS authenticates. */
    enum EwsAuth { BASIC, NTLM }

    /** Where a Clio account's data lives. */
    enum ClioRegion { US, EU, CA, AU }
}
