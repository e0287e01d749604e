package io.confirmloop.calendar;

import java.util.Map;

import org.springframework.stereotype.Component;

/** A calendar as the API shows it: its settings, where its sync and sign-in stand, and its connection without any credential. */
@Component
class CalendarViews {

    private final CalendarRepository calendars;
    private final CalendarConnections connections;

    CalendarViews(CalendarRepository calendars, CalendarConnections connections) {
        this.calendars = calendars;
        this.connections = connections;
    }

    /** The calendar as the API shows it: settings, sync status and the connection without any credential. */
    Map<String, Object> of(Calendar c) {
        Map<String, Object> view = settingsView(c);
        view.put("connectionState", calendars.connectionState(c.id()).name());
        view.put("connection", connections.publicView(c));
        return view;
    }

    private static Map<String, Object> settingsView(Calendar c) {
        var view = new java.util.LinkedHashMap<String, Object>();
        view.put("id", c.id());
        view.put("name", c.name());
        view.put("businessName", c.businessName());
        view.put("provider", c.provider().apiName());
        view.put("timeZone", c.timeZone().getId());
        view.put("region", c.region());
        view.put("notificationEmail", c.notificationEmail());
        view.put("active", c.active());
        view.put("ownerEventsOnly", c.ownerEventsOnly());
        view.put("updateDescriptions", c.updateDescriptions());
        view.put("copyAppointments", c.copyAppointments());
        view.put("useForAvailability", c.useForAvailability());
        view.put("allEventsBusy", c.allEventsBusy());
        view.put("cancellationTexts", c.cancellationTexts());
        view.put("ruleSet", c.ruleSet());
        view.put("ownerGroup", c.ownerGroup());
        view.put("lastSyncedAt", c.lastSyncedAt());
        view.put("lastErrorAt", c.lastErrorAt());
        view.put("lastError", c.lastError());
        view.put("createdAt", c.createdAt());
        return view;
    }
}
