package io.confirmloop.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import io.confirmloop.system.ApiException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Message texts in the calendar's zone (DESIGN.md §1.2) and the reply normalisation the reply-intent table reads. */
class MessageTemplatesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Nested
    class Values {

        @Test
        void berlinSummerTime() {
            // 07:00Z on Monday 2026-03-30 is 09:00 CEST (the day after the clocks went forward).
            Map<String, String> values = MessageTemplates.values("Sunrise Clinic", Instant.parse("2026-03-30T07:00:00Z"), BERLIN,
                    "Check-up", "+4915112345678", "Hi");

            assertThat(values).containsExactly(
                    entry("business", "Sunrise Clinic"),
                    entry("date", "Mon 30 Mar"),
                    entry("time", "09:00"),
                    entry("zone", "Europe/Berlin"),
                    entry("title", "Check-up"),
                    entry("phone", "+4915112345678"),
                    entry("text", "Hi"),
                    entry("slots", ""));
        }

        @Test
        void berlinWinterTime() {
            // Saturday 2026-03-28 07:00Z is still CET: 08:00.
            Map<String, String> values = MessageTemplates.values("Sunrise Clinic", Instant.parse("2026-03-28T07:00:00Z"), BERLIN,
                    "Check-up", null, null);

            assertThat(values).contains(entry("date", "Sat 28 Mar"), entry("time", "08:00"));
        }

        @Test
        void newYork() {
            // 07:00Z on 2026-03-30 is 03:00 EDT the same day.
            Map<String, String> values = MessageTemplates.values("Hudson Law", Instant.parse("2026-03-30T07:00:00Z"), NEW_YORK,
                    "Consultation", "+12015550123", null);

            assertThat(values).contains(entry("date", "Mon 30 Mar"), entry("time", "03:00"), entry("zone", "America/New_York"));
        }

        @Test
        void newYorkShowsThePreviousDayWhenUtcHasMovedOn() {
            // 02:30Z on Monday 2026-03-30 is 22:30 EDT on Sunday 29 March.
            Map<String, String> values = MessageTemplates.values("Hudson Law", Instant.parse("2026-03-30T02:30:00Z"), NEW_YORK,
                    "Consultation", null, null);

            assertThat(values).contains(entry("date", "Sun 29 Mar"), entry("time", "22:30"));
        }

        @Test
        void newYorkAroundTheFallBack() {
            // 2026-11-01: 05:30Z = 01:30 EDT, 06:30Z = 01:30 EST (the clock shows the same time twice), 15:00Z = 10:00 EST.
            assertThat(MessageTemplates.values("B", Instant.parse("2026-11-01T05:30:00Z"), NEW_YORK, null, null, null))
                    .contains(entry("date", "Sun 1 Nov"), entry("time", "01:30"));
            assertThat(MessageTemplates.values("B", Instant.parse("2026-11-01T06:30:00Z"), NEW_YORK, null, null, null))
                    .contains(entry("date", "Sun 1 Nov"), entry("time", "01:30"));
            assertThat(MessageTemplates.values("B", Instant.parse("2026-11-01T15:00:00Z"), NEW_YORK, null, null, null))
                    .contains(entry("time", "10:00"));
        }

        @Test
        void missingOptionalValuesAreEmptyStrings() {
            Map<String, String> values = MessageTemplates.values("B", Instant.parse("2026-06-10T12:00:00Z"), BERLIN, null, null, null);

            assertThat(values).contains(entry("title", ""), entry("phone", ""), entry("text", ""));
            assertThat(values.keySet()).containsExactlyElementsOf(MessageTemplates.PLACEHOLDERS);
        }
    }

    @Nested
    class Normalise {

        @Test
        void repliesAreTrimmedUpperCasedWithoutPunctuationOrAccents() {
            assertThat(ReplyIntents.normalise(" yes! ")).isEqualTo("YES");
            assertThat(ReplyIntents.normalise("Oui.")).isEqualTo("OUI");
            assertThat(ReplyIntents.normalise("opt-out")).isEqualTo("OPT OUT");
            assertThat(ReplyIntents.normalise("Stop\n")).isEqualTo("STOP");
            assertThat(ReplyIntents.normalise("sí")).isEqualTo("SI");
            assertThat(ReplyIntents.normalise("Si\u0301")).isEqualTo("SI"); // decomposed accent
            assertThat(ReplyIntents.normalise("  c  ")).isEqualTo("C");
            assertThat(ReplyIntents.normalise("Yes,\t\tplease!!")).isEqualTo("YES PLEASE");
            assertThat(ReplyIntents.normalise("2")).isEqualTo("2");
        }

        @Test
        void aQuestionMarkAndEmojiStayAsWordsOfTheirOwn() {
            assertThat(ReplyIntents.normalise("yes?")).isEqualTo("YES ?");
            assertThat(ReplyIntents.normalise("Yes👍")).isEqualTo("YES 👍");
            assertThat(ReplyIntents.normalise("👍🏽")).as("skin tone dropped").isEqualTo("👍");
            assertThat(ReplyIntents.normalise("✔️ thanks")).as("variation selector dropped").isEqualTo("✔ THANKS");
        }

        @Test
        void emptyInputs() {
            assertThat(ReplyIntents.normalise(null)).isEmpty();
            assertThat(ReplyIntents.normalise("")).isEmpty();
            assertThat(ReplyIntents.normalise(" !. ")).isEmpty();
        }
    }

    @Nested
    class Rendering {

        private static final String CALENDAR = "cal-1";
        private static final String OTHER_CALENDAR = "cal-2";

        private MessageTemplates templates;
        private Map<String, String> values;

        @BeforeEach
        void setUp() {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:templates-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            JdbcClient jdbc = JdbcClient.create(dataSource);
            jdbc.sql("create table message_template (calendar_id varchar(36), name varchar(64), body text, primary key (calendar_id, name))")
                    .update();
            templates = new MessageTemplates(jdbc);
            values = MessageTemplates.values("Sunrise Clinic", Instant.parse("2026-03-30T07:00:00Z"), BERLIN, "Check-up",
                    "+4915112345678", "Can we move it?");
        }

        @Test
        void defaultConfirmationRequestHasBusinessLocalTimeAndReplyKeywords() {
            MessageTemplates.Rendered rendered = templates.render(CALENDAR, "confirmation-request", values);

            assertThat(rendered.subject()).isNull();
            assertThat(rendered.body()).isEqualTo("Sunrise Clinic: reminder of your appointment on Mon 30 Mar at 09:00. "
                    + "Reply C or YES to confirm, NO to cancel, R to reschedule. Reply STOP to opt out.");
        }

        @Test
        void defaultReminder() {
            assertThat(templates.render(CALENDAR, "reminder", values).body())
                    .isEqualTo("Sunrise Clinic: see you on Mon 30 Mar at 09:00. Reply STOP to opt out.");
        }

        @Test
        void emailTemplatesHaveASubject() {
            MessageTemplates.Rendered rendered = templates.render(CALENDAR, "email-reminder", values);

            assertThat(rendered.subject()).isEqualTo("Reminder: your appointment with Sunrise Clinic on Mon 30 Mar at 09:00");
            assertThat(rendered.body()).startsWith("Hello,")
                    .contains("appointment with Sunrise Clinic on Mon 30 Mar at 09:00 (Europe/Berlin).")
                    .contains("Check-up");
        }

        @Test
        void everyDefaultTemplateRendersWithTheStandardValues() {
            for (String name : MessageTemplates.NAMES) {
                MessageTemplates.Rendered rendered = templates.render(CALENDAR, name, values);
                assertThat(rendered.body()).as(name).isNotBlank().doesNotContain("{").doesNotContain("}");
                assertThat(rendered.subject() != null).as(name + " has a subject")
                        .isEqualTo(name.startsWith("email") || name.startsWith("owner"));
            }
        }

        @Test
        void customTemplateOverridesTheDefaultForItsCalendarOnly() {
            templates.save(CALENDAR, "reminder", "  Hi from {business}: {date} {time}, text C to confirm.\n");

            assertThat(templates.custom(CALENDAR, "reminder")).contains("Hi from {business}: {date} {time}, text C to confirm.");
            assertThat(templates.render(CALENDAR, "reminder", values).body())
                    .isEqualTo("Hi from Sunrise Clinic: Mon 30 Mar 09:00, text C to confirm.");
            assertThat(templates.render(OTHER_CALENDAR, "reminder", values).body())
                    .isEqualTo("Sunrise Clinic: see you on Mon 30 Mar at 09:00. Reply STOP to opt out.");
            assertThat(templates.custom(OTHER_CALENDAR, "reminder")).isEmpty();
        }

        @Test
        void savingAgainReplacesAndResetRestoresTheDefault() {
            templates.save(CALENDAR, "reminder", "First {time}");
            templates.save(CALENDAR, "reminder", "Second {time}");
            assertThat(templates.render(CALENDAR, "reminder", values).body()).isEqualTo("Second 09:00");

            templates.reset(CALENDAR, "reminder");
            assertThat(templates.render(CALENDAR, "reminder", values).body())
                    .isEqualTo("Sunrise Clinic: see you on Mon 30 Mar at 09:00. Reply STOP to opt out.");
        }

        @Test
        void unknownPlaceholderIsRefusedOnSave() {
            assertThatThrownBy(() -> templates.save(CALENDAR, "reminder", "Hello {name}, see you at {time}"))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo("INVALID_TEMPLATE");
                        assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                        assertThat(e.getMessage()).contains("name");
                    });
            assertThat(templates.custom(CALENDAR, "reminder")).isEmpty();
        }

        @Test
        void emailTemplateWithoutSubjectIsRefused() {
            assertThatThrownBy(() -> templates.save(CALENDAR, "email-reminder", "See you at {time}"))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("INVALID_TEMPLATE"));
        }

        @Test
        void blankBodyAndUnknownTemplateAreRefused() {
            assertThatThrownBy(() -> templates.save(CALENDAR, "reminder", "  "))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("VALIDATION_FAILED"));
            assertThatThrownBy(() -> templates.save(CALENDAR, "no-such-template", "Hi"))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
            assertThatThrownBy(() -> templates.render(CALENDAR, "no-such-template", values))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
        }

        @Test
        void eventTitleWithBracesIsShownLiterally() {
            // An event title is data, not template: braces in it must not be read as placeholders.
            Map<String, String> withBraces = MessageTemplates.values("Sunrise Clinic", Instant.parse("2026-03-30T07:00:00Z"), BERLIN,
                    "Check-up {room 4}", "+4915112345678", "Can we move it?");

            MessageTemplates.Rendered rendered = templates.render(CALENDAR, "owner-forwarded-text", withBraces);

            assertThat(rendered.subject()).isEqualTo("Text from +4915112345678 about Check-up {room 4}");
            assertThat(rendered.body()).contains("Appointment: \"Check-up {room 4}\" on Mon 30 Mar at 09:00 (Europe/Berlin).");
        }

        @Test
        void clientTextWithBracesIsForwardedLiterally() {
            // A client's free text is forwarded to the owner as it is.
            Map<String, String> withBraces = MessageTemplates.values("Sunrise Clinic", Instant.parse("2026-03-30T07:00:00Z"), BERLIN,
                    "Check-up", "+4915112345678", "Running late, see you {soon}");

            MessageTemplates.Rendered rendered = templates.render(CALENDAR, "owner-forwarded-text", withBraces);

            assertThat(rendered.body()).endsWith("Their text: Running late, see you {soon}");
        }

        @Test
        void clientTextThatLooksLikeAPlaceholderIsNotExpanded() {
            Map<String, String> sneaky = MessageTemplates.values("Sunrise Clinic", Instant.parse("2026-03-30T07:00:00Z"), BERLIN,
                    "Check-up", "+4915112345678", "who is {business}?");

            assertThat(templates.render(CALENDAR, "owner-forwarded-text", sneaky).body()).endsWith("Their text: who is {business}?");
        }
    }
}
