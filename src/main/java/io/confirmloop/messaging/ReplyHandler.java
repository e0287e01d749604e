package io.confirmloop.messaging;

/**
 * Hands a stored client text to what it answers (implemented by the appointment side, so that
 * messaging never calls it directly).
 */
public interface ReplyHandler {

    /**
     * @return true if the text reached an attendee's process, false if nothing awaits it
     * @throws RuntimeException when the attendee it answers is busy right now (the caller retries)
     */
    boolean route(String messageId);

    /** A text that answers nothing, or could not be handed over in time: kept for the client log, the owner told. */
    void unmatched(String messageId);
}
