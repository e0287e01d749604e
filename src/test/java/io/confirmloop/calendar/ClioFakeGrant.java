package io.confirmloop.calendar;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.confirmloop.support.ProviderServers;

/**
 * The OAuth grant of {@link ClioFake}'s account and Clio's token endpoint ({@code POST /oauth/token},
 * form-encoded): an authorization code issued by the owner's consent is good once for an access and
 * a refresh token; a refresh token gives a new access token (Clio keeps the refresh token); a revoked
 * grant answers {@code invalid_grant}. Errors in RFC 6749 §5.2's shape. Called under the fake's lock.
 */
final class ClioFakeGrant {

    static final int EXPIRES_IN = 604800;

    private final Set<String> codes = new HashSet<>();
    private int issued;
    private String accessToken;
    private String refreshToken;
    private boolean revoked;

    void reset() {
        codes.clear();
        accessToken = "clio-access-" + ++issued;
        refreshToken = "clio-refresh-" + issued;
        revoked = false;
    }

    String accessToken() {
        return accessToken;
    }

    String refreshToken() {
        return refreshToken;
    }

    void revoke() {
        revoked = true;
    }

    void issueCode(String code) {
        codes.add(code);
    }

    /** The access token expires: API calls with it answer 401 until it is refreshed. */
    void expireAccessToken() {
        accessToken = "clio-access-" + ++issued;
    }

    /** Whether an API call with this Authorization header is let in. */
    boolean admits(String authorization) {
        return !revoked && authorization != null && authorization.equals("Bearer " + accessToken);
    }

    /** The token endpoint's answer: status and JSON body. */
    Map.Entry<Integer, Map<String, Object>> token(Map<String, String> form) {
        if (!ProviderServers.CLIENT_ID.equals(form.get("client_id")) || !ProviderServers.CLIENT_SECRET.equals(form.get("client_secret"))) {
            return Map.entry(401, Map.of("error", "invalid_client", "error_description", "Client authentication failed."));
        }
        String grant = form.getOrDefault("grant_type", "");
        if (grant.equals("refresh_token") && !revoked && refreshToken.equals(form.get("refresh_token"))) {
            accessToken = "clio-access-" + ++issued;
            return Map.entry(200, Map.of("token_type", "bearer", "access_token", accessToken, "expires_in", EXPIRES_IN));
        }
        if (grant.equals("authorization_code") && form.containsKey("redirect_uri") && codes.remove(form.getOrDefault("code", ""))) {
            revoked = false;
            accessToken = "clio-access-" + ++issued;
            refreshToken = "clio-refresh-" + issued;
            return Map.entry(200, Map.of("token_type", "bearer", "access_token", accessToken, "expires_in", EXPIRES_IN,
                    "refresh_token", refreshToken));
        }
        if (!grant.equals("refresh_token") && !grant.equals("authorization_code")) {
            return Map.entry(400, Map.of("error", "unsupported_grant_type"));
        }
        return Map.entry(400, Map.of("error", "invalid_grant", "error_description",
                "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in "
                        + "the authorization request, or was issued to another client."));
    }
}
