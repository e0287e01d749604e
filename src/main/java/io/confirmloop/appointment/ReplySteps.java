package io.confirmloop.appointment;

import io.confirmloop.appointment.AttendeeTransitions.Transition;
import io.confirmloop.calendar.CalendarRepository;
import org.springframework.stereotype.Service;

/**
 * The reply paths of the model: confirm, decline, ask to reschedule, help, anything else. Answers
 * to the client's own text go at once; the owner is emailed where the calendar has an address.
 */
@Service
class ReplySteps implements LifecycleSteps.Replies {

    private final AppointmentRepository appointments;
    private final CalendarRepository calendars;
    private final AttendeeTransitions transitions;
    private final ClientTexts texts;
    private final StatusLineWriter statusLines;
    private final AppointmentLog log;
    private final TaskSummaries summaries;

    ReplySteps(AppointmentRepository appointments, CalendarRepository calendars, AttendeeTransitions transitions, ClientTexts texts,
            StatusLineWriter statusLines, AppointmentLog log, TaskSummaries summaries) {
        this.appointments = appointments;
        this.calendars = calendars;
        this.transitions = transitions;
        this.texts = texts;
        this.statusLines = statusLines;
        this.log = log;
        this.summaries = summaries;
    }

    private AppointmentInCalendar context(String appointmentId) {
        return AppointmentInCalendar.load(appointments, calendars, appointmentId);
    }

    @Override
    public void confirm(String appointmentId, String phone, String replyMessageId) {
        if (record(appointmentId, phone)) {
            acknowledgeConfirmation(appointmentId, phone, replyMessageId);
        }
    }

    @Override
    public void recordConfirmation(String appointmentId, String phone, String replyMessageId) {
        record(appointmentId, phone);
    }

    private boolean record(String appointmentId, String phone) {
        if (transitions.apply(appointmentId, phone, Transition.CONFIRMED).isEmpty()) {
            log.add(appointmentId, phone, "A confirmation came in that does not apply now; nothing changed");
            return false;
        }
        log.add(appointmentId, phone, "Confirmed via text");
        statusLines.request(context(appointmentId).calendar(), appointmentId);
        return true;
    }

    @Override
    public void acknowledgeConfirmation(String appointmentId, String phone, String replyMessageId) {
        AppointmentInCalendar c = context(appointmentId);
        boolean stillConfirmed = appointments.attendee(appointmentId, phone).map(a -> a.status() == AttendeeStatus.CONFIRMED).orElse(false);
        if (!stillConfirmed) {
            log.add(appointmentId, phone, "Confirmation not acknowledged: the attendee is no longer confirmed");
            return;
        }
        texts.answer(c.calendar(), c.appointment(), phone, "confirmation-ack", "ack:" + replyMessageId);
    }

    @Override
    public String decline(String appointmentId, String phone, String replyMessageId) {
        String summary = recordDecline(appointmentId, phone, replyMessageId);
        tellDecline(appointmentId, phone, replyMessageId);
        return summary;
    }

    @Override
    public String recordDecline(String appointmentId, String phone, String replyMessageId) {
        AppointmentInCalendar c = context(appointmentId);
        transitions.apply(appointmentId, phone, Transition.DECLINED);
        log.add(appointmentId, phone, "Declined via text");
        statusLines.request(c.calendar(), appointmentId);
        return summaries.of(appointmentId, phone);
    }

    @Override
    public void tellDecline(String appointmentId, String phone, String replyMessageId) {
        AppointmentInCalendar c = context(appointmentId);
        texts.answer(c.calendar(), c.appointment(), phone, "decline-ack", "ack:" + replyMessageId);
        texts.notifyOwner(c.calendar(), c.appointment(), phone, "owner-declined", "declined:" + replyMessageId, texts.body(replyMessageId));
    }

    /** The client asked for another time; finding free slots to offer is the model's next step. */
    @Override
    public void requestReschedule(String appointmentId, String phone, String replyMessageId) {
        AppointmentInCalendar c = context(appointmentId);
        transitions.apply(appointmentId, phone, Transition.RESCHEDULE_REQUESTED);
        log.add(appointmentId, phone, "Asked to reschedule via text");
        statusLines.request(c.calendar(), appointmentId);
    }

    @Override
    public void help(String appointmentId, String phone, String replyMessageId) {
        AppointmentInCalendar c = context(appointmentId);
        texts.answer(c.calendar(), c.appointment(), phone, "help", "help:" + replyMessageId);
        log.add(appointmentId, phone, "Sent help text");
    }

    @Override
    public void forwardToOwner(String appointmentId, String phone, String replyMessageId) {
        AppointmentInCalendar c = context(appointmentId);
        if (texts.notifyOwner(c.calendar(), c.appointment(), phone, "owner-forwarded-text", "forward:" + replyMessageId,
                texts.body(replyMessageId))) {
            log.add(appointmentId, phone, "Forwarded client text to owner");
        }
    }
}
