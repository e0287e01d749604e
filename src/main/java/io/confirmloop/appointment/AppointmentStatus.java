package io.confirmloop.appointment;

public enum AppointmentStatus { ACTIVE, CANCELLED, COMPLETED }
