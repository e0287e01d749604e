package io.confirmloop.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.confirmloop.support.AbstractIT;
import io.confirmloop.support.ProviderServer;
import io.confirmloop.support.ProviderServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Signing in to a provider with OAuth 2: the consent link (state, PKCE), the callback that trades
 * the code for tokens and keeps them encrypted, single-use state, a declined consent, and tokens
 * renewed before they expire — against the provider's token endpoint (WireMock).
 */
@Import(FakeRemoteCalendar.InContext.class)
class CalendarSignInIT extends AbstractIT {

    private static final String OWNER = "sam";
    private static final String NEW_ACCESS = "ya29.NEW-ACCESS-TOKEN-from-code";
    private static final String NEW_REFRESH = "1//NEW-REFRESH-TOKEN-from-code";
    private static final ProviderServer GOOGLE = ProviderServers.GOOGLE;

    @Autowired
    DataSource dataSource;
    @Autowired
    OAuthTokens tokens;
    @Autowired
    CalendarRepository calendars;
    @Autowired
    CalendarConnections connections;

    String calendarId;

    @BeforeEach
    void setUp() {
        setClock(Instant.parse("2026-12-01T15:00:00Z"));
        GOOGLE.reset();
        owner(OWNER, "clinicS");
        calendarId = googleCalendar(OWNER, "frontdesk@group.calendar.google.com", "ya29.OLD", "1//OLD-REFRESH");
    }

