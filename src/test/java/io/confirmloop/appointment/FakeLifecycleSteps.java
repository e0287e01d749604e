package io.confirmloop.appointment;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.confirmloop.appointment.AppointmentProcess.CallOutcome;

/**
 * The use cases behind the lifecycle's delegates, as fakes for the engine-only process tests:
 * scripted plans per attendee, and a record of every step in order.
 */
class FakeLifecycleSteps implements LifecycleSteps.Planning, LifecycleSteps.Reminders, LifecycleSteps.Replies,
        LifecycleSteps.OwnerTasks, LifecycleSteps.Endings, LifecycleSteps.Failures, LifecycleSteps.Reschedules {

    /** Every step, e.g. "plan +14155550101", "send +14155550101 reminder-1". */
    final List<String> calls = new ArrayList<>();
    boolean refuseNextSend;
    boolean ownerTaskAtDeadline = true;
    boolean sentByEmail;
    Instant noticeAt;
    private final Map<String, Deque<LifecycleSteps.Plan>> plans = new HashMap<>();

    /** The plans the attendee gets, one per Plan next step; the last one repeats. */
    void plans(String phone, LifecycleSteps.Plan... next) {
        plans.computeIfAbsent(phone, p -> new ArrayDeque<>()).addAll(List.of(next));
    }

    @Override
    public LifecycleSteps.Plan planNextStep(String appointmentId, String phone) {
        calls.add("plan " + phone);
        Deque<LifecycleSteps.Plan> scripted = plans.get(phone);
        return scripted.size() > 1 ? scripted.poll() : scripted.peek();
    }

    @Override
    public void send(String appointmentId, String phone, String reminderId) {
        calls.add("send " + phone + " " + reminderId);
        refuseIfAsked();
    }

    @Override
    public void record(String reminderId) {
        calls.add("record " + reminderId);
        refuseIfAsked();
    }

    @Override
    public void confirm(String appointmentId, String phone, String replyMessageId) {
        calls.add("confirm " + phone + " " + replyMessageId);
    }

    @Override
    public String recordDecline(String appointmentId, String phone, String replyMessageId) {
        calls.add("record decline " + phone + " " + replyMessageId);
        return "summary of " + phone;
    }

    @Override
    public void tellDecline(String appointmentId, String phone, String replyMessageId) {
        calls.add("tell decline " + phone + " " + replyMessageId);
    }

    @Override
    public void recordConfirmation(String appointmentId, String phone, String replyMessageId) {
        calls.add("record confirmation " + phone + " " + replyMessageId);
    }

    @Override
    public void acknowledgeConfirmation(String appointmentId, String phone, String replyMessageId) {
        calls.add("acknowledge confirmation " + phone + " " + replyMessageId);
    }

    @Override
    public String decline(String appointmentId, String phone, String replyMessageId) {
        calls.add("decline " + phone + " " + replyMessageId);
        return "summary of " + phone;
    }

    @Override
    public void requestReschedule(String appointmentId, String phone, String replyMessageId) {
        calls.add("reschedule " + phone + " " + replyMessageId);
    }

    /** What each Find free slots answers, in turn (the last one repeats); none scripted: no free slot. */
    private final Deque<LifecycleSteps.SlotOfferPlan> slotOffers = new ArrayDeque<>();
    /** What each Move to the chosen slot answers, in turn; none scripted: moved. */
    private final Deque<Boolean> moves = new ArrayDeque<>();

    void slotOffers(LifecycleSteps.SlotOfferPlan... next) {
        slotOffers.addAll(List.of(next));
    }

    void moves(Boolean... next) {
        moves.addAll(List.of(next));
    }

    @Override
    public LifecycleSteps.SlotOfferPlan findFreeSlots(String appointmentId, String phone, String replyMessageId) {
        calls.add("find slots " + phone + " " + replyMessageId);
        if (slotOffers.isEmpty()) {
            return new LifecycleSteps.SlotOfferPlan(false, null, null, "summary of " + phone);
        }
        return slotOffers.size() > 1 ? slotOffers.poll() : slotOffers.peek();
    }

    @Override
    public void textSlotOffer(String appointmentId, String phone) {
        calls.add("offer slots " + phone);
        refuseIfAsked();
    }

    @Override
    public String recordRefusedOffer(String appointmentId, String phone) {
        calls.add("offer refused " + phone);
        return "summary of " + phone;
    }

    private void refuseIfAsked() {
        if (refuseNextSend) {
            refuseNextSend = false;
            throw new LifecycleSteps.TextRefused("message-refused", "21211 invalid number");
        }
    }

    @Override
    public boolean moveToChosenSlot(String appointmentId, String phone, String replyMessageId) {
        calls.add("move " + phone + " " + replyMessageId);
        return moves.isEmpty() || moves.poll();
    }

    @Override
    public String recordNoSlotChosen(String appointmentId, String phone) {
        calls.add("no slot chosen " + phone);
        return "summary of " + phone;
    }

    @Override
    public void withdrawSlotOffer(String appointmentId, String phone) {
        calls.add("withdraw offer " + phone);
    }

    @Override
    public void help(String appointmentId, String phone, String replyMessageId) {
        calls.add("help " + phone + " " + replyMessageId);
    }

    @Override
    public void forwardToOwner(String appointmentId, String phone, String replyMessageId) {
        calls.add("forward " + phone + " " + replyMessageId);
    }

    @Override
    public LifecycleSteps.NoResponse recordNoResponse(String appointmentId, String phone) {
        calls.add("no response " + phone);
        return new LifecycleSteps.NoResponse(ownerTaskAtDeadline, "summary of " + phone);
    }

    @Override
    public void recordCallOutcome(String appointmentId, String phone, CallOutcome outcome, String notes) {
        calls.add("call " + phone + " " + outcome + (notes == null ? "" : " " + notes));
    }

    @Override
    public Instant planCancellationNotice(String appointmentId, String phone) {
        calls.add("plan notice " + phone);
        return noticeAt;
    }

    @Override
    public void sendCancellationNotice(String appointmentId, String phone) {
        calls.add("notice " + phone);
        refuseIfAsked();
    }

    @Override
    public void recordRemoval(String appointmentId, String phone) {
        calls.add("removed " + phone);
    }

    @Override
    public LifecycleSteps.Fallback sendByEmailInstead(String appointmentId, String phone, String failedMessageId, String reason) {
        calls.add("by email " + phone + " " + failedMessageId + " " + reason);
        return new LifecycleSteps.Fallback(sentByEmail, "summary of " + phone);
    }

    @Override
    public void recordReachOutcome(String appointmentId, String phone, String outcome, String notes) {
        calls.add("reach " + phone + " " + outcome);
    }
}
