package io.confirmloop.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

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

/**
 * An owner connects an Exchange calendar in a real browser (headless Chromium): the onboarding's
 * sign-in task links to the Exchange page; a wrong password is refused with a clear message; the
 * right one is checked with the server (autodiscovered from the address), kept, and moves the
 * onboarding on to choosing the calendar.
 */
class ConnectExchangeBrowserIT extends AbstractIT {

    private static final String OWNER = "erin";
    private static final EwsFake EXCHANGE = new EwsFake();

    @LocalServerPort
    int port;

    WebDriver browser;

    @BeforeEach
    void setUp() {
        setClock(Instant.parse("2026-12-01T15:00:00Z"));
        EXCHANGE.reset();
        owner(OWNER, "clinicE");
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    private JsonNode openTask(String processInstanceId) {
        JsonNode tasks = engine(OWNER, HttpMethod.GET, "/task?processInstanceId=" + processInstanceId, null);
        assertThat(tasks).hasSize(1);
        return tasks.get(0);
    }

    private WebElement visible(String id) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private void connect(String password) {
        browser.findElement(By.id("email")).clear();
        browser.findElement(By.id("email")).sendKeys(EwsFake.EMAIL);
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(EwsFake.USERNAME);
        browser.findElement(By.id("password")).clear();
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("connect")).click();
    }

    @Test
    void anOwnerSignsInToExchangeOnItsPageAndTheOnboardingMovesOn() {
        String pi = engine(OWNER, HttpMethod.POST, "/process-definition/key/calendar-onboarding/submit-form", formVariables("provider", "ews",
                "calendarName", "Parkside Exchange", "notificationEmail", "desk@parkside.example")).get("id").asText();
        JsonNode signIn = openTask(pi);
        assertThat(signIn.get("name").asText()).isEqualTo("Sign in to Exchange for Parkside Exchange");
        String url = engine(OWNER, HttpMethod.GET, "/task/" + signIn.get("id").asText() + "/form-variables", null).get("signInUrl").get("value").asText();
        assertThat(url).contains("/connect-exchange.html?calendar=");
        String page = "http://localhost:" + port + url.substring(url.indexOf("/connect-exchange.html"));

        // the task's link asks to sign in first, then opens the page
        Browser.signIn(browser, page, OWNER, PASSWORD);
        connect("not-the-password");
        assertThat(visible("error").getText()).contains("Exchange refused the sign-in");

        connect(EwsFake.PASSWORD);
        assertThat(visible("done").getText()).startsWith("Connected: Exchange lists");
        assertThat(browser.findElement(By.id("password")).getAttribute("value")).as("the password leaves the page").isEmpty();

        runDueJobs();
        assertThat(openTask(pi).get("name").asText()).isEqualTo("Choose the calendar for Parkside Exchange");
        String calendarId = url.substring(url.indexOf("calendar=") + "calendar=".length());
        JsonNode calendar = get(OWNER, "/api/calendars/" + calendarId);
        assertThat(calendar.get("connection").get("email").asText()).isEqualTo(EwsFake.EMAIL);
        assertThat(calendar.toString()).doesNotContain(EwsFake.PASSWORD);
    }
}
