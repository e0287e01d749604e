package io.confirmloop.messaging;

import java.util.Map;
import java.util.Optional;

/**
 * What the Twilio error codes an owner meets most mean, in the owner's words (from Twilio's error
 * and warning dictionary), for the logs and the troubleshooting answer.
 */
public final class TwilioErrors {

    private static final Map<String, String> MEANINGS = Map.ofEntries(
            Map.entry("21211", "the number is not a valid phone number"),
            Map.entry("21408", "texts to this country are not enabled on the Twilio account"),
            Map.entry("21610", "the client texted STOP (unsubscribed): text START to receive texts again"),
            Map.entry("21612", "Twilio cannot send from our number to this number"),
            Map.entry("21614", "the number is not a mobile number (a landline cannot receive texts)"),
            Map.entry("30003", "the phone is switched off or out of coverage"),
            Map.entry("30004", "the message was blocked (the client blocked the number, or the carrier did)"),
            Map.entry("30005", "the number is unknown to the carrier or no longer in service"),
            Map.entry("30006", "a landline, or a carrier that cannot receive texts"),
            Map.entry("30007", "the carrier filtered it as spam"),
            Map.entry("30008", "the carrier reported an unknown error"),
            Map.entry("30032", "the toll-free number we send from is not verified"),
            Map.entry("30034", "the number we send from is not registered for A2P 10DLC in the US"));

    private TwilioErrors() {
    }

    public static Optional<String> meaning(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(MEANINGS.get(code.trim()));
    }
}
