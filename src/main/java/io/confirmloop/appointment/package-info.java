/**
 * Appointments and their attendees, the sync that turns calendar events into appointments, the
 * reminder plan, and the appointment-lifecycle process (start, correlate, delegates).
 */
package io.confirmloop.appointment;
