package io.confirmloop.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

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

/** The owner's appointments and calendars pages in headless Chromium: filter by status, open an appointment's log. */
class AppointmentsBrowserIT extends AbstractIT {

    private static final String OWNER = "rosa";
    private static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");
    private static final Instant START = Instant.parse("2026-12-02T15:00:00Z");

    @LocalServerPort
    int port;

    WebDriver browser;
    String calendarId;

    @BeforeEach
    void setUp() {
        setClock(NOW);
        owner(OWNER, "clinicAp");
        calendarId = calendar(OWNER, "Appointment row clinic");
        browser = Browser.signedIn(port, OWNER, PASSWORD);
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @Test
    void filteringByStatusAndOpeningAnAppointmentsLog() {
        event(OWNER, calendarId, "Check-up Lena +1 201-555-0248", START, START.plus(Duration.ofMinutes(30)));
        event(OWNER, calendarId, "Check-up Omar +1 201-555-0249", START.plus(Duration.ofHours(1)), START.plus(Duration.ofMinutes(90)));
        runDueJobs();
        reply(OWNER, "+12015550248", "C");
        runDueJobs();

        browser.get("http://localhost:" + port + "/appointments?calendar=" + calendarId + "&from=2026-12-01&to=2026-12-03&status=CONFIRMED");

        List<WebElement> appointments = waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("li.appointment"), 1));
        WebElement lena = appointments.get(0);
        assertThat(lena.findElement(By.className("item-title")).getText()).isEqualTo("Check-up Lena +1 201-555-0248");
        assertThat(browser.findElement(By.id("count")).getText()).isEqualTo("1 appointment from 2026-12-01 to 2026-12-03.");
        lena.findElement(By.className("open-log")).click();

        waiting().until(d -> !lena.findElements(By.cssSelector(".timeline li")).isEmpty());
        String log = lena.findElement(By.className("timeline")).getText();
        assertThat(log).contains("To +12015550248 by text", "From +12015550248 by text", "Confirmed via text");

        browser.get("http://localhost:" + port + "/calendars");
        By row = By.cssSelector("li.calendar[data-id='" + calendarId + "']");
        WebElement calendar = waiting().until(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(calendar.getText()).contains("Appointment row clinic", "Built-in");
        assertThat(calendar.findElement(By.className("last-synced")).getText()).isEqualTo("Edits are taken in as they are made");

        // the periodic reconcile (here: asked for) is what "last synced" tells
        post(OWNER, "/api/calendars/" + calendarId + "/sync", null);
        browser.navigate().refresh();
        assertThat(waiting().until(ExpectedConditions.visibilityOfElementLocated(row)).findElement(By.className("last-synced")).getText())
                .startsWith("Last synced");
    }
}
