package io.confirmloop.booking;

/** Names shared by availability-settings.bpmn ("Set availability"), its form, its delegates and its tests. */
public final class AvailabilityProcess {

    public static final String KEY = "availability-settings";

    private AvailabilityProcess() {
    }

    public static final class Elements {
        public static final String SET_AVAILABILITY = "UserTask_SetAvailability";

        private Elements() {
        }
    }

    public static final class Variables {
        public static final String STARTED_BY = "startedBy";
        public static final String OWNER_GROUP = "ownerGroup";
        public static final String HAS_CALENDAR = "hasCalendar";
        public static final String CALENDAR_ID = "calendarId";
        public static final String CALENDAR_CHOICES = "calendarChoices";
        public static final String SEVERAL_CALENDARS = "severalCalendars";
        public static final String CALENDAR_NAME = "calendarName";
        /** The calendar whose hours the form shows; choosing another one shows that one's first. */
        public static final String SHOWN_CALENDAR_ID = "shownCalendarId";
        public static final String EXCEPTIONS = "exceptions";
        public static final String DEFAULT_DURATION = "defaultDurationMinutes";
        public static final String DAYS_TO_VIEW = "daysToView";
        public static final String EVENT_REQUESTS = "eventRequestsEnabled";
        public static final String PROBLEM = "availabilityProblem";
        public static final String SAVED = "availabilitySaved";

        private Variables() {
        }
    }
}
