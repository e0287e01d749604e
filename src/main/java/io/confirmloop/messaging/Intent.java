package io.confirmloop.messaging;

/** What a client's text means, decided by the DMN table {@code reply-intent}. */
public enum Intent { CONFIRM, DECLINE, RESCHEDULE, SLOT_CHOICE, OPT_OUT, OPT_IN, HELP, OTHER }
