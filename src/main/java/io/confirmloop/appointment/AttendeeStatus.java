package io.confirmloop.appointment;

import java.util.Set;

enum AttendeeStatus {
    PENDING, REMINDED, CONFIRMED, DECLINED, RESCHEDULE_REQUESTED, NO_RESPONSE, CANCELLED, OPTED_OUT;

    /** Statuses after which the attendee's branch has nothing left to do. */
    public static final Set<AttendeeStatus> SETTLED = Set.of(DECLINED, RESCHEDULE_REQUESTED, NO_RESPONSE, CANCELLED);
}
