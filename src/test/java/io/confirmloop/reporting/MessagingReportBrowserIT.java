package io.confirmloop.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.confirmloop.support.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The report page in headless Chromium, signed in as the owner: the figures of the period, the
 * Chart.js chart with each day's texts (bars) and confirmation rate (line), the replies, and the
 * CSV link of what is shown.
 */
class MessagingReportBrowserIT extends MessagingReportScenario {

    @LocalServerPort
    int port;

    private WebDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void showsTheFiguresTheDailyChartAndTheReplies() {
        browser = Browser.signedIn(port, OWNER, PASSWORD);
        browser.get("http://localhost:" + port + "/report?calendarId=" + calendarId + "&" + PERIOD);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> ("2026-12-01/2026-12-02/" + calendarId)
                .equals(((JavascriptExecutor) d).executeScript("return document.body.dataset.loaded || ''")));
        JsonNode days = get(OWNER, "/api/reports/messaging?calendarId=" + calendarId + "&" + PERIOD).get("days");

        @SuppressWarnings("unchecked")
        Map<String, Object> chart = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript("""
                const c = Chart.getChart(document.getElementById('report-chart'));
                return {labels: c.data.labels, types: c.data.datasets.map(d => d.type),
                        sent: c.data.datasets[0].data, rate: c.data.datasets[1].data,
                        drawn: c.getDatasetMeta(0).data.length};""");
        assertThat(chart.get("labels")).isEqualTo(List.of("2026-12-01", "2026-12-02"));
        assertThat(chart.get("types")).isEqualTo(List.of("bar", "line"));
        assertThat((List<?>) chart.get("sent")).map(n -> ((Number) n).longValue())
                .containsExactly(days.get(0).get("sent").asLong(), days.get(1).get("sent").asLong());
        assertThat(days.get(0).get("sent").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(((List<?>) chart.get("rate")).get(0)).isEqualTo(20L);
        assertThat(((List<?>) chart.get("rate")).get(1)).isNull();
        assertThat(chart.get("drawn")).isEqualTo(2L);

        assertThat(figure("askedToConfirm")).isEqualTo("5");
        assertThat(figure("replies")).isEqualTo("4");
        assertThat(figure("confirmed")).isEqualTo("1");
        assertThat(figure("optOuts")).isEqualTo("1");
        assertThat(figure("noResponse")).isEqualTo("1");
        assertThat(figure("undelivered")).isEqualTo("1");
        assertThat(figure("confirmationRate")).isEqualTo("20 %");
        assertThat(figure("medianReplySeconds")).isEqualTo("25 min");

        List<WebElement> replies = browser.findElements(By.cssSelector("#replies tr"));
        assertThat(replies).hasSize(4);
        assertThat(replies.get(0).getText()).contains(STOP, "STOP", "Opt Out", "Opted Out");
        assertThat(replies.get(2).getText()).contains(NO, "No, I can't make it", "Decline", "Declined");
        assertThat(browser.findElement(By.id("csv-days")).getAttribute("href"))
                .contains("/api/reports/messaging?", "calendarId=" + calendarId, "from=2026-12-01", "to=2026-12-02", "format=csv");
    }

    private String figure(String name) {
        return browser.findElement(By.id("fig-" + name)).getText();
    }
}
