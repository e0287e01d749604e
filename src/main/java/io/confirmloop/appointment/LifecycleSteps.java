package io.confirmloop.appointment;

import java.time.Instant;

import io.confirmloop.appointment.AppointmentProcess.CallOutcome;
import io.confirmloop.appointment.AppointmentProcess.NextStep;

/**
 * What the service tasks of appointment-lifecycle.bpmn and delivery-failure.bpmn do: the use
 * cases behind the thin delegates ({@link LifecycleDelegates}). Each is implemented by one
 * service; the engine-only process tests put fakes here and run the real delegates.
 */
final class LifecycleSteps {

    private LifecycleSteps() {
    }

    /**
     * What the attendee's instance waits for next. Dates that are not planned lie after
     * {@code endAt}, so the end comes first.
     *
     * @param clientLabel     the client as task names show them
     * @param appointmentWhen the appointment's time in the calendar's zone
     */
    record Plan(NextStep step, Instant reminderAt, String reminderId, Instant deadlineAt, Instant endAt, String clientLabel,
            String appointmentWhen) {
    }

    /** Task_PlanNextStep. */
    interface Planning {
        Plan planNextStep(String appointmentId, String phone);
    }

    /** The provider refused a text for good: the model reaches the client another way. */
    static final class TextRefused extends RuntimeException {
        private final String messageId;

        TextRefused(String messageId, String reason) {
            super(reason);
            this.messageId = messageId;
        }

        String messageId() {
            return messageId;
        }
    }

    /** The reminders: the outbox sends them; the model records what became of each. */
    interface Reminders {
        /** Task_SendReminder of the models before the outbox: sends the planned message unless the outbox did. */
        void send(String appointmentId, String phone, String reminderId) throws TextRefused;

        /** Task_RecordReminder: what the outbox did with the reminder; a refused text throws. */
        void record(String reminderId) throws TextRefused;
    }

    /** The reply paths; the owner-task ones give the summary the task form shows. */
    interface Replies {
        /** Model versions before "Acknowledge the confirmation": records the confirmation and texts the client in one step. */
        void confirm(String appointmentId, String phone, String replyMessageId);

        /** The attendee is CONFIRMED, if a confirmation applies now; in the reply's own transaction. */
        void recordConfirmation(String appointmentId, String phone, String replyMessageId);

        /** Texts the client that the appointment is confirmed, if the attendee still is. */
        void acknowledgeConfirmation(String appointmentId, String phone, String replyMessageId);

        /** Model versions before "Tell of the decline": records the decline and tells the client and the owner in one step. */
        String decline(String appointmentId, String phone, String replyMessageId);

        /** The attendee is DECLINED, in the reply's own transaction; returns the follow-up task's summary. */
        String recordDecline(String appointmentId, String phone, String replyMessageId);

        /** Thanks the client by text and emails the owner (each once, whatever the retries). */
        void tellDecline(String appointmentId, String phone, String replyMessageId);

        void requestReschedule(String appointmentId, String phone, String replyMessageId);

        void help(String appointmentId, String phone, String replyMessageId);

        void forwardToOwner(String appointmentId, String phone, String replyMessageId);
    }

    /** No answer by the deadline: whether a "Call the client" task is due now, and what it shows. */
    record NoResponse(boolean ownerTask, String summary) {
    }

    /** The owner steps in. */
    /** What Task_FindFreeSlots decided: free slots to text (when), or the owner reschedules (with the task's summary). */
    record SlotOfferPlan(boolean offer, Instant offerAt, Instant choiceDeadlineAt, String summary) {
    }

    /** The reschedule-by-text path: free slots offered, the client's number moves the event. */
    interface Reschedules {
        SlotOfferPlan findFreeSlots(String appointmentId, String phone, String replyMessageId);

        /** @throws TextRefused when the provider refuses the text */
        void textSlotOffer(String appointmentId, String phone);

        /** The owner reschedules after the provider refused the free slots; @return the task's summary */
        String recordRefusedOffer(String appointmentId, String phone);

        /** @return true when the chosen slot was free and the event is being moved there */
        boolean moveToChosenSlot(String appointmentId, String phone, String replyMessageId);

        String recordNoSlotChosen(String appointmentId, String phone);

        void withdrawSlotOffer(String appointmentId, String phone);
    }

    interface OwnerTasks {
        NoResponse recordNoResponse(String appointmentId, String phone);

        void recordCallOutcome(String appointmentId, String phone, CallOutcome outcome, String notes);
    }

    /** The appointment was cancelled, or the attendee removed. */
    interface Endings {
        /** When the cancellation notice may go out (quiet hours), or null if none is to be sent. */
        Instant planCancellationNotice(String appointmentId, String phone);

        void sendCancellationNotice(String appointmentId, String phone);

        void recordRemoval(String appointmentId, String phone);
    }

    /** What the email fallback did, and the summary the owner's task shows if it could not. */
    record Fallback(boolean sentByEmail, String summary) {
    }

    /** delivery-failure.bpmn: a text that did not reach the client. */
    interface Failures {
        Fallback sendByEmailInstead(String appointmentId, String phone, String failedMessageId, String reason);

        void recordReachOutcome(String appointmentId, String phone, String outcome, String notes);
    }
}
