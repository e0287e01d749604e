/**
 * Cross-cutting setup: the clock shared with the engine, security against Camunda's identity
 * service, JSON errors, JDBC helpers, cluster locks, durable work queues and the secret box. It
 * knows none of the features; the demo account lives with the calendars.
 */
package io.confirmloop.system;
