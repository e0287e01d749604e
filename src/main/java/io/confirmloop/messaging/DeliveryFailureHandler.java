package io.confirmloop.messaging;

/** What happens when a text did not reach the client (refused, failed or undelivered). */
public interface DeliveryFailureHandler {

    void textNotDelivered(String messageId, String reason);
}
