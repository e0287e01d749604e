package io.confirmloop.appointment;

/**
 * Names shared by the appointment-lifecycle BPMN, its delegates and the tests. One process
 * instance per attendee of an appointment: business key = appointment id, the attendee's number a
 * process variable. Appointment-level messages (changed, cancelled) go to every attendee's
 * instance; a reply, a removal or a delivery failure only to the attendee's own.
 */
public final class AppointmentProcess {

    public static final String PROCESS_ID = "appointment-lifecycle";

    private AppointmentProcess() {
    }

    /** Element ids in appointment-lifecycle.bpmn. */
    public static final class Elements {
        public static final String START = "StartEvent_AttendeeFound";
        public static final String PLAN_NEXT_STEP = "Task_PlanNextStep";
        public static final String AWAIT = "Gateway_AwaitReplyOrTimer";
        public static final String CALENDAR_SWITCHED_ON = "Message_CalendarSwitchedOn_Catch";
        public static final String REMINDER_HANDED_OFF = "Message_ReminderHandedOff_Catch";
        public static final String TIMER_REPLY_DEADLINE = "Timer_ReplyDeadline";
        public static final String TIMER_APPOINTMENT_OVER = "Timer_AppointmentOver";
        public static final String REPLY_RECEIVED = "Message_ReplyReceived_Catch";
        public static final String APPOINTMENT_CHANGED = "Message_AppointmentChanged_Catch";
        public static final String RECORD_REMINDER = "Task_RecordReminder";
        public static final String TEXT_REFUSED = "BoundaryEvent_TextRefused";
        public static final String REACH_CLIENT_AFTER_REFUSAL = "CallActivity_ReachClientAfterRefusal";
        public static final String RECORD_NO_RESPONSE = "Task_RecordNoResponse";
        public static final String CALL_CLIENT = "UserTask_CallClient";
        public static final String RECORD_CALL_OUTCOME = "Task_RecordCallOutcome";
        public static final String REPLY_INTENT = "Gateway_ReplyIntent";
        public static final String RECORD_CONFIRMATION = "Task_RecordConfirmation";
        public static final String ACKNOWLEDGE_CONFIRMATION = "Task_AcknowledgeConfirmation";
        public static final String RECORD_DECLINE = "Task_RecordDecline";
        public static final String TELL_DECLINE = "Task_TellDecline";
        public static final String FOLLOW_UP_DECLINE = "UserTask_FollowUpDecline";
        public static final String RECORD_RESCHEDULE_REQUEST = "Task_RecordRescheduleRequest";
        public static final String HANDLE_RESCHEDULE_REQUEST = "UserTask_HandleRescheduleRequest";
        public static final String FIND_FREE_SLOTS = "Task_FindFreeSlots";
        public static final String TIMER_SLOT_OFFER_ALLOWED = "Timer_SlotOfferAllowed";
        public static final String TEXT_SLOT_OFFER = "Task_TextSlotOffer";
        public static final String AWAIT_SLOT_CHOICE = "Gateway_AwaitSlotChoice";
        public static final String SLOT_CHOICE_RECEIVED = "Message_SlotChoiceReceived_Catch";
        public static final String MOVE_TO_CHOSEN_SLOT = "Task_MoveToChosenSlot";
        public static final String TIMER_NO_SLOT_CHOSEN = "Timer_NoSlotChosen";
        public static final String RECORD_NO_SLOT_CHOSEN = "Task_RecordNoSlotChosen";
        public static final String RECORD_REFUSED_OFFER = "Task_RecordRefusedOffer";
        public static final String END_CANCELLATION_NOTICE_REFUSED = "EndEvent_CancellationNoticeRefused";
        public static final String WITHDRAW_SLOT_OFFER = "Task_WithdrawSlotOffer";
        public static final String FORWARD_TO_OWNER = "Task_ForwardToOwner";
        public static final String SEND_HELP = "Task_SendHelp";
        public static final String CANCELLED_START = "StartEvent_AppointmentCancelled";
        public static final String PLAN_CANCELLATION_NOTICE = "Task_PlanCancellationNotice";
        public static final String TIMER_NOTICE_ALLOWED = "Timer_CancellationNoticeAllowed";
        public static final String SEND_CANCELLATION_NOTICE = "Task_SendCancellationNotice";
        public static final String REMOVED_START = "StartEvent_AttendeeRemoved";
        public static final String RECORD_REMOVAL = "Task_RecordRemoval";
        public static final String NOT_DELIVERED_START = "StartEvent_TextNotDelivered";
        public static final String REACH_CLIENT_AFTER_FAILURE = "CallActivity_ReachClientAfterFailure";
        public static final String END_ATTENDEE_SETTLED = "EndEvent_AttendeeSettled";
        public static final String END_ATTENDEE_DECLINED = "EndEvent_AttendeeDeclined";
        public static final String END_DECLINE_TOLD = "EndEvent_DeclineTold";
        public static final String END_RESCHEDULE_HANDLED = "EndEvent_RescheduleHandled";
        public static final String END_CALL_SETTLED = "EndEvent_CallSettled";
        public static final String END_APPOINTMENT_OVER = "EndEvent_AppointmentOver";
        public static final String END_CANCELLED = "EndEvent_AppointmentCancelled";
        public static final String END_CANCELLED_QUIETLY = "EndEvent_CancelledQuietly";
        public static final String END_REMOVED = "EndEvent_AttendeeRemoved";
        public static final String END_NOT_DELIVERED = "EndEvent_FailedTextHandled";

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
        /** The outbox handed the reminder the instance waits for to the gateway, or recorded why not (to the instance waiting for that reminder). */
        public static final String REMINDER_HANDED_OFF = "Message_ReminderHandedOff";
        /** The attendee texted us (to this attendee's instance). */
        public static final String REPLY_RECEIVED = "Message_ReplyReceived";
        /** The appointment or its calendar changed: moved, new text, switched off or on (to every attendee). */
        public static final String APPOINTMENT_CHANGED = "Message_AppointmentChanged";
        /** The event was removed (to every attendee). */
        public static final String APPOINTMENT_CANCELLED = "Message_AppointmentCancelled";
        /** The attendee's number left the event (to this attendee's instance). */
        public static final String ATTENDEE_REMOVED = "Message_AttendeeRemoved";
        /** A text to the attendee failed or was undelivered after it was handed over (to this attendee's instance). */
        public static final String TEXT_NOT_DELIVERED = "Message_TextNotDelivered";

