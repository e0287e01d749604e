package io.confirmloop.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * What every calendar provider behind the seam must do, whoever implements it: the built-in
 * calendar now, Exchange, Microsoft 365, Google and Clio next. A provider's test extends this and
 * says how to reach a fresh, empty calendar of it.
 */
public abstract class CalendarProviderContract {

    protected static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
    protected static final Instant TO = FROM.plus(Duration.ofDays(14));
    private static final Instant START = Instant.parse("2026-12-03T15:00:00Z");

    protected abstract CalendarProvider provider();

    /** A fresh calendar of this provider with no events. */
    protected abstract CalendarAccess emptyCalendar();

    /** Events per page of {@link CalendarProvider#readWindow} as the test set it up. */
    protected abstract int pageSize();

    /** Makes every change cursor handed out so far too old; false if the provider has no change feed. */
    protected abstract boolean expireCursors();

    private ProviderEvent create(CalendarAccess calendar, String title, Instant start) {
        return provider().create(calendar, new NewEvent(title, "Bring the referral letter", "Room 2", start, start.plus(Duration.ofMinutes(30)),
                calendar.calendar().timeZone()));
    }

    private List<ProviderEvent> wholeWindow(CalendarAccess calendar, Instant from, Instant to) {
        List<ProviderEvent> events = new ArrayList<>();
        String token = null;
        do {
            WindowPage page = provider().readWindow(calendar, from, to, token);
            assertThat(page.events().size()).isLessThanOrEqualTo(pageSize());
            events.addAll(page.events());
            token = page.nextPageToken();
        } while (token != null);
        return events;
    }

    @Test
    void aCreatedEventIsReadBackWithItsIdAndVersion() {
        CalendarAccess calendar = emptyCalendar();
        ProviderEvent created = create(calendar, "Check-up +1 201-555-0101", START);

        assertThat(created.eventId()).isNotBlank();
        assertThat(created.version()).isNotBlank();
        assertThat(wholeWindow(calendar, FROM, TO)).singleElement().satisfies(e -> {
            assertThat(e.eventId()).isEqualTo(created.eventId());
            assertThat(e.version()).isEqualTo(created.version());
            assertThat(e.title()).isEqualTo("Check-up +1 201-555-0101");
            assertThat(e.start()).isEqualTo(START);
            assertThat(e.end()).isEqualTo(START.plus(Duration.ofMinutes(30)));
            assertThat(e.busy()).isTrue();
        });
        assertThat(provider().read(calendar, created.eventId())).contains(created);
    }

    @Test
    void aMoveKeepsTheEventWithNewTimesAndANewVersion() {
        CalendarAccess calendar = emptyCalendar();
        ProviderEvent created = create(calendar, "Check-up", START);

        ProviderEvent moved = provider().move(calendar, created.eventId(), START.plus(Duration.ofHours(2)), START.plus(Duration.ofHours(3)));

        assertThat(moved.eventId()).isEqualTo(created.eventId());
        assertThat(moved.version()).isNotEqualTo(created.version());
        assertThat(moved.title()).isEqualTo("Check-up");
        assertThat(provider().read(calendar, created.eventId()).orElseThrow().start()).isEqualTo(START.plus(Duration.ofHours(2)));
        assertThat(moved.contentHash()).isNotEqualTo(created.contentHash());
    }

    @Test
    void aDeletedEventIsGone() {
        CalendarAccess calendar = emptyCalendar();
        ProviderEvent created = create(calendar, "Check-up", START);

        provider().delete(calendar, created.eventId());

        assertThat(wholeWindow(calendar, FROM, TO)).isEmpty();
        assertThat(provider().read(calendar, created.eventId())).isEmpty();
        assertThatThrownBy(() -> provider().delete(calendar, created.eventId())).isInstanceOf(CalendarProviderException.NotFound.class);
    }

    @Test
    void readingAnUnknownEventFindsNothing() {
        assertThat(provider().read(emptyCalendar(), "no-such-event")).isEmpty();
    }

    @Test
    void theWindowHoldsOnlyEventsThatOverlapIt() {
        CalendarAccess calendar = emptyCalendar();
        create(calendar, "Before", FROM.minus(Duration.ofDays(2)));
        ProviderEvent inside = create(calendar, "Inside", START);
        create(calendar, "After", TO.plus(Duration.ofDays(1)));

        assertThat(wholeWindow(calendar, FROM, TO)).extracting(ProviderEvent::eventId).containsExactly(inside.eventId());
    }

