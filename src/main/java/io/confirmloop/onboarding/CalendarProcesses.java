package io.confirmloop.onboarding;

/** Names shared by the calendar processes, their delegates and their tests. */
final class CalendarProcesses {

    public static final String ONBOARDING = "calendar-onboarding";
    public static final String RECONNECT = "calendar-reconnect";
    public static final String SETTINGS = "calendar-settings";

    private CalendarProcesses() {
    }

    public static final class Messages {
        /** The owner signed in to the calendar's provider; correlated by business key = calendar id. */
        public static final String SIGNED_IN = "Message_CalendarSignedIn";

        private Messages() {
        }
    }

    public static final class Errors {
        public static final String NOT_SIGNED_IN = "NOT_SIGNED_IN";
        public static final String INVALID_SETTINGS = "INVALID_SETTINGS";

        private Errors() {
        }
    }

    public static final class Elements {
        public static final String SIGN_IN = "UserTask_SignIn";
        public static final String CHOOSE_CALENDAR = "UserTask_ChooseCalendar";
        public static final String CONFIRM_TIME_ZONE = "UserTask_ConfirmTimeZone";
        public static final String RECONNECT = "UserTask_Reconnect";
        public static final String PICK_CALENDAR = "UserTask_PickCalendar";
        public static final String CHANGE_SETTINGS = "UserTask_ChangeSettings";
        public static final String CONFIRM_DELETE = "UserTask_ConfirmDelete";

        private Elements() {
        }
    }

    public static final class Variables {
        public static final String STARTED_BY = "startedBy";
        public static final String OWNER_GROUP = "ownerGroup";
        public static final String PROVIDER = "provider";
        public static final String CLIO_REGION = "clioRegion";
        public static final String CALENDAR_NAME = "calendarName";
        public static final String NOTIFICATION_EMAIL = "notificationEmail";
        public static final String CALENDAR_ID = "calendarId";
        public static final String PROVIDER_LABEL = "providerLabel";
        public static final String NEEDS_SIGN_IN = "needsSignIn";
        public static final String SIGN_IN_URL = "signInUrl";
        public static final String SIGN_IN_HINT = "signInHint";
        public static final String SIGN_IN_PROBLEM = "signInProblem";
        public static final String CALENDAR_CHOICES = "calendarChoices";
        public static final String PROVIDER_CALENDAR_ID = "providerCalendarId";
        public static final String TIME_ZONE = "timeZone";
        public static final String PREVIEW_TEXT = "previewText";
        public static final String PREVIEW_PROBLEM = "previewProblem";
        public static final String TIME_ZONE_ACTION = "timeZoneAction";
        public static final String RECONNECT_REASON = "reconnectReason";
        public static final String RECONNECT_PROBLEM = "reconnectProblem";
        public static final String RECONNECTED = "reconnected";
        public static final String CALENDARS_SUMMARY = "calendarsSummary";
        public static final String CALENDAR_ACTION = "calendarAction";
        public static final String SYNC_STATUS = "syncStatus";
        public static final String SETTINGS_PROBLEM = "settingsProblem";
        public static final String DELETE_CONFIRMED = "deleteConfirmed";

        private Variables() {
        }
    }
}
