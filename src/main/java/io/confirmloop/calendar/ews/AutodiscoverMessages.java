package io.confirmloop.calendar.ews;

import static io.confirmloop.calendar.ews.EwsXml.esc;

import java.util.List;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The two Autodiscover protocols of Exchange on-premises: the POX request and response ("Outlook"
 * schema 2006a: {@code Account/Action} settings, redirectAddr or redirectUrl, {@code Protocol/EwsUrl})
 * and the SOAP {@code GetUserSettings} call (ExternalEwsUrl, InternalEwsUrl, or a redirect target).
 */
final class AutodiscoverMessages {

    static final String POX_REQUEST_NS = "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006";
    static final String POX_RESPONSE_SCHEMA = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";
    static final String SOAP_NS = "http://schemas.microsoft.com/exchange/2010/Autodiscover";

    /** What an Autodiscover answer says: the EWS URL, or ask again for another address or at another URL. */
    record Answer(String ewsUrl, String redirectAddress, String redirectUrl, String error) {
        static Answer error(String error) {
            return new Answer(null, null, null, error);
        }
    }

    private AutodiscoverMessages() {
    }

    static String poxRequest(String email) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Autodiscover xmlns=\"" + POX_REQUEST_NS + "\"><Request>"
                + "<EMailAddress>" + esc(email) + "</EMailAddress>"
                + "<AcceptableResponseSchema>" + POX_RESPONSE_SCHEMA + "</AcceptableResponseSchema></Request></Autodiscover>";
    }

    static String soapRequest(String url, String email) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<soap:Envelope xmlns:a=\"" + SOAP_NS + "\""
                + " xmlns:wsa=\"http://www.w3.org/2005/08/addressing\" xmlns:soap=\"" + EwsXml.SOAP + "\"><soap:Header>"
                + "<a:RequestedServerVersion>Exchange2013</a:RequestedServerVersion>"
                + "<wsa:Action>http://schemas.microsoft.com/exchange/2010/Autodiscover/Autodiscover/GetUserSettings</wsa:Action>"
                + "<wsa:To>" + esc(url) + "</wsa:To></soap:Header><soap:Body><a:GetUserSettingsRequestMessage><a:Request>"
                + "<a:Users><a:User><a:Mailbox>" + esc(email) + "</a:Mailbox></a:User></a:Users>"
                + "<a:RequestedSettings><a:Setting>ExternalEwsUrl</a:Setting><a:Setting>InternalEwsUrl</a:Setting></a:RequestedSettings>"
                + "</a:Request></a:GetUserSettingsRequestMessage></soap:Body></soap:Envelope>";
    }

    static Answer pox(String xml) {
        Document doc = EwsXml.parse(xml).orElse(null);
        if (doc == null) {
            return Answer.error("the answer is not XML");
        }
        Element account = EwsXml.descendant(doc, "*", "Account");
        if (account == null) {
            Element message = EwsXml.descendant(doc, "*", "Message");
            return Answer.error(message == null ? "no account in the answer" : message.getTextContent().trim());
        }
        String action = text(account, "Action");
        if ("redirectAddr".equalsIgnoreCase(action)) {
            return new Answer(null, text(account, "RedirectAddr"), null, null);
        }
        if ("redirectUrl".equalsIgnoreCase(action)) {
            return new Answer(null, null, text(account, "RedirectUrl"), null);
        }
        String external = null;
        String internal = null;
        for (Element protocol : EwsXml.descendants(account, "*", "Protocol")) {
            String type = text(protocol, "Type");
            String ews = text(protocol, "EwsUrl");
            if ("EXPR".equals(type) && ews != null) {
                external = ews;
            } else if ("EXCH".equals(type) && ews != null) {
                internal = ews;
            }
        }
        String url = external != null ? external : internal;
        return url == null ? Answer.error("the account has no EWS URL") : new Answer(url, null, null, null);
    }

    static Answer soap(String xml) {
        Document doc = EwsXml.parse(xml).orElse(null);
        Element user = doc == null ? null : EwsXml.descendant(doc, SOAP_NS, "UserResponse");
        if (user == null) {
            return Answer.error("no user in the answer");
        }
        String code = EwsXml.text(user, SOAP_NS, "ErrorCode");
        String target = EwsXml.text(user, SOAP_NS, "RedirectTarget");
        if ("RedirectAddress".equals(code)) {
            return new Answer(null, target, null, null);
        }
        if ("RedirectUrl".equals(code)) {
            return new Answer(null, null, target, null);
        }
        if (code != null && !code.equals("NoError")) {
            return Answer.error(code);
        }
        String external = null;
        String internal = null;
        for (Element setting : EwsXml.descendants(user, SOAP_NS, "UserSetting")) {
            String name = EwsXml.text(setting, SOAP_NS, "Name");
            String value = EwsXml.text(setting, SOAP_NS, "Value");
            if ("ExternalEwsUrl".equals(name)) {
                external = value;
            } else if ("InternalEwsUrl".equals(name)) {
                internal = value;
            }
        }
        String url = external != null ? external : internal;
        return url == null ? Answer.error("no EWS URL among the user's settings") : new Answer(url, null, null, null);
    }

    private static String text(Element parent, String name) {
        List<Element> found = EwsXml.children(parent, null, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().trim();
    }
}
