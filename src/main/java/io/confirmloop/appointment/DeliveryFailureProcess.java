package io.confirmloop.appointment;

/**
 * Names shared by the delivery-failure BPMN ("Reach the client another way"), the lifecycle that
 * calls it and the tests. It runs for a text that was refused or not delivered: by email where the
 * client has an address, else a task for the owner.
 */
public final class DeliveryFailureProcess {

    public static final String PROCESS_ID = "delivery-failure";

    private DeliveryFailureProcess() {
    }

    /** Element ids in delivery-failure.bpmn. */
    public static final class Elements {
        public static final String START = "StartEvent_DeliveryFailed";
        public static final String SEND_BY_EMAIL = "Task_SendByEmail";
        public static final String REACH_CLIENT = "UserTask_ReachClient";
        public static final String RECORD_REACH_OUTCOME = "Task_RecordReachOutcome";
        public static final String END_SENT_BY_EMAIL = "EndEvent_SentByEmail";
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

    /** Process variables besides the lifecycle's (appointment id, phone, owner group, labels, failed message). */
    public static final class Variables {
        /** The text went out by email instead. */
        public static final String SENT_BY_EMAIL = "sentByEmail";
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
