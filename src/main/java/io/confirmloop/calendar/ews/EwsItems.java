package io.confirmloop.calendar.ews;

import static io.confirmloop.calendar.ews.EwsXml.TYPES;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.confirmloop.calendar.ProviderEvent;
import org.w3c.dom.Element;

/**
 * A {@code t:CalendarItem} of a GetItem answer as a {@link ProviderEvent}: version = ChangeKey,
 * times as instants (EWS writes them in UTC), the zone from {@code StartTimeZone}'s Windows id, busy
 * unless {@code LegacyFreeBusyStatus} is Free, organised by the owner when {@code IsOrganizer} (or
 * {@code MyResponseType=Organizer}, or the organizer's address) says so. Cancelled meetings and
 * all-day events are no events ConfirmLoop keeps: they read as absent.
 */
final class EwsItems {

    static final String RECURRING_MASTER = "RecurringMaster";

    private EwsItems() {
    }

    static String id(Element item) {
        return EwsXml.attr(EwsXml.child(item, TYPES, "ItemId"), "Id");
    }

    static String changeKey(Element item) {
        return EwsXml.attr(EwsXml.child(item, TYPES, "ItemId"), "ChangeKey");
    }

    static String itemType(Element item) {
        return EwsXml.text(item, TYPES, "CalendarItemType");
    }

    static Instant instant(String text) {
        return text == null ? null : OffsetDateTime.parse(text.trim()).toInstant();
    }

    /** The event, or empty when it is cancelled or lasts all day (neither is an appointment). */
    static Optional<ProviderEvent> event(Element item, String ownerEmail) {
        if (flag(item, "IsCancelled") || flag(item, "IsAllDayEvent")) {
            return Optional.empty();
        }
        String type = itemType(item);
        String uid = EwsXml.text(item, TYPES, "UID");
        String seriesId = type != null && (type.equals("Occurrence") || type.equals("Exception")) ? uid : null;
        String status = EwsXml.text(item, TYPES, "LegacyFreeBusyStatus");
        return Optional.of(new ProviderEvent(id(item), seriesId, changeKey(item), EwsXml.text(item, TYPES, "Subject"), body(item),
                EwsXml.text(item, TYPES, "Location"), instant(EwsXml.text(item, TYPES, "Start")),
                instant(EwsXml.text(item, TYPES, "End")), zone(item), !"Free".equals(status), organizedByOwner(item, ownerEmail),
                guests(item, ownerEmail)));
    }

    /**
     * The SMTP addresses of the required and optional attendees, without the calendar's owner and
     * the organizer (rooms and equipment are EWS "Resources", not read).
     */
    static List<String> guests(Element item, String ownerEmail) {
        Set<String> notGuests = new HashSet<>();
        if (ownerEmail != null) {
            notGuests.add(ownerEmail.trim().toLowerCase(Locale.ROOT));
        }
        String organizer = mailboxAddress(EwsXml.child(item, TYPES, "Organizer"));
        if (organizer != null) {
            notGuests.add(organizer);
        }
        List<String> guests = new ArrayList<>();
        for (String list : List.of("RequiredAttendees", "OptionalAttendees")) {
            for (Element attendee : EwsXml.children(EwsXml.child(item, TYPES, list), TYPES, "Attendee")) {
                String address = mailboxAddress(attendee);
                if (address != null && !notGuests.contains(address)) {
                    guests.add(address);
                }
            }
        }
        return guests;
    }

    /** The SMTP address of the {@code Mailbox} under an Organizer or Attendee; null for another routing type (e.g. EX). */
    private static String mailboxAddress(Element holder) {
        Element mailbox = EwsXml.child(holder, TYPES, "Mailbox");
        String address = EwsXml.text(mailbox, TYPES, "EmailAddress");
        String routing = EwsXml.text(mailbox, TYPES, "RoutingType");
        if (address == null || address.isBlank() || (routing != null && !routing.trim().equalsIgnoreCase("SMTP"))) {
            return null;
        }
        return address.trim().toLowerCase(Locale.ROOT);
    }

    private static String body(Element item) {
        String body = EwsXml.text(item, TYPES, "Body");
        return body == null || body.isEmpty() ? null : body;
    }

    private static ZoneId zone(Element item) {
        String windowsId = EwsXml.attr(EwsXml.child(item, TYPES, "StartTimeZone"), "Id");
        if (windowsId == null) {
            windowsId = EwsXml.text(item, TYPES, "StartTimeZoneId");
        }
        return EwsTimeZones.fromWindows(windowsId);
    }

    static boolean organizedByOwner(Element item, String ownerEmail) {
        String isOrganizer = EwsXml.text(item, TYPES, "IsOrganizer");
        if (isOrganizer != null) {
            return Boolean.parseBoolean(isOrganizer.trim());
        }
        String response = EwsXml.text(item, TYPES, "MyResponseType");
        if (response != null) {
            return response.trim().equals("Organizer");
        }
        Element organizer = EwsXml.child(item, TYPES, "Organizer");
        String address = organizer == null ? null : EwsXml.text(EwsXml.child(organizer, TYPES, "Mailbox"), TYPES, "EmailAddress");
        return address == null || ownerEmail == null || address.trim().toLowerCase(Locale.ROOT).equals(ownerEmail.toLowerCase(Locale.ROOT));
    }

    private static boolean flag(Element item, String name) {
        String value = EwsXml.text(item, TYPES, name);
        return value != null && Boolean.parseBoolean(value.trim());
    }
}
