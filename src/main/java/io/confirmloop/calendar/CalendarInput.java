package io.confirmloop.calendar;

import java.util.Map;

/**
 * Body of {@code POST /api/calendars} and {@code PATCH /api/calendars/{id}}. On PATCH a null field
 * is left as it is; an empty notificationEmail clears it.
 */
public record CalendarInput(
        String name,
        String businessName,
        String provider,
        String timeZone,
        String region,
        String notificationEmail,
        Boolean active,
        Boolean ownerEventsOnly,
        Boolean updateDescriptions,
        Boolean copyAppointments,
        Boolean useForAvailability,
        Boolean cancellationTexts,
        String ruleSet,
        String ownerGroup,
        Map<String, Object> connection) {
}
