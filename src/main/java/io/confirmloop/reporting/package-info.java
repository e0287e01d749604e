/**
 * The text messaging report: per calendar and period, the texts sent and what became of them, the
 * clients' answers, the confirmation rate and the time to reply, as JSON, CSV and a page with a
 * chart. It only reads what messaging and the appointment log recorded.
 */
package io.confirmloop.reporting;
