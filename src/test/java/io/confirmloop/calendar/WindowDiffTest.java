package io.confirmloop.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** What a provider's listing means for the stored copy of a calendar. */
class WindowDiffTest {

    private static ProviderEvent event(String id, String version) {
        Instant start = Instant.parse("2026-12-02T15:00:00Z");
        return new ProviderEvent(id, null, version, "Check-up", null, null, start, start.plusSeconds(1800), null, true, true);
    }

    @Test
    void onlyNewEventsAndEventsWithAnotherVersionAreReadFurther() {
        List<ProviderEvent> page = List.of(event("same", "v1"), event("newer", "v3"), event("new", "v1"));

        assertThat(WindowDiff.changed(page, Map.of("same", "v1", "newer", "v2")))
                .extracting(ProviderEvent::eventId).containsExactly("newer", "new");
    }

    @Test
    void storedEventsACompleteListingLacksAreMissing() {
        assertThat(WindowDiff.missing(Set.of("a", "b", "c"), List.of("a", "c", "d"))).containsExactly("b");
    }

    @Test
    void anEmptyListingRightAfterAFailedAttemptHoldsRemovals() {
        assertThat(WindowDiff.holdRemovals(List.of(), Set.of("a"), true)).isTrue();
    }

    @Test
    void anEmptyListingAfterASuccessfulAttemptDoesNotHold() {
        assertThat(WindowDiff.holdRemovals(List.of(), Set.of("a"), false)).isFalse();
    }

    @Test
    void aListingWithEventsAfterAFailedAttemptDoesNotHold() {
        assertThat(WindowDiff.holdRemovals(List.of("b"), Set.of("a"), true)).isFalse();
    }

    @Test
    void nothingMissingIsNothingToHold() {
        assertThat(WindowDiff.holdRemovals(List.of(), Set.of(), true)).isFalse();
    }
}
