package io.confirmloop.calendar;

/** Body of the built-in calendar's event calls; start and end are ISO-8601 with an offset. */
record EventInput(String title, String description, String location, String start, String end) {
}
