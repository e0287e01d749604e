package io.confirmloop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.confirmloop.support.AbstractIT;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One sign-in for people, Basic for programs: the pages send a stranger to the sign-in page, the
 * sign-in gives a session (SameSite=Lax) that the pages' API calls ride on, and the API still
 * answers a program with Basic and a JSON 401 (never a redirect, never a session).
 */
class OneSignInIT extends AbstractIT {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    @Test
    void pagesAskForTheSignInAndItsSessionCarriesTheApiCalls() throws Exception {
        owner("uma", "clinicSi");

        HttpResponse<String> page = send(to("/clients"));
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(send(to("/camunda/app/tasklist/default/")).statusCode()).isEqualTo(302);
        assertThat(send(to("/login")).body()).contains("One sign-in for ConfirmLoop's pages, Tasklist and Cockpit");
        // the clients' booking page stays public
        assertThat(send(to("/assets/app.css")).statusCode()).isEqualTo(200);

        HttpResponse<String> wrong = send(to("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=nobody-here&password=nope")));
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");

        HttpResponse<String> signedIn = send(to("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=uma&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8))));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String cookie = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Lax");
        String session = cookie.substring(0, cookie.indexOf(';'));

        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        assertThat(send(to("/clients").header("Cookie", session)).statusCode()).isEqualTo(200);
        assertThat(send(to("/api/calendars").header("Cookie", session)).statusCode()).isEqualTo(200);
        assertThat(send(to("/api/settings/communication").header("Cookie", session)).body()).contains("\"ownerGroup\":\"clinicSi\"");
        // a page's call whose session has lapsed gets no Basic prompt; a program's does
        HttpResponse<String> lapsed = send(to("/api/calendars").header("X-Requested-With", "XMLHttpRequest"));
        assertThat(lapsed.statusCode()).isEqualTo(401);
        assertThat(lapsed.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(send(to("/api/calendars")).headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"ConfirmLoop\"");

        assertThat(send(to("/logout").header("Cookie", session)).headers().firstValue("Location").orElseThrow()).endsWith("/login?signedOut");
        assertThat(send(to("/clients").header("Cookie", session)).statusCode()).isEqualTo(302);
    }

    @Test
    void theApiStaysBasicForPrograms() throws Exception {
        owner("vic", "clinicSi2");

        HttpResponse<String> anonymous = send(to("/api/calendars"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"error\":\"UNAUTHORIZED\"");

        String basic = "Basic " + Base64.getEncoder().encodeToString(("vic:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> program = send(to("/api/calendars").header("Authorization", basic));
        assertThat(program.statusCode()).isEqualTo(200);
        assertThat(program.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID="));
    }
}
