/**
 * The Exchange on-premises adapter: EWS SOAP over HTTP through the {@code calendar-ews} Camel route
 * (Basic, or NTLM negotiated by the route's own HTTP client), Autodiscover from the mailbox's
 * address, CalendarView paging, SyncFolderItems as the change cursor.
 */
package io.confirmloop.calendar.ews;
