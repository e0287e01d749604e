package io.confirmloop.calendar.ews;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * Exchange names time zones by their Windows ids ("Central Standard Time"); ConfirmLoop by IANA ids.
 * The common ones, as the Unicode CLDR's windowsZones table maps them (territory 001, plus the IANA
 * aliases of the same zone).
 */
final class EwsTimeZones {

    private static final Map<String, String> WINDOWS_TO_IANA = Map.ofEntries(
            Map.entry("UTC", "UTC"),
            Map.entry("Dateline Standard Time", "Etc/GMT+12"),
            Map.entry("Hawaiian Standard Time", "Pacific/Honolulu"),
            Map.entry("Alaskan Standard Time", "America/Anchorage"),
            Map.entry("Pacific Standard Time", "America/Los_Angeles"),
            Map.entry("US Mountain Standard Time", "America/Phoenix"),
            Map.entry("Mountain Standard Time", "America/Denver"),
            Map.entry("Central Standard Time", "America/Chicago"),
            Map.entry("Canada Central Standard Time", "America/Regina"),
            Map.entry("Central Standard Time (Mexico)", "America/Mexico_City"),
            Map.entry("Eastern Standard Time", "America/New_York"),
            Map.entry("US Eastern Standard Time", "America/Indiana/Indianapolis"),
            Map.entry("Atlantic Standard Time", "America/Halifax"),
            Map.entry("Newfoundland Standard Time", "America/St_Johns"),
            Map.entry("SA Pacific Standard Time", "America/Bogota"),
            Map.entry("E. South America Standard Time", "America/Sao_Paulo"),
            Map.entry("Argentina Standard Time", "America/Buenos_Aires"),
            Map.entry("GMT Standard Time", "Europe/London"),
            Map.entry("Greenwich Standard Time", "Atlantic/Reykjavik"),
            Map.entry("W. Europe Standard Time", "Europe/Berlin"),
            Map.entry("Romance Standard Time", "Europe/Paris"),
            Map.entry("Central Europe Standard Time", "Europe/Budapest"),
            Map.entry("Central European Standard Time", "Europe/Warsaw"),
            Map.entry("GTB Standard Time", "Europe/Bucharest"),
            Map.entry("FLE Standard Time", "Europe/Kiev"),
            Map.entry("E. Europe Standard Time", "Europe/Chisinau"),
            Map.entry("Israel Standard Time", "Asia/Jerusalem"),
            Map.entry("South Africa Standard Time", "Africa/Johannesburg"),
            Map.entry("Russian Standard Time", "Europe/Moscow"),
            Map.entry("Turkey Standard Time", "Europe/Istanbul"),
            Map.entry("Arabian Standard Time", "Asia/Dubai"),
            Map.entry("India Standard Time", "Asia/Calcutta"),
            Map.entry("SE Asia Standard Time", "Asia/Bangkok"),
            Map.entry("China Standard Time", "Asia/Shanghai"),
            Map.entry("Singapore Standard Time", "Asia/Singapore"),
            Map.entry("Tokyo Standard Time", "Asia/Tokyo"),
            Map.entry("Korea Standard Time", "Asia/Seoul"),
            Map.entry("W. Australia Standard Time", "Australia/Perth"),
            Map.entry("Cen. Australia Standard Time", "Australia/Adelaide"),
            Map.entry("AUS Eastern Standard Time", "Australia/Sydney"),
            Map.entry("E. Australia Standard Time", "Australia/Brisbane"),
            Map.entry("New Zealand Standard Time", "Pacific/Auckland"));

    private static final Map<String, String> IANA_TO_WINDOWS = reverse();

    private EwsTimeZones() {
    }

    private static Map<String, String> reverse() {
        Map<String, String> reverse = new HashMap<>();
        WINDOWS_TO_IANA.forEach((windows, iana) -> reverse.put(iana, windows));
        Map.of("Etc/UTC", "UTC", "Z", "UTC", "GMT", "UTC", "Asia/Kolkata", "India Standard Time", "Europe/Kyiv", "FLE Standard Time",
                "America/Argentina/Buenos_Aires", "Argentina Standard Time", "America/Indianapolis", "US Eastern Standard Time",
                "US/Central", "Central Standard Time", "US/Eastern", "Eastern Standard Time", "US/Pacific", "Pacific Standard Time")
                .forEach(reverse::put);
        return Map.copyOf(reverse);
    }

    /** The zone of a Windows id, or null when it is not one we know. */
    static ZoneId fromWindows(String windowsId) {
        String iana = windowsId == null ? null : WINDOWS_TO_IANA.get(windowsId.trim());
        try {
            return iana == null ? null : ZoneId.of(iana);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The Windows id of a zone, or null when it is not one we know (then times are written in UTC only). */
    static String toWindows(ZoneId zone) {
        return zone == null ? null : IANA_TO_WINDOWS.get(zone.getId());
    }
}
