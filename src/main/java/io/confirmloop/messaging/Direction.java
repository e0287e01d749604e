package io.confirmloop.messaging;

public enum Direction { IN, OUT }
