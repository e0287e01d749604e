package io.confirmloop.calendar;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confirmloop.calendar.Connection.ClioRegion;
import io.confirmloop.system.AppClock;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * This application as an OAuth 2 client of Microsoft, Google and Clio (authorization code flow):
 * the consent URL, and the token endpoint through the {@code direct:oauth-token} route. PKCE (S256)
 * where the provider supports it (Microsoft, Google).
 */
@Component
public class OAuthClient {

    /** Tokens as a token endpoint hands them out; {@code refreshToken} is null when it keeps the old one. */
    public record Tokens(Secret accessToken, Secret refreshToken, Instant expiresAt) {
    }

    private static final String GRAPH_SCOPES = "offline_access User.Read Calendars.ReadWrite";
    private static final String GOOGLE_SCOPES = "https://www.googleapis.com/auth/calendar";

    private final ProviderEndpoints endpoints;
    private final ProducerTemplate camel;
    private final ObjectMapper json;
    private final AppClock clock;

    OAuthClient(ProviderEndpoints endpoints, ProducerTemplate camel, ObjectMapper json, AppClock clock) {
        this.endpoints = endpoints;
        this.camel = camel;
        this.json = json;
        this.clock = clock;
    }

    public static boolean supportsPkce(Provider provider) {
        return provider == Provider.GRAPH || provider == Provider.GOOGLE;
    }

    /** Whether the client id and secret of this provider are configured. */
    public boolean configured(Provider provider) {
        return switch (provider) {
            case GRAPH -> !endpoints.graph().clientId().isBlank();
            case GOOGLE -> !endpoints.google().clientId().isBlank();
            case CLIO -> !endpoints.clio().clientId().isBlank();
            default -> false;
        };
    }

    /** Where to send the owner's browser to consent. */
    public String authorizeUrl(Provider provider, ClioRegion region, String state, String codeChallenge) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", clientId(provider));
        q.put("redirect_uri", endpoints.redirectUri());
        q.put("state", state);
        String base = switch (provider) {
            case GRAPH -> {
                q.put("scope", GRAPH_SCOPES);
                q.put("response_mode", "query");
                q.put("prompt", "select_account");
                yield ProviderEndpoints.trim(endpoints.graph().loginUrl()) + "/" + endpoints.graph().tenant() + "/oauth2/v2.0/authorize";
            }
            case GOOGLE -> {
                q.put("scope", GOOGLE_SCOPES);
                // a refresh token every time, also when the account consented before
                q.put("access_type", "offline");
                q.put("prompt", "consent");
                q.put("include_granted_scopes", "true");
                yield endpoints.google().authorizeUrl();
            }
            case CLIO -> endpoints.clio().host(region) + "/oauth/authorize";
            default -> throw new IllegalArgumentException(provider + " does not sign in with OAuth");
        };
        if (codeChallenge != null) {
            q.put("code_challenge", codeChallenge);
            q.put("code_challenge_method", "S256");
        }
        return base + "?" + form(q);
    }

    /** Trades the code from the callback for tokens. */
    public Tokens exchangeCode(Provider provider, ClioRegion region, String code, String codeVerifier) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("code", code);
        f.put("redirect_uri", endpoints.redirectUri());
        if (codeVerifier != null) {
            f.put("code_verifier", codeVerifier);
        }
        return token(provider, region, f);
    }

    /** New tokens for a refresh token; a revoked or expired grant is {@link CalendarProviderException.Unauthorized}. */
    public Tokens refresh(Provider provider, ClioRegion region, Secret refreshToken) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "refresh_token");
        f.put("refresh_token", refreshToken.reveal());
        if (provider == Provider.GRAPH) {
            f.put("scope", GRAPH_SCOPES);
        }
        return token(provider, region, f);
    }

    private Tokens token(Provider provider, ClioRegion region, Map<String, String> form) {
        form.put("client_id", clientId(provider));
        form.put("client_secret", clientSecret(provider));
        String url = switch (provider) {
            case GRAPH -> ProviderEndpoints.trim(endpoints.graph().loginUrl()) + "/" + endpoints.graph().tenant() + "/oauth2/v2.0/token";
            case GOOGLE -> endpoints.google().tokenUrl();
            case CLIO -> endpoints.clio().host(region) + "/oauth/token";
            default -> throw new IllegalArgumentException(provider + " does not sign in with OAuth");
        };
        Exchange answer = camel.send("direct:oauth-token", ex -> {
            ex.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
            ex.getIn().setHeader(Exchange.HTTP_URI, url);
            ex.getIn().setHeader("Content-Type", "application/x-www-form-urlencoded");
            ex.getIn().setHeader("Accept", "application/json");
            ex.getIn().setBody(form(form));
        });
        String who = ProviderHttp.label(provider) + " sign-in";
        if (answer.getException() != null) {
            throw new CalendarProviderException.Unavailable(who + " could not be reached", null, null);
        }
        int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        JsonNode body = parse(answer.getMessage().getBody(String.class));
        if (status == 400 || status == 401) {
            // RFC 6749 §5.2: invalid_grant = the code or refresh token is invalid, expired or revoked
            String error = body.path("error").asText("");
            throw new CalendarProviderException.Unauthorized(who + " was refused (" + (error.isEmpty() ? status : error)
                    + "): reconnect the calendar", null);
        }
        if (status == 429 || status >= 500 || status == 0) {
            throw new CalendarProviderException.Unavailable(who + " answered " + status, null, null);
        }
        if (status < 200 || status >= 300 || !body.hasNonNull("access_token")) {
            throw new CalendarProviderException.Rejected(who + " answered " + status + " without an access token", status, null);
        }
        long expiresIn = body.path("expires_in").asLong(3600);
        return new Tokens(Secret.ofNullable(body.get("access_token").asText()), Secret.ofNullable(body.path("refresh_token").asText(null)),
                clock.now().plusSeconds(expiresIn));
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    private String clientId(Provider provider) {
        String id = switch (provider) {
            case GRAPH -> endpoints.graph().clientId();
            case GOOGLE -> endpoints.google().clientId();
            case CLIO -> endpoints.clio().clientId();
            default -> "";
        };
        if (id.isBlank()) {
            throw new CalendarProviderException.Rejected("No OAuth client is configured for " + ProviderHttp.label(provider)
                    + ": set confirmloop." + provider.apiName() + ".client-id and client-secret", 0, null);
        }
        return id;
    }

    private String clientSecret(Provider provider) {
        return switch (provider) {
            case GRAPH -> endpoints.graph().clientSecret();
            case GOOGLE -> endpoints.google().clientSecret();
            case CLIO -> endpoints.clio().clientSecret();
            default -> "";
        };
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
