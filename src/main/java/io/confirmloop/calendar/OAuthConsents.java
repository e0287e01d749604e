package io.confirmloop.calendar;

import static io.confirmloop.system.Jdbc.instant;
import static io.confirmloop.system.Jdbc.ts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import io.confirmloop.calendar.Connection.ClioRegion;
import io.confirmloop.system.ApiException;
import io.confirmloop.system.AppClock;
import io.confirmloop.system.SecretBox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The OAuth 2 authorization-code flow for a calendar: a consent link with a single-use,
 * short-lived {@code state} (and a PKCE verifier, sealed at rest), and the callback that trades the
 * code for tokens, stores them encrypted on the calendar and says the owner signed in.
 */
@Component
class OAuthConsents {

    static final Duration LIFETIME = Duration.ofMinutes(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the callback did, for the page the owner's browser lands on. */
    public record Outcome(String calendarId, String calendarName, Provider provider) {
    }

    private final JdbcClient jdbc;
    private final CalendarRepository calendars;
    private final CalendarConnections connections;
    private final CalendarSignIns signIns;
    private final OAuthClient client;
    private final SecretBox box;
    private final TransactionTemplate tx;
    private final AppClock clock;

    OAuthConsents(JdbcClient jdbc, CalendarRepository calendars, CalendarConnections connections, CalendarSignIns signIns,
            OAuthClient client, SecretBox box, TransactionTemplate tx, AppClock clock) {
        this.jdbc = jdbc;
        this.calendars = calendars;
        this.connections = connections;
        this.signIns = signIns;
        this.client = client;
        this.box = box;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Where to send the owner to consent for {@code calendar}.
     *
     * @param region for Clio, where the account's data lives (null: the calendar's current region, or US)
     */
    public String consentUrl(Calendar calendar, String user, ClioRegion region) {
        Provider provider = calendar.provider();
        if (provider != Provider.GRAPH && provider != Provider.GOOGLE && provider != Provider.CLIO) {
            throw ApiException.unprocessable("NOT_OAUTH", ProviderHttp.label(provider) + " does not sign in with a consent page");
        }
        if (!client.configured(provider)) {
            throw ApiException.unprocessable("OAUTH_NOT_CONFIGURED", "This installation has no OAuth client for "
                    + ProviderHttp.label(provider) + ": an admin sets confirmloop." + provider.apiName() + ".client-id and client-secret");
        }
        ClioRegion clioRegion = provider != Provider.CLIO ? null : region != null ? region : currentRegion(calendar);
        String state = random(32);
        String verifier = OAuthClient.supportsPkce(provider) ? random(48) : null;
        Instant now = clock.now();
        jdbc.sql("delete from oauth_consent where expires_at < ?").param(ts(now)).update();
        jdbc.sql("""
                insert into oauth_consent (state, calendar_id, provider, code_verifier, clio_region, created_by, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(state, calendar.id(), provider.name(), verifier == null ? null : box.seal(verifier, state),
                        clioRegion == null ? null : clioRegion.name(), user, ts(now), ts(now.plus(LIFETIME)))
                .update();
        return client.authorizeUrl(provider, clioRegion, state, verifier == null ? null : challenge(verifier));
    }

    /** The provider sent the owner back with {@code code} (or {@code error}) for {@code state}. */
    public Outcome complete(String state, String code, String error) {
        Pending pending = take(state);
        Calendar calendar = calendars.find(pending.calendarId())
                .orElseThrow(() -> ApiException.notFound("Calendar", pending.calendarId()));
        if (error != null && !error.isBlank()) {
            throw ApiException.unprocessable("CONSENT_DECLINED", ProviderHttp.label(calendar.provider())
                    + " did not grant access (" + error + "): open the sign-in link from the task again to retry");
        }
        if (code == null || code.isBlank()) {
            throw ApiException.badRequest("MISSING_CODE", "The provider sent no authorization code");
        }
        OAuthClient.Tokens tokens;
        try {
            tokens = client.exchangeCode(calendar.provider(), pending.region(), code, pending.verifier());
        } catch (CalendarProviderException e) {
            throw ApiException.unprocessable("SIGN_IN_FAILED", e.getMessage());
        }
        Connection.OAuth signedIn = existing(calendar)
                .map(c -> c.withTokens(tokens.accessToken(), tokens.refreshToken(), tokens.expiresAt()))
                .orElseGet(() -> fresh(calendar.provider(), tokens, pending.region()));
        tx.executeWithoutResult(s -> {
            connections.store(calendar.id(), signedIn);
            signIns.signedIn(calendar.id());
        });
        return new Outcome(calendar.id(), calendar.name(), calendar.provider());
    }

    private record Pending(String calendarId, String verifier, ClioRegion region) {
    }

    private Pending take(String state) {
        if (state == null || state.isBlank() || state.length() > 64) {
            throw ApiException.badRequest("INVALID_STATE", "This sign-in answer does not belong to a sign-in we started");
        }
        return tx.execute(s -> {
            Optional<Pending> row = jdbc.sql("select * from oauth_consent where state = ?").param(state).query((rs, n) -> {
                if (instant(rs, "expires_at").isBefore(clock.now())) {
                    return null;
                }
                String sealed = rs.getString("code_verifier");
                String region = rs.getString("clio_region");
                return new Pending(rs.getString("calendar_id"), sealed == null ? null : box.open(sealed, state),
                        region == null ? null : ClioRegion.valueOf(region));
            }).optional();
            jdbc.sql("delete from oauth_consent where state = ?").param(state).update();
            return row.orElseThrow(() -> ApiException.badRequest("INVALID_STATE",
                    "This sign-in link was already used or has expired: open it again from the task"));
        });
    }

    private Optional<Connection.OAuth> existing(Calendar calendar) {
        if (calendars.sealedConnection(calendar.id()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(connections.connection(calendar)).filter(Connection.OAuth.class::isInstance).map(Connection.OAuth.class::cast);
    }

    private ClioRegion currentRegion(Calendar calendar) {
        return existing(calendar).filter(Connection.Clio.class::isInstance).map(c -> ((Connection.Clio) c).region()).orElse(ClioRegion.US);
    }

    private static Connection.OAuth fresh(Provider provider, OAuthClient.Tokens t, ClioRegion region) {
        return switch (provider) {
            case GRAPH -> new Connection.Graph(null, t.accessToken(), t.refreshToken(), t.expiresAt());
            case GOOGLE -> new Connection.Google(null, t.accessToken(), t.refreshToken(), t.expiresAt());
            case CLIO -> new Connection.Clio(null, t.accessToken(), t.refreshToken(), t.expiresAt(), region);
            default -> throw new IllegalArgumentException(provider + " does not sign in with OAuth");
        };
    }

    static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
