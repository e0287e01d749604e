package io.confirmloop.messaging;

import java.util.List;
import java.util.Locale;

import io.confirmloop.system.AppClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a provider's delivery status to our message: queued → sending → sent → delivered, or
 * undelivered / failed. Statuses that arrive out of order never move a message backwards. A text
 * that failed is handed to the {@link DeliveryFailureHandler} once.
 */
@Service
class DeliveryStatuses {

    private static final Logger log = LoggerFactory.getLogger(DeliveryStatuses.class);
    private static final List<String> ORDER = List.of("ACCEPTED", "SCHEDULED", "QUEUED", "SENDING", "SENT", "DELIVERED", "READ");
    private static final List<String> FAILED = List.of("FAILED", "UNDELIVERED", "CANCELED");

    private final MessageRepository messages;
    private final OptOuts optOuts;
    private final DeliveryFailureHandler failures;
    private final AppClock clock;

    DeliveryStatuses(MessageRepository messages, OptOuts optOuts, DeliveryFailureHandler failures, AppClock clock) {
        this.messages = messages;
        this.optOuts = optOuts;
        this.failures = failures;
        this.clock = clock;
    }

    /** @return false if no message has this provider id */
    @Transactional
    public boolean update(String providerId, String providerStatus, String errorCode) {
        Message m = messages.findByProviderId(providerId).orElse(null);
        if (m == null) {
            log.info("Status {} for unknown message {} ignored", providerStatus, providerId);
            return false;
        }
        String status = providerStatus.toUpperCase(Locale.ROOT);
        String current = m.status();
        if (FAILED.contains(current) || Message.Status.FAILED.equals(current)) {
            return true;
        }
        if (FAILED.contains(status)) {
            messages.setStatus(m.id(), status, clock.now());
            if (errorCode != null && !errorCode.isBlank()) {
                messages.setError(m.id(), errorCode, null, clock.now());
            }
            if (String.valueOf(OutboundMessages.TWILIO_UNSUBSCRIBED).equals(errorCode) && m.phone() != null) {
                optOuts.optOut(m.phone(), "carrier (error 21610)");
            }
            failures.textNotDelivered(m.id(), "the provider reported it " + status.toLowerCase(Locale.ROOT)
                    + (errorCode == null || errorCode.isBlank() ? "" : " (error " + errorCode + ")"));
            return true;
        }
        if (ORDER.indexOf(status) > ORDER.indexOf(current)) {
            messages.setStatus(m.id(), status, clock.now());
        }
        return true;
    }
}