    @Test
    void theWindowComesInPagesWithEveryEventOnce() {
        CalendarAccess calendar = emptyCalendar();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2 * pageSize() + 1; i++) {
            // two events share each start time, so a page boundary falls between equal starts
            ids.add(create(calendar, "Visit " + i, START.plus(Duration.ofMinutes(30L * (i / 2)))).eventId());
        }

        List<ProviderEvent> listed = wholeWindow(calendar, FROM, TO);

        assertThat(listed).extracting(ProviderEvent::eventId).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aDescriptionIsWrittenAgainstTheCurrentVersion() {
        CalendarAccess calendar = emptyCalendar();
        ProviderEvent created = create(calendar, "Check-up", START);
        String withLines = StatusLines.prepend(List.of("+1 201-555-0101: confirmed"), created.description());

        ProviderEvent written = provider().updateDescription(calendar, created.eventId(), created.version(), withLines);

        assertThat(written.version()).isNotEqualTo(created.version());
        assertThat(provider().read(calendar, created.eventId()).orElseThrow().description())
                .isEqualTo("[ConfirmLoop] +1 201-555-0101: confirmed\nBring the referral letter");
        // our own status lines are no change of what the appointment side reads
        assertThat(written.contentHash()).isEqualTo(created.contentHash());
    }

    @Test
    void aDescriptionWrittenAgainstAnOldVersionIsAConflict() {
        CalendarAccess calendar = emptyCalendar();
        ProviderEvent created = create(calendar, "Check-up", START);
        provider().move(calendar, created.eventId(), START.plus(Duration.ofHours(1)), START.plus(Duration.ofHours(2)));

        assertThatThrownBy(() -> provider().updateDescription(calendar, created.eventId(), created.version(), "new text"))
                .isInstanceOf(CalendarProviderException.VersionConflict.class);
        assertThat(provider().read(calendar, created.eventId()).orElseThrow().description()).isEqualTo("Bring the referral letter");
    }

    @Test
    void theAccountNamesItsCalendars() {
        CalendarAccess calendar = emptyCalendar();
        assertThat(provider().listCalendars(calendar.connection())).isNotEmpty().allSatisfy(c -> assertThat(c.id()).isNotBlank());
    }

    @Test
    void theChangeFeedReportsCreatedMovedAndRemovedEventsAndAnExpiredCursorIsSaid() {
        CalendarAccess calendar = emptyCalendar();
        ProviderEvent kept = create(calendar, "Kept", START);
        ProviderEvent gone = create(calendar, "Gone", START.plus(Duration.ofHours(1)));
        String cursor = lastPage(calendar).cursor();
        Optional<ChangePage> nothingYet = provider().changesSince(calendar, cursor == null ? "" : cursor, null);
        if (nothingYet.isEmpty()) {
            return; // no change feed: every sync reads the window
        }
        assertThat(nothingYet.get().changed()).isEmpty();
        assertThat(nothingYet.get().removed()).isEmpty();

        ProviderEvent added = create(calendar, "Added", START.plus(Duration.ofHours(2)));
        provider().move(calendar, kept.eventId(), START.plus(Duration.ofHours(4)), START.plus(Duration.ofHours(5)));
        provider().delete(calendar, gone.eventId());

        ChangePage changes = provider().changesSince(calendar, nothingYet.get().cursor(), null).orElseThrow();
        assertThat(changes.changed()).extracting(ProviderEvent::eventId).containsExactlyInAnyOrder(added.eventId(), kept.eventId());
        assertThat(changes.removed()).containsExactly(gone.eventId());
        assertThat(changes.cursor()).isNotBlank();

        if (expireCursors()) {
            assertThatThrownBy(() -> provider().changesSince(calendar, changes.cursor(), null))
                    .isInstanceOf(CalendarProviderException.CursorExpired.class);
        }
    }

    private WindowPage lastPage(CalendarAccess calendar) {
        WindowPage page = provider().readWindow(calendar, FROM, TO, null);
        while (!page.last()) {
            page = provider().readWindow(calendar, FROM, TO, page.nextPageToken());
        }
        return page;
    }
}
