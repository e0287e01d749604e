package io.confirmloop.calendar;

/** A calendar together with the (decrypted) connection its provider needs to reach it. */
public record CalendarAccess(Calendar calendar, Connection connection) {
}
