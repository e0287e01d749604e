package io.confirmloop.calendar;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fake Exchange's answers, shaped as Microsoft's EWS reference shows them: a SOAP envelope with
 * {@code ServerVersionInfo} in the header, one {@code m:*ResponseMessage} per item in
 * {@code m:ResponseMessages}, calendar items with their elements in schema order, errors as
 * {@code ResponseClass="Error"} with a {@code ResponseCode}, and SOAP faults (status 500) for
 * requests the server refuses as a whole.
 */
final class EwsFakeXml {

    static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String T = "http://schemas.microsoft.com/exchange/services/2006/types";
    static final String M = "http://schemas.microsoft.com/exchange/services/2006/messages";
    static final String OWNER = "pat@parkside.example";

    private static final Map<String, String> WINDOWS = Map.of("America/Chicago", "Central Standard Time", "America/New_York",
            "Eastern Standard Time", "Europe/London", "GMT Standard Time", "UTC", "UTC");
    private static final Map<String, String> DISPLAY = Map.of("Central Standard Time", "(UTC-06:00) Central Time (US &amp; Canada)",
            "Eastern Standard Time", "(UTC-05:00) Eastern Time (US &amp; Canada)", "GMT Standard Time",
            "(UTC+00:00) Dublin, Edinburgh, Lisbon, London", "UTC", "(UTC) Coordinated Universal Time");

    private EwsFakeXml() {
    }

    static String windowsZone(ZoneId zone) {
        return zone == null ? "UTC" : WINDOWS.getOrDefault(zone.getId(), "UTC");
    }

    static ZoneId zone(String windowsId) {
        return WINDOWS.entrySet().stream().filter(e -> e.getValue().equals(windowsId)).map(e -> ZoneId.of(e.getKey())).findFirst()
                .orElse(ZoneId.of("UTC"));
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String envelope(String operation, String messages) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<s:Envelope xmlns:s=\"" + SOAP + "\"><s:Header>"
                + "<h:ServerVersionInfo MajorVersion=\"15\" MinorVersion=\"1\" MajorBuildNumber=\"2507\" MinorBuildNumber=\"6\""
                + " Version=\"V2017_07_11\" xmlns:h=\"" + T + "\" xmlns=\"" + T + "\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"/>"
                + "</s:Header><s:Body xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">"
                + "<m:" + operation + "Response xmlns:m=\"" + M + "\" xmlns:t=\"" + T + "\"><m:ResponseMessages>" + messages
                + "</m:ResponseMessages></m:" + operation + "Response></s:Body></s:Envelope>";
    }

    static String success(String operation, String content) {
        return "<m:" + operation + "ResponseMessage ResponseClass=\"Success\"><m:ResponseCode>NoError</m:ResponseCode>" + content
                + "</m:" + operation + "ResponseMessage>";
    }

    static String error(String operation, String code, String text, String content) {
        return "<m:" + operation + "ResponseMessage ResponseClass=\"Error\"><m:MessageText>" + esc(text) + "</m:MessageText>"
                + "<m:ResponseCode>" + code + "</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>" + content
                + "</m:" + operation + "ResponseMessage>";
    }

    /** A SOAP fault as EWS sends it with status 500, e.g. ErrorServerBusy with its BackOffMilliseconds. */
    static String fault(String code, String text, Long backOffMillis) {
        String xml = backOffMillis == null ? ""
                : "<t:MessageXml xmlns:t=\"" + T + "\"><t:Value Name=\"BackOffMilliseconds\">" + backOffMillis + "</t:Value></t:MessageXml>";
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"" + SOAP + "\"><s:Body><s:Fault>"
                + "<faultcode xmlns:a=\"" + T + "\">a:" + code + "</faultcode>"
                + "<faultstring xml:lang=\"en-US\">" + esc(text) + "</faultstring><detail>"
                + "<e:ResponseCode xmlns:e=\"http://schemas.microsoft.com/exchange/services/2006/errors\">" + code + "</e:ResponseCode>"
                + "<e:Message xmlns:e=\"http://schemas.microsoft.com/exchange/services/2006/errors\">" + esc(text) + "</e:Message>" + xml
                + "</detail></s:Fault></s:Body></s:Envelope>";
    }

