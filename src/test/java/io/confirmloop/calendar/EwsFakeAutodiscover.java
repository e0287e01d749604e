package io.confirmloop.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * The fake Exchange's Autodiscover: POX (the "Outlook" 2006a response schema) and SOAP
 * GetUserSettings. The mailbox's address gets its EWS URL, its old address a redirectAddr to the
 * current one, the cloud address an Exchange Online EWS URL, and any other address the error
 * Exchange gives for an unknown address.
 */
final class EwsFakeAutodiscover {

    private static final Pattern POX_ADDRESS = Pattern.compile("<EMailAddress>([^<]*)</EMailAddress>");
    private static final Pattern SOAP_ADDRESS = Pattern.compile("<(?:\\w+:)?Mailbox>([^<]*)</(?:\\w+:)?Mailbox>");
    private static final String CLOUD_EWS = "https://outlook.office365.com/EWS/Exchange.asmx";

    private EwsFakeAutodiscover() {
    }

    static ResponseDefinition pox(String request, String ewsUrl) {
        Matcher m = POX_ADDRESS.matcher(request);
        if (!request.contains("http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a") || !m.find()) {
            return EwsFake.xml(200, EwsFakeXml.poxError("Invalid Request"));
        }
        String address = m.group(1).trim();
        if (address.equalsIgnoreCase(EwsFake.EMAIL)) {
            return EwsFake.xml(200, EwsFakeXml.poxSettings(address, ewsUrl));
        }
        if (address.equalsIgnoreCase(EwsFake.OLD_EMAIL)) {
            return EwsFake.xml(200, EwsFakeXml.poxRedirectAddr(EwsFake.EMAIL));
        }
        if (address.equalsIgnoreCase(EwsFake.CLOUD_EMAIL)) {
            return EwsFake.xml(200, EwsFakeXml.poxSettings(address, CLOUD_EWS));
        }
        return EwsFake.xml(200, EwsFakeXml.poxError("The email address can't be found."));
    }

    static ResponseDefinition soap(String request, String ewsUrl) {
        Matcher m = SOAP_ADDRESS.matcher(request);
        if (!request.contains("GetUserSettingsRequestMessage") || !m.find()) {
            return aResponse().withStatus(400).build();
        }
        String address = m.group(1).trim();
        String code = address.equalsIgnoreCase(EwsFake.EMAIL) ? "NoError"
                : address.equalsIgnoreCase(EwsFake.OLD_EMAIL) ? "RedirectAddress" : "InvalidUser";
        String target = code.equals("RedirectAddress") ? "<RedirectTarget>" + EwsFake.EMAIL + "</RedirectTarget>"
                : "<RedirectTarget i:nil=\"true\"/>";
        String settings = code.equals("NoError") ? "<UserSettings><UserSetting i:type=\"StringSetting\"><Name>ExternalEwsUrl</Name>"
                + "<Value>" + EwsFakeXml.esc(ewsUrl) + "</Value></UserSetting></UserSettings>" : "<UserSettings/>";
        return EwsFake.xml(200, "<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:a=\"http://www.w3.org/2005/08/addressing\"><s:Header>"
                + "<a:Action s:mustUnderstand=\"1\">http://schemas.microsoft.com/exchange/2010/Autodiscover/Autodiscover/GetUserSettingsResponse</a:Action>"
                + "<h:ServerVersionInfo xmlns:h=\"http://schemas.microsoft.com/exchange/2010/Autodiscover\""
                + " xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\"><h:MajorVersion>15</h:MajorVersion><h:MinorVersion>1</h:MinorVersion>"
                + "<h:MajorBuildNumber>2507</h:MajorBuildNumber><h:MinorBuildNumber>6</h:MinorBuildNumber><h:Version>Exchange2015</h:Version>"
                + "</h:ServerVersionInfo></s:Header><s:Body><GetUserSettingsResponseMessage"
                + " xmlns=\"http://schemas.microsoft.com/exchange/2010/Autodiscover\"><Response"
                + " xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\"><ErrorCode>NoError</ErrorCode><ErrorMessage/><UserResponses>"
                + "<UserResponse><ErrorCode>" + code + "</ErrorCode><ErrorMessage>" + (code.equals("NoError") ? "No error." : code)
                + "</ErrorMessage>" + target + "<UserSettingErrors/>" + settings + "</UserResponse></UserResponses></Response>"
                + "</GetUserSettingsResponseMessage></s:Body></s:Envelope>");
    }
}