        private Messages() {
        }
    }

    /** BPMN errors (code = the error's errorCode). */
    public static final class Errors {
        /** The provider refused a text for good (not a passing fault): reach the client another way. */
        public static final String TEXT_REFUSED = "TEXT_REFUSED";

        private Errors() {
        }
    }

    /** Process variables: only ids and small decisions. */
    public static final class Variables {
        /** Appointment id (also the business key). */
        public static final String APPOINTMENT_ID = "appointmentId";
        /** Calendar owner group: candidate group of the user tasks. */
        public static final String OWNER_GROUP = "ownerGroup";
        /** The attendee's number, E.164. */
        public static final String ATTENDEE_PHONE = "attendeePhone";
        /** WAIT, PAUSED or DONE, written by Task_PlanNextStep. */
        public static final String NEXT_STEP = "nextStep";
        /** When the next planned message is due (past the end when none is). */
        public static final String REMINDER_AT = "reminderAt";
        /** Id of the reminder row the instance waits for at "Reminder handed off". */
        public static final String REMINDER_ID = "reminderId";
        /** When an unanswered request turns into "Call the client" (past the end when nothing awaits an answer). */
        public static final String DEADLINE_AT = "deadlineAt";
        /** When the appointment ends. */
        public static final String END_AT = "endAt";
        /** The client as task names show them, e.g. "Check-up Jane (+1 201-555-0123)". */
        public static final String CLIENT_LABEL = "clientLabel";
        /** The appointment's time in the calendar's zone, e.g. "Wed 2 Dec 14:42". */
        public static final String APPOINTMENT_WHEN = "appointmentWhen";
        /** Reply intent: CONFIRM, DECLINE, RESCHEDULE, SLOT_CHOICE, OPT_OUT, OPT_IN, HELP, OTHER. */
        public static final String INTENT = "intent";
        /** Id of the inbound message row that carried the reply. */
        public static final String REPLY_MESSAGE_ID = "replyMessageId";
        /** Id of the outbound message that was refused or not delivered. */
        public static final String FAILED_MESSAGE_ID = "failedMessageId";
        /** Why the text did not reach the client. */
        public static final String FAILURE_REASON = "failureReason";
        /** Whether an owner task is to be created now (false while the calendar is switched off). */
        public static final String OWNER_TASK = "ownerTask";
        /** When the cancellation notice may go out (quiet hours); null when none is to be sent. */
        public static final String NOTICE_AT = "noticeAt";
        /** Outcome chosen in the call-the-client form. */
        public static final String CALL_OUTCOME = "callOutcome";
        /** Notes typed in the call-the-client form. */
        public static final String CALL_NOTES = "callNotes";
        /** Free slots were found to text the client who asked to reschedule (Task_FindFreeSlots). */
        public static final String SLOT_OFFER = "slotOffer";
        /** When the slot offer may be texted (quiet hours). */
        public static final String OFFER_AT = "offerAt";
        /** When the owner takes over if the client has chosen no slot. */
        public static final String CHOICE_DEADLINE_AT = "choiceDeadlineAt";
        /** The chosen slot was still free and the event is being moved there (Task_MoveToChosenSlot). */
        public static final String SLOT_MOVED = "slotMoved";
        /** Read-only summary shown in the user task forms. */
        public static final String TASK_SUMMARY = "taskSummary";

        private Variables() {
        }
    }

    /** Values of {@link Variables#NEXT_STEP}. */
    public enum NextStep { WAIT, PAUSED, DONE }

    /** Values of {@link Variables#CALL_OUTCOME}. */
    public enum CallOutcome { CONFIRMED_BY_PHONE, CANCELLED, UNREACHABLE }
}
