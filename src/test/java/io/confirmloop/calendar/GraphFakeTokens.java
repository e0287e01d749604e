package io.confirmloop.calendar;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import io.confirmloop.support.ProviderServers;

/**
 * The Microsoft identity platform's token endpoint ({@code POST /common/oauth2/v2.0/token}) of the
 * Graph fake: the client authenticates with its id and secret; a refresh token (rotated on every
 * use) or a one-time authorization code (with its PKCE verifier) gives an access token. Errors are
 * the platform's: {@code {"error":"invalid_grant","error_description":"AADSTS70000: …"}}.
 */
final class GraphFakeTokens {

    static final String SCOPE = "https://graph.microsoft.com/Calendars.ReadWrite https://graph.microsoft.com/User.Read";

    private final ObjectMapper json;
    private final Set<String> validAccessTokens = new HashSet<>();
    private final Map<String, String> codes = new HashMap<>();
    private String accessToken;
    private String refreshToken;
    private boolean revoked;

    GraphFakeTokens(ObjectMapper json) {
        this.json = json;
    }

    void reset() {
        validAccessTokens.clear();
        codes.clear();
        revoked = false;
        newTokens();
    }

    String accessToken() {
        return accessToken;
    }

    String refreshToken() {
        return refreshToken;
    }

    boolean accepts(String token) {
        return validAccessTokens.contains(token);
    }

    void revoke() {
        revoked = true;
        validAccessTokens.clear();
    }

    void expireAccessTokens() {
        validAccessTokens.clear();
    }

    void issueCode(String code, String challenge) {
        codes.put(code, challenge == null ? "" : challenge);
    }

    ResponseDefinition answer(Request request) {
        String type = request.getHeader("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            return error(400, "invalid_request", 900144, "AADSTS900144: The request body must contain the following parameter: 'grant_type'.");
        }
        Map<String, String> form = form(request.getBodyAsString());
        if (!ProviderServers.CLIENT_ID.equals(form.get("client_id"))) {
            return error(400, "unauthorized_client", 700016, "AADSTS700016: Application with identifier '" + form.get("client_id")
                    + "' was not found in the directory.");
        }
        if (!ProviderServers.CLIENT_SECRET.equals(form.get("client_secret"))) {
            return error(401, "invalid_client", 7000215, "AADSTS7000215: Invalid client secret provided.");
        }
        String grant = form.getOrDefault("grant_type", "");
        if (grant.equals("refresh_token")) {
            if (revoked || !refreshToken.equals(form.get("refresh_token"))) {
                return error(400, "invalid_grant", 70000,
                        "AADSTS70000: The provided value for the 'refresh_token' is not valid. The grant is revoked or has expired.");
            }
            return tokens(form);
        }
        if (grant.equals("authorization_code")) {
            String challenge = codes.remove(form.getOrDefault("code", ""));
            if (challenge == null) {
                return error(400, "invalid_grant", 70000, "AADSTS70000: The provided value for the 'code' parameter is not valid.");
            }
            if (form.get("redirect_uri") == null) {
                return error(400, "invalid_request", 900144,
                        "AADSTS900144: The request body must contain the following parameter: 'redirect_uri'.");
            }
            if (!challenge.isEmpty() && !challenge.equals(s256(form.getOrDefault("code_verifier", "")))) {
                return error(400, "invalid_grant", 501481,
                        "AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request.");
            }
            revoked = false;
            return tokens(form);
        }
        return error(400, "unsupported_grant_type", 70003, "AADSTS70003: The app requested an unsupported grant type '" + grant + "'.");
    }

    private ResponseDefinition tokens(Map<String, String> form) {
        newTokens();
        ObjectNode body = json.createObjectNode();
        body.put("token_type", "Bearer");
        body.put("scope", form.getOrDefault("scope", SCOPE));
        body.put("expires_in", 3599);
        body.put("ext_expires_in", 3599);
        body.put("access_token", accessToken);
        body.put("refresh_token", refreshToken);
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("Cache-Control", "no-store, no-cache").withBody(body.toString()).build();
    }

    private void newTokens() {
        accessToken = "eyJ0eXAiOiJKV1QiLCJub25jZSI6Ik" + UUID.randomUUID().toString().replace("-", "");
        refreshToken = "0.AXEA" + UUID.randomUUID().toString().replace("-", "");
        validAccessTokens.add(accessToken);
    }

    private ResponseDefinition error(int status, String error, int code, String description) {
        ObjectNode body = json.createObjectNode();
        body.put("error", error);
        body.put("error_description", description + "\r\nTrace ID: " + UUID.randomUUID() + "\r\nTimestamp: " + Instant.now());
        body.putArray("error_codes").add(code);
        body.put("timestamp", Instant.now().toString());
        body.put("trace_id", UUID.randomUUID().toString());
        body.put("correlation_id", UUID.randomUUID().toString());
        body.put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body.toString()).build();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : (body == null ? "" : body).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
