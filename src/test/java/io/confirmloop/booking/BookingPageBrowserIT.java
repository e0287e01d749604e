package io.confirmloop.booking;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.confirmloop.support.AbstractIT;
import io.confirmloop.support.Browser;
import io.confirmloop.system.Ids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

/**
 * A client books on the owner's link {@code /book/{calendarId}} in headless Chromium: free times in
 * the calendar's zone, a booking that lands in the built-in calendar, each rule's refusal in the
 * rule's own words, a time taken behind the page's back, booking switched off, and a phone screen.
 * The calendar is in New York, open to clients Monday to Friday 09:00–12:00, 30-minute appointments
 * up to 14 days ahead; "now" is Tuesday 1 December 2026, 10:00 there.
 */
class BookingPageBrowserIT extends AbstractIT {

    private static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");
    private static final String BUSINESS = "Parkside Salon";
    private static final String TUESDAY = "Tuesday 8 December";

    @Autowired
    AvailabilityRepository availability;
    @LocalServerPort
    int port;

    private final List<WebDriver> browsers = new ArrayList<>();
    private String owner;
    private String group;
    private String calendarId;

    @BeforeEach
    void openForClients() {
        setClock(NOW);
        String suffix = Ids.newId().substring(0, 8);
        owner = "bk" + suffix;
        group = "salon" + suffix;
        owner(owner, group);
        calendarId = post(owner, "/api/calendars", Map.of("name", "Front desk", "businessName", BUSINESS, "provider", "internal",
                "timeZone", "America/New_York", "notificationEmail", "desk@parkside.example")).get("id").asText();
        AvailabilityType open = availability.insertType(group, "Open to clients", AvailabilityType.Color.GREEN, true, NOW);
        availability.replaceAvailability(calendarId, new Availability(EnumSet.range(MONDAY, FRIDAY).stream()
                .map(day -> new Availability.Window(open.id(), day, LocalTime.of(9, 0), LocalTime.of(12, 0))).toList(), List.of()));
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    private BookingPage open(WebDriver browser) {
        browsers.add(browser);
        return new BookingPage(browser).open("http://localhost:" + port + "/book/" + calendarId);
    }

    private BookingPage openOnDesktop() {
        return open(Browser.start()).waitForTimes();
    }

    /** The calendar's appointments booked by {@code phone}, once the appointment side has taken the new events in. */
    private List<JsonNode> bookingsOf(String phone) {
        queues.drainAll();
        return stream(get(owner, "/api/appointments?calendarId=" + calendarId + "&from=2026-12-01T00:00:00Z&to=2027-01-01T00:00:00Z"))
                .filter(a -> stream(a.get("attendees")).anyMatch(t -> t.get("phone").asText().equals(phone))).toList();
    }

    private static Instant start(JsonNode appointment) {
        return OffsetDateTime.parse(appointment.get("start").asText()).toInstant();
    }

    @Test
    void aClientBooksAFreeTimeAndItLandsInTheCalendar() {
        BookingPage page = openOnDesktop();
        assertThat(page.heading()).isEqualTo(BUSINESS);
        assertThat(page.zone()).contains("America/New_York").contains("Eastern Standard Time");
        assertThat(page.days()).contains("Wednesday 2 December", TUESDAY, "Friday 11 December")
                .noneMatch(day -> day.startsWith("Saturday") || day.startsWith("Sunday") || day.equals("Tuesday 1 December"));
        assertThat(page.times(TUESDAY)).containsExactly("09:00", "09:30", "10:00", "10:30", "11:00", "11:30");

        page.choose(TUESDAY, "10:00");
        assertThat(page.chosen()).isEqualTo("Your time: Tuesday 8 December, 10:00–10:30.");
        assertThat(page.slot(TUESDAY, "10:00").getAttribute("aria-pressed")).isEqualTo("true");
        page.fill("Ada Lovelace", "+1 201 555 0171", "ada@example.com").book();

        assertThat(page.refused()).isFalse();
        assertThat(page.result()).contains("Booked: Tuesday 8 December, 10:00–10:30 with " + BUSINESS + ".")
                .contains("We’ll text you a confirmation at +1 201 555 0171.");
        List<JsonNode> booked = bookingsOf("+12015550171");
        assertThat(booked).hasSize(1);
        assertThat(start(booked.get(0))).isEqualTo(Instant.parse("2026-12-08T15:00:00Z"));
        assertThat(booked.get(0).get("attendees").get(0).get("email").asText()).isEqualTo("ada@example.com");

        page.again();
        assertThat(page.times(TUESDAY)).containsExactly("09:00", "09:30", "10:30", "11:00", "11:30");
    }

    @Test
    void aTimeThatIsNowLessThanADayAheadIsRefusedWithTheRulesWords() {
        BookingPage page = openOnDesktop().choose("Wednesday 2 December", "11:00");
        setClock(NOW.plusSeconds(90 * 60)); // the client hesitated: 11:00 tomorrow is 23.5 h away now
        page.fill("Brook Taylor", "+1 201 555 0172", null).book();

        assertThat(page.refused()).isTrue();
        assertThat(page.result()).contains("Appointments can be booked at least 24 hours ahead. Please choose a later time.");
        page.waitUntilGone("Wednesday 2 December", "11:00");
        assertThat(page.times("Wednesday 2 December")).containsExactly("11:30");
        assertThat(bookingsOf("+12015550172")).isEmpty();
    }

    @Test
    void aDayBeyondTheDaysToViewIsRefusedOnceTheOwnerShortensThem() {
        BookingPage page = openOnDesktop().choose("Monday 14 December", "10:00");
        availability.saveSettings(group, new BookingSettings(30, 7, true)); // the owner shortens the days to view
        page.fill("Carl Gauss", "+1 201 555 0173", null).book();

        assertThat(page.refused()).isTrue();
        assertThat(page.result()).contains("Appointments can be booked at most 7 days ahead. Please choose an earlier day.");
        page.waitUntilGone("Monday 14 December", "10:00");
        assertThat(page.days()).doesNotContain("Monday 14 December");
        assertThat(bookingsOf("+12015550173")).isEmpty();
    }

    @Test
    void aFourthBookingOfTheSameClientOnOneDayIsRefused() {
        BookingPage page = openOnDesktop();
        List<String> days = List.of(TUESDAY, "Wednesday 9 December", "Thursday 10 December");
        for (String day : days) {
            page.choose(day, "09:00").fill("Dana Scully", "+1 201 555 0174", null).book();
            assertThat(page.result()).startsWith("Booked: " + day + ", 09:00–09:30");
            page.again();
        }
        page.choose("Friday 11 December", "09:00").book(); // name and number are still filled in

        assertThat(page.refused()).isTrue();
        assertThat(page.result()).contains("You have already booked 3 appointments today. Please call us if you need another one.");
        assertThat(page.formShown()).as("the client may still change the number").isTrue();
        assertThat(bookingsOf("+12015550174")).extracting(BookingPageBrowserIT::start).containsExactlyInAnyOrder(
                Instant.parse("2026-12-08T14:00:00Z"), Instant.parse("2026-12-09T14:00:00Z"), Instant.parse("2026-12-10T14:00:00Z"));
    }

    @Test
    void aTimeTakenBehindThePagesBackIsRefusedAndDisappears() {
        String thursday = "Thursday 10 December";
        BookingPage page = openOnDesktop().choose(thursday, "10:30");
        String start = page.slot(thursday, "10:30").getAttribute("data-start");
        ok(call(null, HttpMethod.POST, "/api/booking/" + calendarId + "/appointments",
                Map.of("name", "Early Bird", "phone", "+1 201 555 0175", "start", start)));
        page.fill("Late Comer", "+1 201 555 0176", null).book();

        assertThat(page.refused()).isTrue();
        assertThat(page.result()).contains("that time has just been taken");
        page.waitUntilGone(thursday, "10:30");
        assertThat(page.times(thursday)).containsExactly("09:00", "09:30", "10:00", "11:00", "11:30");
        assertThat(page.formShown()).isFalse();
        assertThat(bookingsOf("+12015550176")).isEmpty();
        assertThat(bookingsOf("+12015550175")).extracting(BookingPageBrowserIT::start).containsExactly(OffsetDateTime.parse(start).toInstant());
    }

    @Test
    void withEventRequestsOffThePageSaysSoAndOffersNothing() {
        availability.saveSettings(group, new BookingSettings(30, 14, false));
        BookingPage page = open(Browser.start());

        assertThat(page.heading()).isEqualTo(BUSINESS);
        assertThat(page.intro()).isEqualTo(BUSINESS + " is not taking bookings online at the moment. Please contact them directly.");
        assertThat(page.allSlots()).isEmpty();
        assertThat(page.formShown()).isFalse();
    }

    @Test
    void anUnknownLinkSaysSo() {
        calendarId = "no-such-calendar";
        BookingPage page = open(Browser.start());
        assertThat(page.heading()).isEqualTo("Booking page not found");
        assertThat(page.allSlots()).isEmpty();
    }

    @Test
    void onAPhoneTheTimesAndTheFormFitAndWorkByKeyboard() {
        BookingPage page = open(Browser.phone(375, 740)).waitForTimes();
        assertThat(page.script("return window.innerWidth")).isEqualTo(375L);
        assertThat(page.script("return document.documentElement.scrollWidth")).as("no sideways scrolling").isEqualTo(375L);
        for (WebElement slot : page.allSlots().subList(0, 6)) {
            assertThat(slot.getTagName()).isEqualTo("button");
            assertThat(slot.getRect().getHeight()).as("a touch target").isGreaterThanOrEqualTo(44);
            assertThat(slot.getRect().getX() + slot.getRect().getWidth()).isLessThanOrEqualTo(375);
        }

        page.slot(TUESDAY, "11:30").sendKeys(Keys.ENTER);
        assertThat(page.chosen()).isEqualTo("Your time: Tuesday 8 December, 11:30–12:00.");
        assertThat(page.script("return document.activeElement.id")).as("the form takes over").isEqualTo("name");
        page.fill("Eve Phone", "+1 201 555 0177", null);
        page.pressEnterIn("phone");

        assertThat(page.result()).contains("Booked: Tuesday 8 December, 11:30–12:00");
        assertThat(page.script("return document.documentElement.scrollWidth")).isEqualTo(375L);
        assertThat(bookingsOf("+12015550177")).extracting(BookingPageBrowserIT::start).containsExactly(Instant.parse("2026-12-08T16:30:00Z"));
    }
}
