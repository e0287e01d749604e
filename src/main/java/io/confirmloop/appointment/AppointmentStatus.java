package io.confirmloop.appointment;

enum AppointmentStatus { ACTIVE, CANCELLED, COMPLETED }
