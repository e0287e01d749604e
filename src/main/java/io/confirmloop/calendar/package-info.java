/**
 * Calendars an owner connects: settings, the provider adapters (the built-in calendar so far),
 * phone number extraction, and the events that become appointments when synced.
 */
package io.confirmloop.calendar;
