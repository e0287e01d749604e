package io.confirmloop.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AvailabilityTextTest {

    private final List<String> problems = new ArrayList<>();

    @Test
    void aDayIsOneOrMoreRanges() {
        List<Availability.Window> windows = AvailabilityText.day(DayOfWeek.MONDAY, " 09:00-12:00, 13:00 – 17:30;18:00-24:00 ", "t1", problems);
        assertThat(problems).isEmpty();
        assertThat(windows).containsExactly(
                new Availability.Window("t1", DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)),
                new Availability.Window("t1", DayOfWeek.MONDAY, LocalTime.of(13, 0), LocalTime.of(17, 30)),
                new Availability.Window("t1", DayOfWeek.MONDAY, LocalTime.of(18, 0), LocalTime.MIDNIGHT));
        assertThat(AvailabilityText.day(windows)).isEqualTo("09:00-12:00, 13:00-17:30, 18:00-24:00");
    }

    @Test
    void anEmptyDayOrOffIsNoWindow() {
        assertThat(AvailabilityText.day(DayOfWeek.SUNDAY, "", "t1", problems)).isEmpty();
        assertThat(AvailabilityText.day(DayOfWeek.SUNDAY, null, "t1", problems)).isEmpty();
        assertThat(AvailabilityText.day(DayOfWeek.SUNDAY, " off ", "t1", problems)).isEmpty();
        assertThat(AvailabilityText.day(DayOfWeek.SUNDAY, "-", "t1", problems)).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void whatCannotBeReadIsNamedWithItsDay() {
        AvailabilityText.day(DayOfWeek.TUESDAY, "9-12, 13:00-25:00", "t1", problems);
        AvailabilityText.day(DayOfWeek.FRIDAY, "17:00-09:00", "t1", problems);
        AvailabilityText.day(DayOfWeek.SATURDAY, "24:00-24:00", "t1", problems);
        assertThat(problems).containsExactly(
                "Tuesday: '9-12' is not a time range such as 09:00-12:00 (24-hour clock)",
                "Tuesday: '13:00-25:00' is not a time range such as 09:00-12:00 (24-hour clock)",
                "Friday: '17:00-09:00': the start must be before the end",
                "Saturday: '24:00-24:00' is not a time range such as 09:00-12:00 (24-hour clock)");
    }

    @Test
    void exceptionsAreOneALine() {
        List<Availability.Exception> exceptions = AvailabilityText.exceptions(
                "2026-12-24 off\n\n2026-12-31 09:00-12:00 OFF\r\n  2027-01-02 10:00 - 14:00 extra  ", problems);
        assertThat(problems).isEmpty();
        assertThat(exceptions).containsExactly(
                new Availability.Exception(null, LocalDate.of(2026, 12, 24), null, null, false),
                new Availability.Exception(null, LocalDate.of(2026, 12, 31), LocalTime.of(9, 0), LocalTime.of(12, 0), false),
                new Availability.Exception(null, LocalDate.of(2027, 1, 2), LocalTime.of(10, 0), LocalTime.of(14, 0), true));
        assertThat(AvailabilityText.exceptions(exceptions)).isEqualTo("2026-12-24 off\n2026-12-31 09:00-12:00 off\n2027-01-02 10:00-14:00 extra");
    }

    @Test
    void badExceptionLinesAreNamedByTheirNumber() {
        AvailabilityText.exceptions("2026-12-24\n24.12.2026 off\n2026-12-25 closed\n2027-01-02 extra\n2027-01-03 14:00-10:00 off", problems);
        assertThat(problems).hasSize(5);
        assertThat(problems.get(0)).startsWith("Exception line 1 '2026-12-24': write a date, optional hours and off or extra");
        assertThat(problems.get(1)).isEqualTo("Exception line 2 '24.12.2026 off': '24.12.2026' is not a date such as 2026-12-24");
        assertThat(problems.get(2)).isEqualTo("Exception line 3 '2026-12-25 closed': end the line with off (not available) or extra (extra hours)");
        assertThat(problems.get(3)).isEqualTo("Exception line 4 '2027-01-02 extra': extra hours need a time range such as 10:00-14:00");
        assertThat(problems.get(4)).isEqualTo("Exception line 5 '2027-01-03 14:00-10:00 off': the start must be before the end");
    }
}
