package io.confirmloop.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import io.confirmloop.support.ProviderServers;

/**
 * Google's OAuth 2 token endpoint ({@code POST /token}) and the grant it guards, for
 * {@link GoogleFake}: {@code grant_type=refresh_token} hands out a new access token,
 * {@code grant_type=authorization_code} trades a code the test issued (PKCE S256 checked when the
 * code was issued with a challenge). The client id and secret must be ours. A revoked grant answers
 * 400 {@code invalid_grant}, and its access tokens no longer work.
 */
final class GoogleFakeTokens {

    static final String SCOPE = "https://www.googleapis.com/auth/calendar";
    static final String FIRST_ACCESS_TOKEN = "ya29.a0AfB_byC-parkside-1";
    static final String FIRST_REFRESH_TOKEN = "1//04parkside-refresh";

    private final Set<String> validAccessTokens = new HashSet<>();
    private final Map<String, String> codes = new HashMap<>();
    private final Set<String> refreshTokens = new HashSet<>();
    private int issued;

    synchronized void reset() {
        validAccessTokens.clear();
        validAccessTokens.add(FIRST_ACCESS_TOKEN);
        refreshTokens.clear();
        refreshTokens.add(FIRST_REFRESH_TOKEN);
        codes.clear();
        issued = 1;
    }

    synchronized boolean accepts(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ") && validAccessTokens.contains(authorization.substring(7));
    }

    /** The access tokens handed out so far stop working (they expired); the refresh token still works. */
    synchronized void expireAccessTokens() {
        validAccessTokens.clear();
    }

    /** The owner removed our access in their Google account. */
    synchronized void revoke() {
        validAccessTokens.clear();
        refreshTokens.clear();
    }

    /** A code the consent screen handed to our redirect URL; {@code challenge} is the PKCE S256 challenge, or null. */
    synchronized void issueCode(String code, String challenge) {
        codes.put(code, challenge == null ? "" : challenge);
    }

    synchronized ResponseDefinition answer(Request request) {
        String type = request.getHeader("Content-Type");
        if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
            return GoogleFakeWire.oauthError(400, "invalid_request", "Invalid content type");
        }
        Map<String, String> form = GoogleFakeWire.params(request.getBodyAsString());
        if (!ProviderServers.CLIENT_ID.equals(form.get("client_id")) || !ProviderServers.CLIENT_SECRET.equals(form.get("client_secret"))) {
            return GoogleFakeWire.oauthError(401, "invalid_client", "The OAuth client was not found.");
        }
        String grant = form.getOrDefault("grant_type", "");
        return switch (grant) {
            case "refresh_token" -> refresh(form);
            case "authorization_code" -> code(form);
            default -> GoogleFakeWire.oauthError(400, "unsupported_grant_type", "Invalid grant_type: " + grant);
        };
    }

    private ResponseDefinition refresh(Map<String, String> form) {
        if (!refreshTokens.contains(form.get("refresh_token"))) {
            return GoogleFakeWire.oauthError(400, "invalid_grant", "Token has been expired or revoked.");
        }
        return tokens(false);
    }

    private ResponseDefinition code(Map<String, String> form) {
        String code = form.get("code");
        String challenge = code == null ? null : codes.remove(code);
        if (challenge == null || form.get("redirect_uri") == null) {
            return GoogleFakeWire.oauthError(400, "invalid_grant", "Bad Request");
        }
        if (!challenge.isEmpty() && !challenge.equals(s256(form.get("code_verifier")))) {
            return GoogleFakeWire.oauthError(400, "invalid_grant", "Invalid code verifier.");
        }
        return tokens(true);
    }

    private ResponseDefinition tokens(boolean withRefresh) {
        String access = "ya29.a0AfB_byC-parkside-" + (++issued);
        validAccessTokens.add(access);
        ObjectNode body = GoogleFakeWire.JSON.createObjectNode();
        body.put("access_token", access);
        body.put("expires_in", 3599);
        if (withRefresh) {
            String refresh = "1//04parkside-refresh-" + issued;
            refreshTokens.add(refresh);
            body.put("refresh_token", refresh);
        }
        body.put("scope", SCOPE);
        body.put("token_type", "Bearer");
        return GoogleFakeWire.json(200, body);
    }

    private static String s256(String verifier) {
        if (verifier == null) {
            return "";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
