package io.confirmloop.calendar;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A watched calendar and its settings (DESIGN.md §1.1), with when it was last synced and the last
 * error a sync met (kept after a later success, so the owner can see what happened).
 * {@code allEventsBusy}: every event blocks booking, Free or not ("everything is busy").
 */
public record Calendar(
        String id,
        String ownerGroup,
        String name,
        String businessName,
        Provider provider,
        ZoneId timeZone,
        String region,
        String notificationEmail,
        boolean active,
        boolean ownerEventsOnly,
        boolean updateDescriptions,
        boolean copyAppointments,
        boolean useForAvailability,
        boolean cancellationTexts,
        String ruleSet,
        Instant lastSyncedAt,
        Instant lastErrorAt,
        String lastError,
        Instant createdAt,
        boolean allEventsBusy) {

    /** A calendar whose Free events do not block booking (the default). */
    public Calendar(String id, String ownerGroup, String name, String businessName, Provider provider, ZoneId timeZone, String region,
            String notificationEmail, boolean active, boolean ownerEventsOnly, boolean updateDescriptions, boolean copyAppointments,
            boolean useForAvailability, boolean cancellationTexts, String ruleSet, Instant lastSyncedAt, Instant lastErrorAt,
            String lastError, Instant createdAt) {
        this(id, ownerGroup, name, businessName, provider, timeZone, region, notificationEmail, active, ownerEventsOnly,
                updateDescriptions, copyAppointments, useForAvailability, cancellationTexts, ruleSet, lastSyncedAt, lastErrorAt, lastError,
                createdAt, false);
    }
}
