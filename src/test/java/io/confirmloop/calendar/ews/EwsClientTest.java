package io.confirmloop.calendar.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.ProviderResponse;
import org.junit.jupiter.api.Test;

/** EWS failures, as Exchange sends them: SOAP faults with status 500 and error response messages in a 200. */
class EwsClientTest {

    private static final String BUSY = """
            <?xml version="1.0" encoding="utf-8"?>
            <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>
              <faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">a:ErrorServerBusy</faultcode>
              <faultstring xml:lang="en-US">The server cannot service this request right now. Try again later.</faultstring>
              <detail>
                <e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">ErrorServerBusy</e:ResponseCode>
                <e:Message xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">The server cannot service this request right now. Try again later.</e:Message>
                <t:MessageXml xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
                  <t:Value Name="BackOffMilliseconds">297749</t:Value>
                </t:MessageXml>
              </detail>
            </s:Fault></s:Body></s:Envelope>""";

    private static String message(String operation, String code) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
                  <m:%1$sResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
                      xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages>
                    <m:%1$sResponseMessage ResponseClass="Error"><m:MessageText>It did not work.</m:MessageText>
                      <m:ResponseCode>%2$s</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>
                    </m:%1$sResponseMessage>
                  </m:ResponseMessages></m:%1$sResponse>
                </s:Body></s:Envelope>""".formatted(operation, code).strip();
    }

    private static List<EwsClient.Message> answer(int status, String body) {
        return EwsClient.messages(new ProviderResponse(status, Map.of(), body));
    }

    @Test
    void aBusyServerIsUnavailableForItsBackOff() {
        assertThatThrownBy(() -> answer(500, BUSY.strip())).isInstanceOfSatisfying(CalendarProviderException.Unavailable.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(297749)));
    }

    @Test
    void responseCodesBecomeWhatToDo() {
        assertThatThrownBy(() -> EwsClient.single(answer(200, message("SyncFolderItems", "ErrorInvalidSyncStateData"))))
                .isInstanceOf(CalendarProviderException.CursorExpired.class);
        assertThatThrownBy(() -> EwsClient.single(answer(200, message("UpdateItem", "ErrorIrresolvableConflict"))))
                .isInstanceOf(CalendarProviderException.VersionConflict.class);
        assertThatThrownBy(() -> EwsClient.single(answer(200, message("DeleteItem", "ErrorItemNotFound"))))
                .isInstanceOf(CalendarProviderException.NotFound.class).hasMessageContaining("ErrorItemNotFound");
        assertThatThrownBy(() -> EwsClient.single(answer(200, message("GetItem", "ErrorAccessDenied"))))
                .isInstanceOfSatisfying(CalendarProviderException.Rejected.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void anAnswerThatIsNoSoapIsRefusedAndA500WithoutSoapIsAnOutage() {
        assertThatThrownBy(() -> answer(200, "<html><body>Outlook Web App</body></html>"))
                .isInstanceOf(CalendarProviderException.Rejected.class).hasMessageContaining("EWS endpoint");
        assertThatThrownBy(() -> answer(500, "Internal Server Error")).isInstanceOf(CalendarProviderException.Unavailable.class);
    }
}
