package io.confirmloop.messaging;

import java.time.Instant;
import java.util.Optional;

/** Asks the SMS provider whether it already accepted a message whose answer we never stored. */
public interface SentSmsLookup {

    Optional<GatewayRequests.Receipt> find(String to, String body, Instant since);
}
