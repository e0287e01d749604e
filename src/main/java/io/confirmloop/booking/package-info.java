/**
 * Client self-booking (DESIGN.md §1.4): availability types and each worker's windows, the
 * account's event defaults, free slots, the booking rules (DMN {@code booking-rules}), the public
 * booking calls and page, and the slot offers of a reschedule by SMS.
 */
package io.confirmloop.booking;
