package io.confirmloop.messaging;

/**
 * Names shared by the delivery-failure BPMN, the code that starts it and the tests. One process
 * instance per text that could not be delivered to a client without an email address to fall back
 * to (business key = appointment id): the account owner gets a task to reach the client another way.
 */
public final class DeliveryFailureProcess {

    public static final String PROCESS_ID = "delivery-failure";

    private DeliveryFailureProcess() {
    }

    /** Element ids in delivery-failure.bpmn. */
    public static final class Elements {
        public static final String START = "StartEvent_DeliveryFailed";
        public static final String REACH_CLIENT = "UserTask_ReachClient";
        public static final String END_CLIENT_REACHED = "EndEvent_ClientReached";

        private Elements() {
        }
    }

    /** Camunda Form ids used by the user tasks. */
    public static final class Forms {
        public static final String REACH_CLIENT = "form-reach-client";

        private Forms() {
        }
    }

    /** Process variables: the start variables, written by Java, and what the owner enters. */
    public static final class Variables {
        /** Appointment id (also the business key). */
        public static final String APPOINTMENT_ID = "appointmentId";
        /** Calendar owner group: candidate group of the user task. */
        public static final String OWNER_GROUP = "ownerGroup";
        /** E.164 phone number the text could not be delivered to. */
        public static final String ATTENDEE_PHONE = "attendeePhone";
        /** Read-only summary shown in the form: appointment, client number, failed text, provider error. */
        public static final String TASK_SUMMARY = "taskSummary";
        /** Outcome chosen in the reach-the-client form, one of {@link ReachOutcome}. */
        public static final String REACH_OUTCOME = "reachOutcome";
        /** Notes typed in the reach-the-client form. */
        public static final String REACH_NOTES = "reachNotes";

        private Variables() {
        }
    }

    /** Values of {@link Variables#REACH_OUTCOME} (the options of the form's select). */
    public enum ReachOutcome { REACHED, NUMBER_WRONG, UNREACHABLE }
}
