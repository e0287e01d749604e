package io.confirmloop.appointment;

import java.time.Duration;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code confirmloop.reminders.*}: reply deadline, late confirmation requests, quiet hours. */
@ConfigurationProperties("confirmloop.reminders")
public record ReminderSettings(
        Duration replyDeadline,
        Duration minimumReplyWindow,
        Duration lateConfirmationLead,
        LocalTime quietHoursStart,
        LocalTime quietHoursEnd) {

    public static ReminderSettings defaults() {
        return new ReminderSettings(Duration.ofHours(2), Duration.ofMinutes(30), Duration.ofHours(1), LocalTime.of(21, 0),
                LocalTime.of(8, 0));
    }
}
