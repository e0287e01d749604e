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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The built-in calendar page in a real browser whose own zone is not the calendar's: times are
 * entered and shown in the calendar's zone, an event that is no appointment says why and how to
 * fix it, and every action says what it did.
 */
class CalendarPageBrowserIT extends AbstractIT {

    private static final String OWNER = "quinn";

    @LocalServerPort
    int port;

    WebDriver browser;
    String calendarId;

    @BeforeEach
    void setUp() {
        setClock(Instant.parse("2026-12-01T15:00:00Z"));
        owner(OWNER, "clinicCp");
        calendarId = post(OWNER, "/api/calendars", Map.of("name", "Lakeview clinic", "provider", "internal",
                "timeZone", "America/Chicago")).get("id").asText();
        browser = Browser.signedIn(port, OWNER, PASSWORD);
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    private WebElement visible(String id) {
        return Browser.visible(browser, id);
    }

    private void add(String title, String localStart) {
        WebElement titleField = visible("event-title");
        titleField.clear();
        titleField.sendKeys(title);
        ((JavascriptExecutor) browser).executeScript("document.getElementById('event-start').value = arguments[0];"
                + "document.getElementById('event-duration').value = '30';", localStart);
        browser.findElement(By.id("event-add")).click();
    }

    @Test
    void timesAreTheCalendarsAndAnEventWithoutACompleteNumberSaysWhyItIsNoAppointment() {
        browser.get("http://localhost:" + port + "/calendar?calendar=" + calendarId);
        assertThat(visible("zone-label").getText()).isEqualTo("(calendar time, America/Chicago)");

        add("Check-up Ann 555-0199", "2026-12-02T10:00");

        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.findElement(By.id("done")).getText().startsWith("Added"));
        assertThat(browser.findElement(By.id("done")).getText()).contains("Added \"Check-up Ann 555-0199\"", "(America/Chicago)",
                "It is not an appointment: \u201c555-0199\u201d is not a complete phone number.");
        // 10:00 in Chicago, whatever the browser's own zone
        JsonNode event = get(OWNER, "/api/calendars/" + calendarId + "/events?from=2026-12-01T00:00:00Z").get(0);
        assertThat(event.get("start").asText()).isEqualTo("2026-12-02T10:00:00-06:00");
        WebElement reason = new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#events li.event .not-appointment")));
        assertThat(reason.getText()).startsWith("Not an appointment: \u201c555-0199\u201d is not a complete phone number. To fix: write it with its area code");

        add("Check-up Bo +1 201-555-0247", "2026-12-02T11:00");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.findElement(By.id("done")).getText().contains("Bo"));
        assertThat(browser.findElement(By.id("done")).getText()).endsWith("Its appointment follows in a moment.");
    }
}
