package io.confirmloop.calendar.ews;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import io.confirmloop.calendar.ProviderEvent;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** A GetItem answer for a calendar item, shaped as in Microsoft's "GetItem operation (calendar item)" reference. */
class EwsItemsTest {

    private static final String ANSWER = """
            <?xml version="1.0" encoding="utf-8"?>
            <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
              <s:Header>
                <h:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6"
                    xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/>
              </s:Header>
              <s:Body>
                <m:GetItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
                    xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
                  <m:ResponseMessages>
                    <m:GetItemResponseMessage ResponseClass="Success">
                      <m:ResponseCode>NoError</m:ResponseCode>
                      <m:Items>
                        <t:CalendarItem>
                          <t:ItemId Id="AAMkADk0MWE4YmI3LTg2" ChangeKey="DwAAABYAAAA3v2J"/>
                          <t:Subject>Check-up +1 201-555-0101</t:Subject>
                          <t:Body BodyType="Text">[ConfirmLoop] +1 201-555-0101: reminded
            Bring the referral letter</t:Body>
                          <t:UID>040000008200E00074C5B7101A82E00800000000</t:UID>
                          <t:Start>2027-03-15T14:00:00Z</t:Start>
                          <t:End>2027-03-15T14:30:00Z</t:End>
                          <t:IsAllDayEvent>false</t:IsAllDayEvent>
                          <t:LegacyFreeBusyStatus>Tentative</t:LegacyFreeBusyStatus>
                          <t:Location>Room 2</t:Location>
                          <t:IsCancelled>false</t:IsCancelled>
                          <t:CalendarItemType>Occurrence</t:CalendarItemType>
                          <t:MyResponseType>Accept</t:MyResponseType>
                          <t:Organizer><t:Mailbox><t:Name>Board</t:Name><t:EmailAddress>board@northside.example</t:EmailAddress>
                            <t:RoutingType>SMTP</t:RoutingType></t:Mailbox></t:Organizer>
                          <t:StartTimeZone Id="GMT Standard Time" Name="(UTC+00:00) Dublin, Edinburgh, Lisbon, London"/>
                        </t:CalendarItem>
                      </m:Items>
                    </m:GetItemResponseMessage>
                  </m:ResponseMessages>
                </m:GetItemResponse>
              </s:Body>
            </s:Envelope>""";

    private static Element item(String xml) {
        Document doc = EwsXml.parse(xml.strip()).orElseThrow();
        return EwsXml.descendant(doc, EwsXml.TYPES, "CalendarItem");
    }

    @Test
    void aCalendarItemIsAnEventWithItsChangeKeyZoneAndBusyTime() {
        ProviderEvent event = EwsItems.event(item(ANSWER), "pat@parkside.example").orElseThrow();

        assertThat(event.eventId()).isEqualTo("AAMkADk0MWE4YmI3LTg2");
        assertThat(event.version()).isEqualTo("DwAAABYAAAA3v2J");
        assertThat(event.seriesId()).isEqualTo("040000008200E00074C5B7101A82E00800000000");
        assertThat(event.title()).isEqualTo("Check-up +1 201-555-0101");
        assertThat(event.description()).isEqualTo("[ConfirmLoop] +1 201-555-0101: reminded\nBring the referral letter");
        assertThat(event.location()).isEqualTo("Room 2");
        assertThat(event.start()).isEqualTo(Instant.parse("2027-03-15T14:00:00Z"));
        assertThat(event.end()).isEqualTo(Instant.parse("2027-03-15T14:30:00Z"));
        assertThat(event.timeZone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(event.busy()).isTrue();
        assertThat(event.organizedByOwner()).isFalse();
    }

    @Test
    void freeTimeOrganizerAndASingleEvent() {
        String own = ANSWER.replace("Tentative", "Free").replace("<t:MyResponseType>Accept", "<t:MyResponseType>Organizer")
                .replace("Occurrence", "Single");
        ProviderEvent event = EwsItems.event(item(own), "pat@parkside.example").orElseThrow();

        assertThat(event.busy()).isFalse();
        assertThat(event.organizedByOwner()).isTrue();
        assertThat(event.seriesId()).isNull();
    }

    @Test
    void isOrganizerWinsAndWithoutEitherTheOrganizersAddressDecides() {
        String isOrganizer = ANSWER.replace("London\"/>", "London\"/><t:IsOrganizer>true</t:IsOrganizer>");
        assertThat(EwsItems.event(item(isOrganizer), "pat@parkside.example").orElseThrow().organizedByOwner()).isTrue();

        String noResponse = ANSWER.replace("<t:MyResponseType>Accept</t:MyResponseType>", "");
        assertThat(EwsItems.event(item(noResponse), "board@northside.example").orElseThrow().organizedByOwner()).isTrue();
        assertThat(EwsItems.event(item(noResponse), "pat@parkside.example").orElseThrow().organizedByOwner()).isFalse();
    }

    @Test
    void cancelledMeetingsAndAllDayEventsAreNoEvents() {
        Optional<ProviderEvent> cancelled = EwsItems.event(item(ANSWER.replace("<t:IsCancelled>false", "<t:IsCancelled>true")), null);
        Optional<ProviderEvent> allDay = EwsItems.event(item(ANSWER.replace("<t:IsAllDayEvent>false", "<t:IsAllDayEvent>true")), null);

        assertThat(cancelled).isEmpty();
        assertThat(allDay).isEmpty();
    }

    @Test
    void windowsZonesMapBothWays() {
        assertThat(EwsTimeZones.toWindows(ZoneId.of("America/Chicago"))).isEqualTo("Central Standard Time");
        assertThat(EwsTimeZones.fromWindows("Central Standard Time")).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(EwsTimeZones.toWindows(ZoneId.of("Asia/Kolkata"))).isEqualTo("India Standard Time");
        assertThat(EwsTimeZones.fromWindows("Nowhere Standard Time")).isNull();
        assertThat(EwsTimeZones.toWindows(ZoneId.of("Pacific/Chatham"))).isNull();
    }
}