    /** A calendar item with the fields the shape asks for, in the schema's order. */
    static String item(EwsFakeMailbox.Item i, Set<String> fields) {
        StringBuilder x = new StringBuilder("<t:CalendarItem><t:ItemId Id=\"" + esc(i.id) + "\" ChangeKey=\"" + i.changeKey() + "\"/>");
        if (fields.contains("item:Subject")) {
            x.append("<t:Subject>").append(esc(i.subject)).append("</t:Subject>");
        }
        if (fields.contains("item:Body")) {
            x.append(i.body == null || i.body.isEmpty() ? "<t:Body BodyType=\"Text\"/>"
                    : "<t:Body BodyType=\"Text\">" + esc(i.body) + "</t:Body>");
        }
        field(x, fields, "calendar:UID", "UID", i.uid);
        field(x, fields, "calendar:Start", "Start", i.start.toString());
        field(x, fields, "calendar:End", "End", i.end.toString());
        field(x, fields, "calendar:IsAllDayEvent", "IsAllDayEvent", String.valueOf(i.allDay));
        field(x, fields, "calendar:LegacyFreeBusyStatus", "LegacyFreeBusyStatus", i.busy ? "Busy" : "Free");
        if (i.location != null) {
            field(x, fields, "calendar:Location", "Location", i.location);
        }
        field(x, fields, "calendar:IsCancelled", "IsCancelled", String.valueOf(i.cancelled));
        field(x, fields, "calendar:CalendarItemType", "CalendarItemType", i.type());
        field(x, fields, "calendar:MyResponseType", "MyResponseType", i.organizer ? "Organizer" : "Accept");
        if (fields.contains("calendar:Organizer")) {
            String address = i.organizer ? OWNER : "board@northside.example";
            x.append("<t:Organizer><t:Mailbox><t:Name>").append(i.organizer ? "Pat Owner" : "Northside Board").append("</t:Name>")
                    .append("<t:EmailAddress>").append(address).append("</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType>")
                    .append("<t:MailboxType>Mailbox</t:MailboxType></t:Mailbox></t:Organizer>");
        }
        if (fields.contains("calendar:RequiredAttendees")) {
            // an invitation lists the owner among the attendees; the owner's own meeting lists only those invited
            List<String> required = new ArrayList<>(i.guests);
            if (!i.organizer) {
                required.add(0, OWNER);
            }
            x.append("<t:RequiredAttendees>");
            required.forEach(address -> attendee(x, address, "SMTP"));
            // a colleague found in the organisation's directory: an Exchange (EX) address, not an SMTP one
            attendee(x, "/o=Parkside/ou=Exchange Administrative Group/cn=Recipients/cn=frontdesk", "EX");
            x.append("</t:RequiredAttendees>");
        }
        if (fields.contains("calendar:OptionalAttendees") && !i.guests.isEmpty()) {
            x.append("<t:OptionalAttendees>");
            attendee(x, i.organizer ? OWNER.toUpperCase(java.util.Locale.ROOT) : "board@northside.example", "SMTP");
            x.append("</t:OptionalAttendees>");
        }
        if (fields.contains("calendar:StartTimeZone")) {
            String id = windowsZone(i.zone);
            x.append("<t:StartTimeZone Id=\"").append(id).append("\" Name=\"").append(DISPLAY.get(id)).append("\"/>");
        }
        field(x, fields, "calendar:IsOrganizer", "IsOrganizer", String.valueOf(i.organizer));
        return x.append("</t:CalendarItem>").toString();
    }

    private static void attendee(StringBuilder x, String address, String routingType) {
        x.append("<t:Attendee><t:Mailbox><t:Name>").append(esc(address)).append("</t:Name><t:EmailAddress>").append(esc(address))
                .append("</t:EmailAddress><t:RoutingType>").append(routingType).append("</t:RoutingType>")
                .append("<t:MailboxType>Mailbox</t:MailboxType></t:Mailbox><t:ResponseType>Unknown</t:ResponseType></t:Attendee>");
    }

    private static void field(StringBuilder x, Set<String> fields, String uri, String element, String value) {
        if (fields.contains(uri)) {
            x.append("<t:").append(element).append('>').append(esc(value)).append("</t:").append(element).append('>');
        }
    }

    /** The POX Autodiscover answer for a mailbox, as Exchange 2013+ gives it. */
    static String poxSettings(String email, String ewsUrl) {
        return poxResponse("<User><DisplayName>Pat Owner</DisplayName><AutoDiscoverSMTPAddress>" + esc(email)
                + "</AutoDiscoverSMTPAddress></User><Account><AccountType>email</AccountType><Action>settings</Action>"
                + "<MicrosoftOnline>False</MicrosoftOnline>"
                + "<Protocol><Type>EXCH</Type><Server>exch01.parkside.local</Server><ASUrl>" + esc(ewsUrl) + "</ASUrl>"
                + "<EwsUrl>" + esc(ewsUrl) + "</EwsUrl></Protocol>"
                + "<Protocol><Type>EXPR</Type><Server>mail.parkside.example</Server><SSL>On</SSL><AuthPackage>Basic</AuthPackage>"
                + "<EwsUrl>" + esc(ewsUrl) + "</EwsUrl></Protocol></Account>");
    }

    static String poxRedirectAddr(String address) {
        return poxResponse("<Account><Action>redirectAddr</Action><RedirectAddr>" + esc(address) + "</RedirectAddr></Account>");
    }

    static String poxError(String message) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006\">"
                + "<Response><Error Time=\"12:00:00.0000000\" Id=\"2042855325\"><ErrorCode>500</ErrorCode><Message>" + esc(message)
                + "</Message><DebugData/></Error></Response></Autodiscover>";
    }

    private static String poxResponse(String content) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006\">"
                + "<Response xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a\">" + content
                + "</Response></Autodiscover>";
    }
}
