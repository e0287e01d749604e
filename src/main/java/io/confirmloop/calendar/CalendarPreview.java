package io.confirmloop.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.confirmloop.system.ApiException;
import io.confirmloop.system.AppClock;
import org.springframework.stereotype.Component;

/**
 * The appointments of the next days, read from the provider itself, with times shown in a zone: what
 * the owner checks the calendar's time zone against ("Confirm time zone").
 */
@Component
public class CalendarPreview {

    private static final int MAX_EVENTS = 2000;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);

    /** One upcoming appointment: an event with at least one phone number. */
    public record Item(ProviderEvent event, ZoneId zone, List<String> phones) {

        public String localStart() {
            return LOCAL.format(event.start().atZone(zone));
        }
    }

    private final CalendarProviders providers;
    private final CalendarConnections connections;
    private final PhoneNumbers phoneNumbers;
    private final AppClock clock;

    CalendarPreview(CalendarProviders providers, CalendarConnections connections, PhoneNumbers phoneNumbers, AppClock clock) {
        this.providers = providers;
        this.connections = connections;
        this.phoneNumbers = phoneNumbers;
        this.clock = clock;
    }

    /** Reads the provider: the API calls it without a transaction, the onboarding from its own (asynchronous) step. */
    public List<Item> next(Calendar calendar, int days, ZoneId zone) {
        Instant now = clock.now();
        return window(calendar, now, now.plus(Duration.ofDays(days))).stream()
                .map(e -> new Item(e, zone, phoneNumbers.find(e.text(), calendar.region()).stream().map(PhoneNumbers.Found::e164).toList()))
                .filter(item -> !item.phones().isEmpty())
                .sorted(java.util.Comparator.comparing((Item i) -> i.event().start()))
                .toList();
    }

    private List<ProviderEvent> window(Calendar calendar, Instant from, Instant to) {
        CalendarProvider provider = providers.of(calendar);
        CalendarAccess access = connections.access(calendar);
        List<ProviderEvent> events = new ArrayList<>();
        String pageToken = null;
        do {
            WindowPage page;
            try {
                page = provider.readWindow(access, from, to, pageToken);
            } catch (CalendarProviderException e) {
                throw ApiException.unprocessable("PROVIDER_UNAVAILABLE", "The calendar could not be read: " + e.getMessage());
            }
            events.addAll(page.events());
            pageToken = page.nextPageToken();
        } while (pageToken != null && events.size() < MAX_EVENTS);
        return events;
    }
}