    private Map<String, String> query(String url) {
        return Arrays.stream(URI.create(url).getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    private String consentUrl() {
        return get(OWNER, "/api/calendars/" + calendarId + "/sign-in").get("url").asText();
    }

    private void tokenEndpointAnswers(int status, String body) {
        GOOGLE.wireMock().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/token")).atPriority(1)
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void theConsentLinkCarriesASingleUseStateAndAPkceChallenge() {
        Map<String, String> q = query(consentUrl());

        assertThat(consentUrl()).startsWith(GOOGLE.baseUrl() + "/o/oauth2/v2/auth?");
        assertThat(q).containsEntry("response_type", "code").containsEntry("client_id", ProviderServers.CLIENT_ID)
                .containsEntry("access_type", "offline").containsEntry("prompt", "consent").containsEntry("code_challenge_method", "S256")
                .containsKeys("state", "code_challenge", "scope");
        assertThat(q.get("redirect_uri")).endsWith("/oauth/callback");
        assertThat(q.get("state")).hasSizeGreaterThanOrEqualTo(40);

        ResponseEntity<String> redirect = rest.withBasicAuth(OWNER, PASSWORD).exchange("/api/calendars/" + calendarId + "/sign-in",
                HttpMethod.GET, new org.springframework.http.HttpEntity<>(htmlAccept()), String.class);
        assertThat(redirect.getStatusCode().value()).isEqualTo(302);
        assertThat(redirect.getHeaders().getLocation().toString()).startsWith(GOOGLE.baseUrl() + "/o/oauth2/v2/auth?");
    }

    private static org.springframework.http.HttpHeaders htmlAccept() {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setAccept(List.of(org.springframework.http.MediaType.TEXT_HTML));
        return headers;
    }

    @Test
    void theCallbackTradesTheCodeAndKeepsTheTokensEncrypted() throws Exception {
        Map<String, String> q = query(consentUrl());
        tokenEndpointAnswers(200, "{\"access_token\":\"" + NEW_ACCESS + "\",\"expires_in\":3599,\"refresh_token\":\"" + NEW_REFRESH
                + "\",\"scope\":\"https://www.googleapis.com/auth/calendar\",\"token_type\":\"Bearer\"}");

        ResponseEntity<String> page = rest.getForEntity("/oauth/callback?state=" + q.get("state") + "&code=4/0AQlEd8x-code", String.class);

        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getBody()).contains("Signed in").contains("Riverside");
        List<LoggedRequest> sent = GOOGLE.wireMock().findAll(postRequestedFor(urlPathEqualTo("/token")));
        assertThat(sent).singleElement().satisfies(r -> {
            Map<String, String> form = Arrays.stream(r.getBodyAsString().split("&")).map(p -> p.split("=", 2))
                    .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
            assertThat(form).containsEntry("grant_type", "authorization_code").containsEntry("code", "4/0AQlEd8x-code")
                    .containsEntry("client_id", ProviderServers.CLIENT_ID).containsEntry("client_secret", ProviderServers.CLIENT_SECRET);
            assertThat(OAuthConsents.challenge(form.get("code_verifier"))).as("the verifier matches the challenge")
                    .isEqualTo(q.get("code_challenge"));
        });
        Connection.OAuth stored = (Connection.OAuth) connections.connection(calendars.find(calendarId).orElseThrow());
        assertThat(stored.accessToken().reveal()).isEqualTo(NEW_ACCESS);
        assertThat(stored.refreshToken().reveal()).isEqualTo(NEW_REFRESH);
        assertThat(stored.calendarId()).as("the chosen calendar is kept").isEqualTo("frontdesk@group.calendar.google.com");
        assertThat(JdbcClient.create(dataSource).sql("select connection_secret from calendar where id = ?").param(calendarId)
                .query(String.class).single()).doesNotContain(NEW_ACCESS).doesNotContain(NEW_REFRESH);
        assertThat(JdbcClient.create(dataSource).sql("select count(*) from oauth_consent where state = ?").param(q.get("state"))
                .query(Integer.class).single()).as("the state is used up").isZero();

        ResponseEntity<String> again = rest.getForEntity("/oauth/callback?state=" + q.get("state") + "&code=4/0AQlEd8x-code", String.class);
        assertThat(again.getStatusCode().value()).isEqualTo(400);
        assertThat(again.getBody()).contains("already used or has expired");
    }

    @Test
    void aDeclinedConsentOrAForgedStateChangesNothing() {
        Map<String, String> q = query(consentUrl());

        ResponseEntity<String> declined = rest.getForEntity("/oauth/callback?state=" + q.get("state") + "&error=access_denied", String.class);
        assertThat(declined.getStatusCode().value()).isEqualTo(422);
        assertThat(declined.getBody()).contains("did not grant access").contains("access_denied");

        ResponseEntity<String> forged = rest.getForEntity("/oauth/callback?state=made-up-state&code=abc", String.class);
        assertThat(forged.getStatusCode().value()).isEqualTo(400);
        assertThat(GOOGLE.wireMock().findAll(postRequestedFor(urlPathEqualTo("/token")))).isEmpty();
        assertThat(((Connection.OAuth) connections.connection(calendars.find(calendarId).orElseThrow())).accessToken().reveal())
                .isEqualTo("ya29.OLD");
    }

    @Test
    void aTokenIsRenewedBeforeItExpiresAndARevokedGrantIsUnauthorized() {
        Calendar calendar = calendars.find(calendarId).orElseThrow();
        Connection.OAuth old = (Connection.OAuth) connections.connection(calendar);
        connections.store(calendarId, old.withTokens(old.accessToken(), null, Instant.parse("2026-12-01T15:03:00Z")));
        tokenEndpointAnswers(200, "{\"access_token\":\"ya29.RENEWED\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");

        String token = tokens.accessToken(connections.access(calendar), false);

        assertThat(token).isEqualTo("ya29.RENEWED");
        GOOGLE.wireMock().verify(postRequestedFor(urlPathEqualTo("/token")).withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=1%2F%2FOLD-REFRESH")));
        Connection.OAuth renewed = (Connection.OAuth) connections.connection(calendar);
        assertThat(renewed.refreshToken().reveal()).as("kept when none new is given").isEqualTo("1//OLD-REFRESH");
        assertThat(renewed.expiresAt()).isEqualTo(Instant.parse("2026-12-01T15:00:00Z").plus(Duration.ofSeconds(3599)));
        assertThat(tokens.accessToken(connections.access(calendar), false)).as("fresh: no second call").isEqualTo("ya29.RENEWED");
        assertThat(GOOGLE.wireMock().findAll(postRequestedFor(urlPathEqualTo("/token")))).hasSize(1);

        tokenEndpointAnswers(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}");
        assertThatThrownBy(() -> tokens.accessToken(connections.access(calendar), true))
                .isInstanceOf(CalendarProviderException.Unauthorized.class).hasMessageContaining("invalid_grant");
    }
}
