package io.confirmloop.messaging;

/** What a client's text means, decided by the DMN table {@code reply-intent}. */
public enum Intent { CONFIRM, DECLINE, RESCHEDULE, OPT_OUT, OPT_IN, HELP, OTHER }
