package io.confirmloop.calendar.ews;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.confirmloop.calendar.CalendarAccess;
import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.Connection;
import io.confirmloop.calendar.ProviderHttp;
import io.confirmloop.calendar.ProviderRequest;
import io.confirmloop.calendar.ProviderResponse;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * One EWS SOAP call through {@link ProviderHttp}: to the calendar's server URL (or the one
 * autodiscovered from its address), as {@code text/xml}. EWS answers failures as SOAP faults with
 * status 500, or as response messages with {@code ResponseClass="Error"} inside a 200; both become
 * the {@link CalendarProviderException} that says what to do.
 */
@Component
class EwsClient {

    static final Set<String> NOT_FOUND = Set.of("ErrorItemNotFound", "ErrorInvalidIdMalformed", "ErrorInvalidIdNotAnItemAttachmentId",
            "ErrorInvalidIdEmpty", "ErrorFolderNotFound");
    private static final Set<String> CONFLICT = Set.of("ErrorIrresolvableConflict", "ErrorStaleObject");
    private static final Set<String> TRANSIENT = Set.of("ErrorServerBusy", "ErrorTimeoutExpired", "ErrorInternalServerTransientError",
            "ErrorMailboxStoreUnavailable", "ErrorConnectionFailed", "ErrorMailboxMoveInProgress", "ErrorInternalServerError");
    private static final int MAX_TEXT = 200;

    /** One {@code *ResponseMessage} of an answer. */
    record Message(String responseClass, String code, String text, Element element) {
        boolean ok() {
            return !"Error".equals(responseClass);
        }
    }

    private final ProviderHttp http;
    private final EwsAutodiscover autodiscover;

    EwsClient(ProviderHttp http, EwsAutodiscover autodiscover) {
        this.http = http;
        this.autodiscover = autodiscover;
    }

    /** The response messages of the call, in the order of the request's items. */
    List<Message> call(CalendarAccess access, String envelope) {
        Connection.Ews ews = (Connection.Ews) access.connection();
        String url = ews.serverUrl() != null ? ews.serverUrl() : autodiscover.serverUrl(access);
        ProviderResponse response = http.send(access, request(url, envelope));
        return messages(response);
    }

    static ProviderRequest request(String url, String envelope) {
        return new ProviderRequest("POST", url, Map.of("Content-Type", "text/xml; charset=utf-8", "Accept", "text/xml"), envelope,
                Set.of()).passing(500);
    }

    /** The response messages of a SOAP answer; a fault (or an answer that is no SOAP) throws. */
    static List<Message> messages(ProviderResponse response) {
        Document doc = EwsXml.parse(response.body()).orElse(null);
        if (doc == null || EwsXml.descendant(doc, EwsXml.SOAP, "Body") == null) {
            if (response.status() >= 500) {
                throw new CalendarProviderException.Unavailable("Exchange answered " + response.status() + " without a SOAP answer", null,
                        null);
            }
            throw new CalendarProviderException.Rejected("Exchange answered " + response.status() + " with no SOAP envelope: is the "
                    + "server URL the EWS endpoint (…/EWS/Exchange.asmx)?", response.status(), null);
        }
        Element fault = EwsXml.descendant(doc, EwsXml.SOAP, "Fault");
        if (fault != null) {
            throw fault(fault, response.status());
        }
        Element container = EwsXml.descendant(doc, EwsXml.MESSAGES, "ResponseMessages");
        if (container == null) {
            throw new CalendarProviderException.Rejected("Exchange answered " + response.status() + " without response messages",
                    response.status(), null);
        }
        return EwsXml.elements(container).stream().map(e -> new Message(e.getAttribute("ResponseClass"),
                EwsXml.text(e, EwsXml.MESSAGES, "ResponseCode"), EwsXml.text(e, EwsXml.MESSAGES, "MessageText"), e)).toList();
    }

    /** The only message of a single-item call; an error throws. */
    static Message single(List<Message> messages) {
        if (messages.isEmpty()) {
            throw new CalendarProviderException.Rejected("Exchange answered no response message", 200, null);
        }
        Message m = messages.get(0);
        if (!m.ok()) {
            throw error(m.code(), m.text(), m.element(), 200);
        }
        return m;
    }

    private static CalendarProviderException fault(Element fault, int status) {
        String code = EwsXml.text(EwsXml.child(fault, null, "detail"), EwsXml.ERRORS, "ResponseCode");
        if (code == null) {
            String faultCode = EwsXml.text(fault, null, "faultcode");
            code = faultCode == null ? "" : faultCode.substring(faultCode.indexOf(':') + 1);
        }
        String text = EwsXml.text(fault, null, "faultstring");
        CalendarProviderException e = error(code, text, fault, status);
        if (e instanceof CalendarProviderException.Rejected && status >= 500 && !code.startsWith("ErrorSchema")
                && !code.startsWith("ErrorInvalid")) {
            return new CalendarProviderException.Unavailable(describe(code, text), null, null);
        }
        return e;
    }

    /** The exception for an EWS response code. */
    static CalendarProviderException error(String code, String text, Element where, int status) {
        String c = code == null ? "" : code;
        String message = describe(c, text);
        if (NOT_FOUND.contains(c)) {
            return new CalendarProviderException.NotFound(message, null);
        }
        if (CONFLICT.contains(c)) {
            return new CalendarProviderException.VersionConflict(message, null);
        }
        if (c.equals("ErrorInvalidSyncStateData") || c.equals("ErrorInvalidSyncStateData2")) {
            return new CalendarProviderException.CursorExpired(message, null);
        }
        if (TRANSIENT.contains(c)) {
            return new CalendarProviderException.Unavailable(message, backOff(where), null);
        }
        if (c.equals("ErrorAccessDenied") || c.equals("ErrorNonExistentMailbox")) {
            return new CalendarProviderException.Rejected(message + " (check the mailbox and the account's rights to it)", 403, null);
        }
        return new CalendarProviderException.Rejected(message, status, null);
    }

    private static String describe(String code, String text) {
        String t = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        t = t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) + "…" : t;
        return "Exchange answered " + (code.isEmpty() ? "an error" : code) + (t.isEmpty() ? "" : ": " + t);
    }

    /** {@code BackOffMilliseconds} of a throttled answer (in its MessageXml), or null. */
    static Duration backOff(Element where) {
        if (where == null) {
            return null;
        }
        for (Element value : EwsXml.descendants(where, EwsXml.TYPES, "Value")) {
            if ("BackOffMilliseconds".equals(value.getAttribute("Name"))) {
                try {
                    return Duration.ofMillis(Long.parseLong(value.getTextContent().trim()));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
