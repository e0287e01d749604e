package io.confirmloop.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import io.confirmloop.support.AbstractIT;
import io.confirmloop.support.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Tasks as an owner sees them in Tasklist (headless Chromium), signed in once on ConfirmLoop's
 * sign-in page: the sign-in task's Camunda Form renders the provider, the hint and a working link to
 * the consent page; a call task links to the client's page and shows the appointment's log.
 * It runs in an application context of its own, started for it: the Camunda webapp's filters keep
 * the Spring context they were first set up with in a JVM-wide field, and a shared context that
 * outlived another test class's context can serve Tasklist with a closed one (500 for every page).
 */
@TestPropertySource(properties = "confirmloop.test.context=tasklist")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SignInTaskBrowserIT extends AbstractIT {

    private static final String OWNER = "tess";

    @LocalServerPort
    int port;

    WebDriver browser;

    @BeforeEach
    void setUp() {
        setClock(Instant.parse("2026-12-01T15:00:00Z"));
        owner(OWNER, "clinicT");
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    private WebElement visible(By by) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.visibilityOfElementLocated(by));
        } catch (org.openqa.selenium.TimeoutException e) {
            String page = browser.getPageSource();
            throw new AssertionError("Not shown: " + by + " at " + browser.getCurrentUrl() + "; the page: "
                    + page.substring(0, Math.min(page.length(), 3000)), e);
        }
    }

    @Test
    void theSignInTaskShowsTheConsentLink() {
        String pi = engine(OWNER, HttpMethod.POST, "/process-definition/key/calendar-onboarding/submit-form", formVariables("provider", "google",
                "calendarName", "Front desk", "notificationEmail", "desk@tess.example"))
                .get("id").asText();
        JsonNode task = engine(OWNER, HttpMethod.GET, "/task?processInstanceId=" + pi, null).get(0);
        String signInUrl = engine(OWNER, HttpMethod.GET, "/task/" + task.get("id").asText() + "/form-variables", null)
                .get("signInUrl").get("value").asText();

        String tasklist = "http://localhost:" + port + "/camunda/app/tasklist/default/";
        // one sign-in: Tasklist sends the owner to ConfirmLoop's sign-in page and takes the user from there
        Browser.signIn(browser, tasklist, OWNER, PASSWORD);
        visible(By.cssSelector(".tasks-list, [cam-tasks]"));
        browser.get(tasklist + "#/?task=" + task.get("id").asText());

        WebElement link = visible(By.linkText("Open the sign-in page"));
        assertThat(link.getAttribute("href")).isEqualTo(signInUrl);
        assertThat(visible(By.cssSelector(".fjs-container")).getText()).contains("Sign in to Google Calendar")
                .contains("Google asks you to sign in");
    }

    @Test
    void aCallTaskLinksToTheClientsPageAndShowsTheLog() {
        String calendarId = calendar(OWNER, "Call lane clinic");
        Instant start = Instant.parse("2026-12-02T15:00:00Z");
        String eventId = event(OWNER, calendarId, "Consultation Ida +1 201-555-0250", start, start.plus(Duration.ofMinutes(30)));
        runDueJobs();
        setClock(start.minus(Duration.ofHours(2)));
        runDueJobs();
        String appointmentId = appointmentOfEvent(OWNER, calendarId, eventId).get("id").asText();
        // this test's own application context shares the database with the others: whichever engine takes the deadline's job
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            runDueJobs();
            return engine(OWNER, HttpMethod.GET, "/task?processInstanceBusinessKey=" + appointmentId, null).size() == 1;
        });
        JsonNode task = engine(OWNER, HttpMethod.GET, "/task?processInstanceBusinessKey=" + appointmentId, null).get(0);
        assertThat(task.get("name").asText()).startsWith("Call Consultation Ida");

        String tasklist = "http://localhost:" + port + "/camunda/app/tasklist/default/";
        Browser.signIn(browser, tasklist, OWNER, PASSWORD);
        visible(By.cssSelector(".tasks-list, [cam-tasks]"));
        browser.get(tasklist + "#/?task=" + task.get("id").asText());

        WebElement link = visible(By.linkText("Open the client's page"));
        assertThat(link.getAttribute("href")).isEqualTo("http://localhost:" + port + "/clients#+12015550250");
        assertThat(visible(By.cssSelector(".fjs-container textarea")).getAttribute("value"))
                .contains("Log:", "Sent text confirmation", "No reply by the deadline: call the client");
    }
}
