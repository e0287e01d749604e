package io.confirmloop.messaging;

public enum Channel { SMS, EMAIL }
