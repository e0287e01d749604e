package io.confirmloop.calendar.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.confirmloop.calendar.CalendarProviderException;
import org.junit.jupiter.api.Test;

class EwsTokensTest {

    @Test
    void aPageTokenComesBackAsItWent() {
        EwsTokens.Page page = new EwsTokens.Page(Instant.parse("2026-12-02T15:29:59Z"), List.of("AAMk1", "AAMk2"), "ews1.abc");

        assertThat(EwsTokens.page(EwsTokens.encode(page))).isEqualTo(page);
    }

    @Test
    void aCursorKnowsItsSeriesMastersByHash() {
        EwsTokens.Cursor cursor = new EwsTokens.Cursor("H4sIAAAA", Set.of()).with("H4sIAAAB", Set.of("AAMkMaster"), Set.of());
        EwsTokens.Cursor back = EwsTokens.cursor(EwsTokens.encode(cursor));

        assertThat(back.syncState()).isEqualTo("H4sIAAAB");
        assertThat(back.isMaster("AAMkMaster")).isTrue();
        assertThat(back.isMaster("AAMkSingle")).isFalse();
        assertThat(back.with("H4sIAAAC", Set.of(), Set.of("AAMkMaster")).isMaster("AAMkMaster")).isFalse();
        assertThat(EwsTokens.encode(back)).doesNotContain("AAMkMaster");
    }

    @Test
    void aCursorThatIsNotOursIsExpired() {
        assertThatThrownBy(() -> EwsTokens.cursor("")).isInstanceOf(CalendarProviderException.CursorExpired.class);
        assertThatThrownBy(() -> EwsTokens.cursor("ews1.%%%")).isInstanceOf(CalendarProviderException.CursorExpired.class);
    }
}
