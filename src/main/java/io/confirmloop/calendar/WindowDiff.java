package io.confirmloop.calendar;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** What a provider's listing means for the stored copy of a calendar. Pure. */
final class WindowDiff {

    private WindowDiff() {
    }

    /** The events of a page that are new or carry another version than the stored one: only these are read further. */
    static List<ProviderEvent> changed(List<ProviderEvent> page, Map<String, String> storedVersions) {
        return page.stream().filter(e -> !Objects.equals(storedVersions.get(e.eventId()), e.version())).toList();
    }

    /**
     * Stored live events a complete listing of the window did not have. They are not removed yet:
     * each may have moved out of the window, so it is read once more on its own.
     */
    static Set<String> missing(Set<String> storedInWindow, Collection<String> listed) {
        Set<String> missing = new HashSet<>(storedInWindow);
        listed.forEach(missing::remove);
        return missing;
    }

    /**
     * An empty listing right after a failed attempt is not trusted to remove anything: providers
     * have answered "nothing" while they recovered. The next listing decides.
     */
    static boolean holdRemovals(Collection<String> listed, Set<String> missing, boolean lastAttemptFailed) {
        return lastAttemptFailed && listed.isEmpty() && !missing.isEmpty();
    }
}
