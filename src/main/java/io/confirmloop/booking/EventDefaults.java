package io.confirmloop.booking;

import io.confirmloop.system.ApiException;
import org.springframework.stereotype.Service;

/** An account's event defaults, checked before they are stored. */
@Service
class EventDefaults {

    static final int MIN_DURATION = 5;
    static final int MAX_DURATION = 480;
    static final int MAX_DAYS_TO_VIEW = 365;

    private final AvailabilityRepository repository;

    EventDefaults(AvailabilityRepository repository) {
        this.repository = repository;
    }

    public BookingSettings of(String ownerGroup) {
        return repository.settings(ownerGroup);
    }

    /** Stores the settings, or refuses them (400) without storing anything. */
    public BookingSettings save(String ownerGroup, BookingSettings settings) {
        check(settings);
        repository.saveSettings(ownerGroup, settings);
        return settings;
    }

    static void check(BookingSettings s) {
        if (s.defaultDurationMinutes() < MIN_DURATION || s.defaultDurationMinutes() > MAX_DURATION) {
            throw ApiException.badRequest("INVALID_DURATION", "defaultDurationMinutes must be between " + MIN_DURATION + " and "
                    + MAX_DURATION + " minutes, not " + s.defaultDurationMinutes());
        }
        if (s.daysToView() < 1 || s.daysToView() > MAX_DAYS_TO_VIEW) {
            throw ApiException.badRequest("INVALID_DAYS_TO_VIEW", "daysToView must be between 1 and " + MAX_DAYS_TO_VIEW + ", not "
                    + s.daysToView());
        }
    }
}
