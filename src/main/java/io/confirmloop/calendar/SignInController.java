package io.confirmloop.calendar;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.confirmloop.calendar.Connection.ClioRegion;
import io.confirmloop.system.ApiException;
import io.confirmloop.system.CurrentAccount;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Signing in to a calendar's provider: the consent link of Microsoft, Google and Clio and the
 * callback they send the owner back to, and the credentials of an Exchange server, checked before
 * they are kept. A calendar that was paused for its sign-in resumes.
 */
@RestController
class SignInController {

    private final CalendarService calendars;
    private final OAuthConsents consents;
    private final CalendarCredentials credentials;
    private final CurrentAccount account;

    SignInController(CalendarService calendars, OAuthConsents consents, CalendarCredentials credentials, CurrentAccount account) {
        this.calendars = calendars;
        this.consents = consents;
        this.credentials = credentials;
        this.account = account;
    }

    /** Sends the owner's browser to the provider's consent page. */
    @GetMapping("/api/calendars/{id}/sign-in")
    ResponseEntity<Void> signIn(@PathVariable String id, @RequestParam(required = false) String region) {
        Calendar calendar = calendars.visible(id);
        String url = consents.consentUrl(calendar, account.userId(), region == null || region.isBlank() ? null : clioRegion(region));
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(url)).build();
    }

    /** The consent link as JSON, for pages and programs that open it themselves. */
    @GetMapping(value = "/api/calendars/{id}/sign-in", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> signInLink(@PathVariable String id, @RequestParam(required = false) String region) {
        Calendar calendar = calendars.visible(id);
        return Map.of("calendarId", id, "url",
                consents.consentUrl(calendar, account.userId(), region == null || region.isBlank() ? null : clioRegion(region)));
    }

    /** Where Microsoft, Google and Clio send the owner back: a page that says what happened. */
    @GetMapping(value = ProviderEndpoints.CALLBACK_PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> callback(@RequestParam(required = false) String state, @RequestParam(required = false) String code,
            @RequestParam(required = false) String error) {
        try {
            OAuthConsents.Outcome done = consents.complete(state, code, error);
            return ResponseEntity.ok(page("Signed in", "ConfirmLoop can now read <b>" + HtmlUtils.htmlEscape(done.calendarName())
                    + "</b> at " + ProviderHttp.label(done.provider()) + ". Return to Tasklist to go on."));
        } catch (ApiException e) {
            return ResponseEntity.status(e.status()).body(page("Not signed in", HtmlUtils.htmlEscape(e.getMessage())));
        }
    }

    /**
     * New credentials for a calendar (an Exchange server's sign-in; an admin may also give OAuth
     * tokens). They are checked by listing the account's calendars before they are kept.
     */
    @PutMapping("/api/calendars/{id}/connection")
    Map<String, Object> connect(@PathVariable String id, @RequestBody(required = false) Map<String, Object> connection) {
        Calendar calendar = calendars.visible(id);
        List<ProviderCalendar> found = credentials.connect(calendar, connection);
        return Map.of("calendarId", id, "connectionState", credentials.state(id).name(), "calendars", found);
    }

    /** The calendars of the connected account, for the owner to pick one. */
    @GetMapping("/api/calendars/{id}/provider-calendars")
    List<ProviderCalendar> providerCalendars(@PathVariable String id) {
        return credentials.list(calendars.visible(id));
    }

    private static ClioRegion clioRegion(String value) {
        try {
            return ClioRegion.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_REGION", "region must be one of us, eu, ca, au");
        }
    }

    private static String page(String title, String html) {
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · ConfirmLoop</title><link rel="stylesheet" href="/assets/app.css"></head>
                <body><main class="wrap"><h1>%s</h1><p>%s</p><p><a href="/camunda/app/tasklist/">Open Tasklist</a></p></main></body></html>
                """.formatted(title, title, html);
    }
}
