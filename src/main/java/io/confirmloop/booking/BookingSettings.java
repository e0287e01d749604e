package io.confirmloop.booking;

/** An account's event defaults: the length of a booked (and owner-made) event, how many days clients see, and whether they may book at all. */
public record BookingSettings(int defaultDurationMinutes, int daysToView, boolean eventRequestsEnabled) {
}
