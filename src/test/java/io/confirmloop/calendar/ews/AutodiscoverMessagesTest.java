package io.confirmloop.calendar.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confirmloop.calendar.CalendarProviderException;
import org.junit.jupiter.api.Test;

/** Autodiscover answers as Microsoft's "Autodiscover POX response" and GetUserSettings references show them. */
class AutodiscoverMessagesTest {

    private static String pox(String account) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006\">"
                + "<Response xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a\">"
                + "<User><DisplayName>Pat</DisplayName></User><Account>" + account + "</Account></Response></Autodiscover>";
    }

    @Test
    void thePoxSettingsGiveTheExternalEwsUrlFirst() {
        AutodiscoverMessages.Answer answer = AutodiscoverMessages.pox(pox("<AccountType>email</AccountType><Action>settings</Action>"
                + "<Protocol><Type>EXCH</Type><EwsUrl>https://exch01.contoso.local/EWS/Exchange.asmx</EwsUrl></Protocol>"
                + "<Protocol><Type>EXPR</Type><EwsUrl>https://mail.contoso.com/EWS/Exchange.asmx</EwsUrl></Protocol>"));

        assertThat(answer.ewsUrl()).isEqualTo("https://mail.contoso.com/EWS/Exchange.asmx");
    }

    @Test
    void poxRedirectsAndErrors() {
        assertThat(AutodiscoverMessages.pox(pox("<Action>redirectAddr</Action><RedirectAddr>pat@contoso.com</RedirectAddr>"))
                .redirectAddress()).isEqualTo("pat@contoso.com");
        assertThat(AutodiscoverMessages.pox(pox("<Action>redirectUrl</Action><RedirectUrl>https://ad.contoso.com/autodiscover/autodiscover.xml</RedirectUrl>"))
                .redirectUrl()).isEqualTo("https://ad.contoso.com/autodiscover/autodiscover.xml");
        assertThat(AutodiscoverMessages.pox("<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006\">"
                + "<Response><Error><ErrorCode>500</ErrorCode><Message>The email address can't be found.</Message></Error></Response>"
                + "</Autodiscover>").error()).contains("can't be found");
    }

    @Test
    void getUserSettingsGivesTheEwsUrlOrARedirect() {
        String ok = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><GetUserSettingsResponseMessage"
                + " xmlns=\"http://schemas.microsoft.com/exchange/2010/Autodiscover\"><Response><ErrorCode>NoError</ErrorCode><UserResponses>"
                + "<UserResponse><ErrorCode>NoError</ErrorCode><UserSettings><UserSetting><Name>InternalEwsUrl</Name>"
                + "<Value>https://exch01.contoso.local/EWS/Exchange.asmx</Value></UserSetting></UserSettings></UserResponse>"
                + "</UserResponses></Response></GetUserSettingsResponseMessage></s:Body></s:Envelope>";
        assertThat(AutodiscoverMessages.soap(ok).ewsUrl()).isEqualTo("https://exch01.contoso.local/EWS/Exchange.asmx");
        String redirect = ok.replace("<UserResponse><ErrorCode>NoError</ErrorCode>", "<UserResponse><ErrorCode>RedirectAddress</ErrorCode>"
                + "<RedirectTarget>pat@contoso.com</RedirectTarget>");
        assertThat(AutodiscoverMessages.soap(redirect).redirectAddress()).isEqualTo("pat@contoso.com");
    }

    @Test
    void exchangeOnlineAndPlainHttpAreRefused() {
        assertThatThrownBy(() -> EwsAutodiscover.checked("https://outlook.office365.com/EWS/Exchange.asmx"))
                .isInstanceOf(CalendarProviderException.Rejected.class).hasMessageContaining("Microsoft 365 calendar (provider graph)");
        assertThatThrownBy(() -> EwsAutodiscover.checked("http://mail.contoso.com/EWS/Exchange.asmx"))
                .isInstanceOf(CalendarProviderException.Rejected.class).hasMessageContaining("https");
        assertThat(EwsAutodiscover.checked("https://mail.contoso.com/EWS/Exchange.asmx")).isEqualTo("https://mail.contoso.com/EWS/Exchange.asmx");
    }

    @Test
    void requestsEscapeTheAddress() {
        assertThat(AutodiscoverMessages.poxRequest("a&b@contoso.com")).contains("<EMailAddress>a&amp;b@contoso.com</EMailAddress>",
                "<AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema>");
    }
}
