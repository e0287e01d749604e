/**
 * The owner's calendar flows in Tasklist: connecting a calendar (calendar-onboarding.bpmn),
 * reconnecting one whose sign-in the provider refused (calendar-reconnect.bpmn), and changing or
 * deleting one (calendar-settings.bpmn).
 */
package io.confirmloop.onboarding;
