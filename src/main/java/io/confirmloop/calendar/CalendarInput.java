package io.confirmloop.calendar;

import java.util.Map;

/**
 * Body of {@code POST /api/calendars} and {@code PATCH /api/calendars/{id}}. On PATCH a null field
 * is left as it is; an empty notificationEmail clears it. {@code allEventsBusy}: every event of the
 * calendar blocks booking, Free or not (default false).
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
        Map<String, Object> connection,
        Boolean allEventsBusy) {

    /** Without the "everything is busy" setting (left as it is, or false for a new calendar). */
    public CalendarInput(String name, String businessName, String provider, String timeZone, String region, String notificationEmail,
            Boolean active, Boolean ownerEventsOnly, Boolean updateDescriptions, Boolean copyAppointments, Boolean useForAvailability,
            Boolean cancellationTexts, String ruleSet, String ownerGroup, Map<String, Object> connection) {
        this(name, businessName, provider, timeZone, region, notificationEmail, active, ownerEventsOnly, updateDescriptions,
                copyAppointments, useForAvailability, cancellationTexts, ruleSet, ownerGroup, connection, null);
    }
}
