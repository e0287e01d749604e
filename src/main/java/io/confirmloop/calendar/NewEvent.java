package io.confirmloop.calendar;

import java.time.Instant;
import java.time.ZoneId;

/** An event ConfirmLoop writes into a calendar (a booking, a copy, the owner's built-in event). */
public record NewEvent(String title, String description, String location, Instant start, Instant end, ZoneId timeZone) {
}
