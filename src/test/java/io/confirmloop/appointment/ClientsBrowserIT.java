package io.confirmloop.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
 * The owner's clients and settings pages in a real browser (headless Chromium): finding a client
 * who texted STOP shows, in red, the number to text START to; switching texts off on the settings
 * page makes the next reminder skipped, and the client's page shows it and why.
 */
class ClientsBrowserIT extends AbstractIT {

    private static final String OWNER = "paula";
    private static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");
    private static final Instant START = Instant.parse("2026-12-02T15:00:00Z");

    @LocalServerPort
    int port;

    WebDriver browser;
    String calendarId;

    @BeforeEach
    void setUp() {
        setClock(NOW);
        owner(OWNER, "clinicPg");
        calendarId = calendar(OWNER, "Page street clinic");
        ok(call(OWNER, HttpMethod.PUT, "/api/settings/communication",
                Map.of("texts", Map.of("reminders", true))));
        browser = Browser.signedIn(port, OWNER, PASSWORD);
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    private WebElement visible(String id) {
        return Browser.visible(browser, id);
    }

    private void find(String q) {
        browser.get("http://localhost:" + port + "/clients");
        visible("q").sendKeys(q);
        browser.findElement(By.id("search")).click();
    }

    @Test
    void findingAClientWhoTextedStopShowsTheNumberToTextStartToInRed() {
        event(OWNER, calendarId, "Check-up Greta Holm +1 201-555-0245", START, START.plus(Duration.ofMinutes(30)));
        runDueJobs();
        String ourNumber = stream(get(OWNER, "/api/dev/sms/outbox")).filter(m -> m.get("to").asText().equals("+12015550245"))
                .findFirst().orElseThrow().get("from").asText();
        reply(OWNER, "+12015550245", "STOP");
        runDueJobs();

        find("Greta");

        WebElement optedOut = visible("opted-out");
        assertThat(optedOut.getText()).isEqualTo("Opted out of texts: the client texted STOP to " + ourNumber
                + ". To receive texts again, they text START to " + ourNumber + ".");
        assertThat(optedOut.getCssValue("color")).isEqualTo("rgba(180, 35, 24, 1)");
        assertThat(browser.findElement(By.id("client-h")).getText()).isEqualTo("+1 201-555-0245");
        // the log shows the request that went out and the STOP that came in
        List<WebElement> messages = browser.findElements(By.cssSelector("#client-log li.message"));
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1).getText()).contains("From the client by text", "STOP");
    }

    @Test
    void switchingTextsOffOnTheSettingsPageSkipsTheNextReminderAndTheClientPageSaysWhy() {
        browser.get("http://localhost:" + port + "/settings");
        WebElement reminders = new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.elementToBeClickable(By.id("texts-reminders")));
        assertThat(reminders.isSelected()).isTrue();
        reminders.click();
        browser.findElement(By.id("save")).click();
        assertThat(visible("done").getText()).isEqualTo("Saved. Switched off: confirmation requests and reminders by text.");
        assertThat(get(OWNER, "/api/settings/communication").at("/texts/reminders").asBoolean()).isFalse();

        event(OWNER, calendarId, "Cleaning Hugo Berg +1 201-555-0246", START, START.plus(Duration.ofMinutes(30)));
        runDueJobs();
        assertThat(textsTo(OWNER, "+12015550246")).isEmpty();

        find("201 555 0246");

        assertThat(visible("summary").getText()).isEqualTo("The last text, of Tue 1 Dec 10:00 (America/New_York), was not sent: "
                + "texts (reminders) switched off in account settings.");
        assertThat(browser.findElements(By.cssSelector("#blockers li"))).extracting(WebElement::getText)
                .containsExactly("Texts (reminders) are switched off in the account settings of clinicPg");
        WebElement skipped = browser.findElement(By.cssSelector("#client-log li.message[data-status='SKIPPED']"));
        assertThat(skipped.findElement(By.className("reason")).getText()).isEqualTo("texts (reminders) switched off in account settings");
        assertThat(browser.findElements(By.cssSelector("#client-log li.change"))).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).startsWith("Account settings: texts (reminders) switched off").contains("by " + OWNER));
    }
}
