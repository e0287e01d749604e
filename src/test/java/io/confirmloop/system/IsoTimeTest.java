package io.confirmloop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class IsoTimeTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Test
    void aTimeWithAnOffsetIsThatInstantWhateverTheZone() {
        assertThat(IsoTime.parseIn("2026-12-02T10:00:00-05:00", "start", CHICAGO)).isEqualTo(Instant.parse("2026-12-02T15:00:00Z"));
        assertThat(IsoTime.parseIn("2026-12-02T15:00:00Z", "start", CHICAGO)).isEqualTo(Instant.parse("2026-12-02T15:00:00Z"));
    }

    @Test
    void aTimeWithoutOffsetIsTheCalendarsWallClockAcrossDst() {
        assertThat(IsoTime.parseIn("2026-12-02T10:00", "start", CHICAGO)).isEqualTo(Instant.parse("2026-12-02T16:00:00Z"));
        assertThat(IsoTime.parseIn("2026-07-02T10:00:00", "start", CHICAGO)).isEqualTo(Instant.parse("2026-07-02T15:00:00Z"));
        // 2:30 does not exist on 8 March 2026 in Chicago: it moves forward by the gap, to 3:30 CDT
        assertThat(IsoTime.parseIn("2026-03-08T02:30", "start", CHICAGO)).isEqualTo(Instant.parse("2026-03-08T08:30:00Z"));
        // 1:30 happens twice on 1 November 2026: the earlier one (CDT)
        assertThat(IsoTime.parseIn("2026-11-01T01:30", "start", CHICAGO)).isEqualTo(Instant.parse("2026-11-01T06:30:00Z"));
    }

    @Test
    void somethingElseIsAClearError() {
        assertThatThrownBy(() -> IsoTime.parseIn("tomorrow at ten", "start", CHICAGO)).isInstanceOf(ApiException.class)
                .hasMessageContaining("start 'tomorrow at ten'").hasMessageContaining("America/Chicago");
        assertThatThrownBy(() -> IsoTime.parseIn("", "start", CHICAGO)).isInstanceOf(ApiException.class).hasMessageContaining("required");
    }
}
