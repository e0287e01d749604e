/**
 * Cross-cutting setup: the clock shared with the engine, security against Camunda's identity
 * service, JSON errors, JDBC helpers, cluster locks and the demo account.
 */
package io.confirmloop.system;
