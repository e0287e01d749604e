package io.confirmloop.calendar;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import io.confirmloop.system.AppClock;
import org.springframework.integration.support.locks.LockRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A calendar's access token, refreshed a few minutes before it expires (or when the provider
 * refused it). The connection is read from the database each time, so that a token another node
 * refreshed is used; a refresh runs under a cluster lock per calendar, so one node refreshes, and
 * its result is stored, encrypted, at once (a provider may rotate the refresh token).
 */
@Component
class OAuthTokens {

    static final Duration EARLY = Duration.ofMinutes(5);

    private final CalendarConnections connections;
    private final OAuthClient client;
    private final LockRegistry locks;
    private final TransactionTemplate tx;
    private final AppClock clock;

    OAuthTokens(CalendarConnections connections, OAuthClient client, LockRegistry locks, TransactionTemplate tx, AppClock clock) {
        this.connections = connections;
        this.client = client;
        this.locks = locks;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * @param refused true when the provider just refused the current token (401): refresh whatever
     *                its expiry says
     */
    String accessToken(CalendarAccess access, boolean refused) {
        Connection.OAuth current = current(access);
        if (!refused && fresh(current)) {
            return current.accessToken().reveal();
        }
        if (current.refreshToken() == null) {
            if (refused || current.expiresAt() != null && !current.expiresAt().isAfter(clock.now())) {
                throw new CalendarProviderException.Unauthorized(ProviderHttp.label(access.calendar().provider())
                        + " sign-in has expired and cannot be renewed: reconnect the calendar", null);
            }
            return current.accessToken().reveal();
        }
        Lock lock = locks.obtain("oauth-refresh:" + access.calendar().id());
        try {
            if (!lock.tryLock(30, TimeUnit.SECONDS)) {
                throw new CalendarProviderException.Unavailable("Another node is renewing the sign-in; try again", Duration.ofSeconds(5), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CalendarProviderException.Unavailable("Interrupted while renewing the sign-in", null, e);
        }
        try {
            Connection.OAuth now = current(access);
            if (!now.accessToken().equals(current.accessToken()) && fresh(now)) {
                return now.accessToken().reveal(); // another node renewed it meanwhile
            }
            OAuthClient.Tokens tokens = client.refresh(access.calendar().provider(),
                    now instanceof Connection.Clio clio ? clio.region() : null, now.refreshToken());
            Connection.OAuth renewed = now.withTokens(tokens.accessToken(), tokens.refreshToken(), tokens.expiresAt());
            tx.executeWithoutResult(s -> connections.store(access.calendar().id(), renewed));
            return renewed.accessToken().reveal();
        } finally {
            lock.unlock();
        }
    }

    private Connection.OAuth current(CalendarAccess access) {
        Connection stored = connections.connection(access.calendar());
        if (!(stored instanceof Connection.OAuth oauth)) {
            throw new IllegalStateException("Calendar " + access.calendar().id() + " does not sign in with OAuth");
        }
        return oauth;
    }

    private boolean fresh(Connection.OAuth c) {
        return c.expiresAt() == null || c.expiresAt().isAfter(clock.now().plus(EARLY));
    }
}
