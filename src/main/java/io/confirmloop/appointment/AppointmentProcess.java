package io.confirmloop.appointment;

/**
 * Names shared by the appointment-lifecycle BPMN, its delegates and the tests. One process
 * instance per appointment (business key = appointment id), one branch per attendee phone number.
 */
public final class AppointmentProcess {

    public static final String PROCESS_ID = "appointment-lifecycle";

    private AppointmentProcess() {
    }

    /** Element ids in appointment-lifecycle.bpmn. */
    public static final class Elements {
        public static final String START = "StartEvent_AppointmentFound";
        public static final String ATTENDEES = "SubProcess_Attendee";
        public static final String PLAN_NEXT_STEP = "Task_PlanNextStep";
        public static final String AWAIT = "Gateway_AwaitReplyOrTimer";
        public static final String TIMER_NEXT_STEP = "Timer_NextStepDue";
        public static final String REPLY_RECEIVED = "Message_ReplyReceived_Catch";
        public static final String WHAT_IS_DUE = "Gateway_WhatIsDue";
        public static final String SEND_REMINDER = "Task_SendReminder";
        public static final String RECORD_NO_RESPONSE = "Task_RecordNoResponse";
        public static final String CALL_CLIENT = "UserTask_CallClient";
        public static final String RECORD_CALL_OUTCOME = "Task_RecordCallOutcome";
        public static final String REPLY_INTENT = "Gateway_ReplyIntent";
        public static final String RECORD_CONFIRMATION = "Task_RecordConfirmation";
        public static final String RECORD_DECLINE = "Task_RecordDecline";
        public static final String FOLLOW_UP_DECLINE = "UserTask_FollowUpDecline";
        public static final String RECORD_RESCHEDULE_REQUEST = "Task_RecordRescheduleRequest";
        public static final String HANDLE_RESCHEDULE_REQUEST = "UserTask_HandleRescheduleRequest";
        public static final String FORWARD_TO_OWNER = "Task_ForwardToOwner";
        public static final String SEND_HELP = "Task_SendHelp";
        public static final String RECORD_OPT_OUT = "Task_RecordOptOut";
        public static final String RECORD_OPT_IN = "Task_RecordOptIn";
        public static final String RESCHEDULED_BOUNDARY = "BoundaryEvent_AppointmentRescheduled";
        public static final String ANNOUNCE_NEW_TIME = "Task_AnnounceNewTime";
        public static final String ATTENDEES_CHANGED_BOUNDARY = "BoundaryEvent_AttendeesChanged";
        public static final String CANCELLED_START = "StartEvent_AppointmentCancelled";
        public static final String CANCEL_APPOINTMENT = "Task_CancelAppointment";
        public static final String END_ATTENDEE_SETTLED = "EndEvent_AttendeeSettled";
        public static final String END_ATTENDEE_DECLINED = "EndEvent_AttendeeDeclined";
        public static final String END_RESCHEDULE_HANDLED = "EndEvent_RescheduleHandled";
        public static final String END_CALL_SETTLED = "EndEvent_CallSettled";
        public static final String END_APPOINTMENT_OVER = "EndEvent_AppointmentOver";
        public static final String END_PROCESS = "EndEvent_AppointmentSettled";
        public static final String END_CANCELLED = "EndEvent_AppointmentCancelled";

        private Elements() {
        }
    }

    /** Camunda Form ids used by the user tasks. */
    public static final class Forms {
        public static final String CALL_CLIENT = "form-call-client";
        public static final String DECLINED_FOLLOW_UP = "form-declined-follow-up";
        public static final String RESCHEDULE_REQUEST = "form-reschedule-request";

        private Forms() {
        }
    }

    /** Message names (past-tense facts). */
    public static final class Messages {
        public static final String REPLY_RECEIVED = "Message_ReplyReceived";
        public static final String APPOINTMENT_RESCHEDULED = "Message_AppointmentRescheduled";
        public static final String ATTENDEES_CHANGED = "Message_AttendeesChanged";
        public static final String APPOINTMENT_CANCELLED = "Message_AppointmentCancelled";

        private Messages() {
        }
    }

    /** Process variables: only ids and small decisions. */
    public static final class Variables {
        /** Appointment id (also the business key). */
        public static final String APPOINTMENT_ID = "appointmentId";
        /** Calendar owner group: candidate group of the user tasks. */
        public static final String OWNER_GROUP = "ownerGroup";
        /** List of E.164 phone numbers, the multi-instance collection. */
        public static final String ATTENDEE_PHONES = "attendeePhones";
        /** Element variable of the multi-instance branch (local to it). */
        public static final String ATTENDEE_PHONE = "attendeePhone";
        /** REMIND, DEADLINE, FINISH or DONE, written by Task_PlanNextStep. */
        public static final String NEXT_STEP = "nextStep";
        /** ISO-8601 instant the timer waits for. */
        public static final String NEXT_STEP_AT = "nextStepAt";
        /** Id of the reminder row to send when nextStep = REMIND. */
        public static final String REMINDER_ID = "reminderId";
        /** Reply intent: CONFIRM, DECLINE, RESCHEDULE, OPT_OUT, OPT_IN, HELP, OTHER. */
        public static final String INTENT = "intent";
        /** Id of the inbound message row that carried the reply. */
        public static final String REPLY_MESSAGE_ID = "replyMessageId";
        /** Outcome chosen in the call-the-client form. */
        public static final String CALL_OUTCOME = "callOutcome";
        /** Notes typed in the call-the-client form. */
        public static final String CALL_NOTES = "callNotes";
        /** Read-only summary shown in the user task forms. */
        public static final String TASK_SUMMARY = "taskSummary";

        private Variables() {
        }
    }

    /** Values of {@link Variables#NEXT_STEP}. */
    public enum NextStep { REMIND, DEADLINE, FINISH, DONE }

    /** Values of {@link Variables#CALL_OUTCOME}. */
    public enum CallOutcome { CONFIRMED_BY_PHONE, CANCELLED, UNREACHABLE }
}
