package io.confirmloop.calendar;

/** A calendar of the connected account, as the provider lists it for the owner to pick. */
public record ProviderCalendar(String id, String name, String timeZone, boolean primary, boolean canWrite) {
}
