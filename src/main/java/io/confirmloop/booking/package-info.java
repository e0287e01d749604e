/**
 * Client self-booking (DESIGN.md §1.4): availability types and each worker's windows, the
 * account's event defaults, free slots, the booking rules (DMN {@code booking-rules}), the public
 * booking calls and page, the slot offers of a reschedule by SMS, and the owner's side: the
 * availability and event-default calls and the Tasklist process "Set availability"
 * (availability-settings.bpmn).
 */
package io.confirmloop.booking;
