package io.confirmloop.calendar.ews;

import static io.confirmloop.calendar.ews.EwsXml.esc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SOAP requests the adapter sends, shaped as Microsoft's EWS reference documents them
 * (messages and types namespaces, schema order of the elements). Every request names the server
 * version it is written for.
 */
final class EwsRequests {

    static final String SERVER_VERSION = "Exchange2013_SP1";
    /** The folder the adapter reads and writes: the mailbox's default calendar. */
    static final String DEFAULT_CALENDAR = "calendar";

    /** The calendar folder the connection reads: the one the owner chose, or the mailbox's default calendar. */
    static String folderOf(io.confirmloop.calendar.CalendarAccess access) {
        return access.connection() instanceof io.confirmloop.calendar.Connection.Ews ews && ews.folderId() != null ? ews.folderId()
                : DEFAULT_CALENDAR;
    }

    /** What the adapter reads of an event (GetItem). */
    static final List<String> EVENT_FIELDS = List.of("item:Subject", "item:Body", "calendar:UID", "calendar:Start", "calendar:End",
            "calendar:IsAllDayEvent", "calendar:LegacyFreeBusyStatus", "calendar:Location", "calendar:IsCancelled",
            "calendar:CalendarItemType", "calendar:MyResponseType", "calendar:Organizer", "calendar:StartTimeZone",
            "calendar:IsOrganizer", "calendar:RequiredAttendees", "calendar:OptionalAttendees");

    private EwsRequests() {
    }

    static String envelope(String body) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<soap:Envelope xmlns:soap=\"" + EwsXml.SOAP + "\" xmlns:t=\"" + EwsXml.TYPES + "\" xmlns:m=\"" + EwsXml.MESSAGES + "\">"
                + "<soap:Header><t:RequestServerVersion Version=\"" + SERVER_VERSION + "\"/></soap:Header>"
                + "<soap:Body>" + body + "</soap:Body></soap:Envelope>";
    }

    static String folderId(String folder) {
        return DEFAULT_CALENDAR.equals(folder) ? "<t:DistinguishedFolderId Id=\"calendar\"/>" : "<t:FolderId Id=\"" + esc(folder) + "\"/>";
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String fields(List<String> uris) {
        return uris.stream().map(u -> "<t:FieldURI FieldURI=\"" + u + "\"/>").collect(Collectors.joining());
    }

    /** The calendar view [start, end), ids with start and end only, at most {@code max} items. */
    static String findItems(String folder, Instant start, Instant end, int max) {
        return envelope("<m:FindItem Traversal=\"Shallow\"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>"
                + fields(List.of("calendar:Start", "calendar:End")) + "</t:AdditionalProperties></m:ItemShape>"
                + "<m:CalendarView MaxEntriesReturned=\"" + max + "\" StartDate=\"" + time(start) + "\" EndDate=\"" + time(end) + "\"/>"
                + "<m:ParentFolderIds>" + folderId(folder) + "</m:ParentFolderIds></m:FindItem>");
    }

    /** The events with these ids, bodies as plain text. */
    static String getItems(List<String> ids) {
        String itemIds = ids.stream().map(id -> "<t:ItemId Id=\"" + esc(id) + "\"/>").collect(Collectors.joining());
        return envelope("<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:BodyType>Text</t:BodyType><t:AdditionalProperties>"
                + fields(EVENT_FIELDS) + "</t:AdditionalProperties></m:ItemShape><m:ItemIds>" + itemIds + "</m:ItemIds></m:GetItem>");
    }

    /** The changes of the folder since {@code syncState} (null: from the start), ids and item types only. */
    static String syncFolderItems(String folder, String syncState, int max) {
        return envelope("<m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>"
                + fields(List.of("calendar:CalendarItemType")) + "</t:AdditionalProperties></m:ItemShape>"
                + "<m:SyncFolderId>" + folderId(folder) + "</m:SyncFolderId>"
                + (syncState == null || syncState.isEmpty() ? "" : "<m:SyncState>" + esc(syncState) + "</m:SyncState>")
                + "<m:MaxChangesReturned>" + max + "</m:MaxChangesReturned><m:SyncScope>NormalItems</m:SyncScope></m:SyncFolderItems>");
    }

    /** A new event in the folder, without invitations; times in UTC, the zone by its Windows id where known. */
    static String createItem(String folder, String title, String description, String location, Instant start, Instant end,
            String windowsZone) {
        String zone = windowsZone == null ? ""
                : "<t:StartTimeZone Id=\"" + esc(windowsZone) + "\"/><t:EndTimeZone Id=\"" + esc(windowsZone) + "\"/>";
        return envelope("<m:CreateItem SendMeetingInvitations=\"SendToNone\"><m:SavedItemFolderId>" + folderId(folder)
                + "</m:SavedItemFolderId><m:Items><t:CalendarItem><t:Subject>" + esc(title) + "</t:Subject>"
                + "<t:Body BodyType=\"Text\">" + esc(description) + "</t:Body>"
                + "<t:Start>" + time(start) + "</t:Start><t:End>" + time(end) + "</t:End>"
                + "<t:LegacyFreeBusyStatus>Busy</t:LegacyFreeBusyStatus>"
                + (location == null ? "" : "<t:Location>" + esc(location) + "</t:Location>")
                + zone + "</t:CalendarItem></m:Items></m:CreateItem>");
    }

    /** The description, only while the event is still at {@code changeKey}; no meeting updates sent. */
    static String updateBody(String itemId, String changeKey, String description) {
        return updateItem("NeverOverwrite", itemId, changeKey, "<t:SetItemField><t:FieldURI FieldURI=\"item:Body\"/><t:CalendarItem>"
                + "<t:Body BodyType=\"Text\">" + esc(description) + "</t:Body></t:CalendarItem></t:SetItemField>");
    }

    /** New times; no meeting updates sent. */
    static String updateTimes(String itemId, Instant start, Instant end) {
        return updateItem("AlwaysOverwrite", itemId, null,
                "<t:SetItemField><t:FieldURI FieldURI=\"calendar:Start\"/><t:CalendarItem><t:Start>" + time(start)
                        + "</t:Start></t:CalendarItem></t:SetItemField>"
                        + "<t:SetItemField><t:FieldURI FieldURI=\"calendar:End\"/><t:CalendarItem><t:End>" + time(end)
                        + "</t:End></t:CalendarItem></t:SetItemField>");
    }

    private static String updateItem(String conflictResolution, String itemId, String changeKey, String updates) {
        String key = changeKey == null ? "" : " ChangeKey=\"" + esc(changeKey) + "\"";
        return envelope("<m:UpdateItem ConflictResolution=\"" + conflictResolution
                + "\" SendMeetingInvitationsOrCancellations=\"SendToNone\"><m:ItemChanges><t:ItemChange>"
                + "<t:ItemId Id=\"" + esc(itemId) + "\"" + key + "/><t:Updates>" + updates + "</t:Updates></t:ItemChange>"
                + "</m:ItemChanges></m:UpdateItem>");
    }

    /** Into Deleted Items, without cancellations sent. */
    static String deleteItem(String itemId) {
        return envelope("<m:DeleteItem DeleteType=\"MoveToDeletedItems\" SendMeetingCancellations=\"SendToNone\"><m:ItemIds>"
                + "<t:ItemId Id=\"" + esc(itemId) + "\"/></m:ItemIds></m:DeleteItem>");
    }

    /** The default calendar folder, for its name. */
    static String getCalendarFolder() {
        return envelope("<m:GetFolder><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>"
                + "<m:FolderIds><t:DistinguishedFolderId Id=\"calendar\"/></m:FolderIds></m:GetFolder>");
    }

    /** Every calendar folder of the mailbox. */
    static String findCalendarFolders() {
        return envelope("<m:FindFolder Traversal=\"Deep\"><m:FolderShape><t:BaseShape>Default</t:BaseShape><t:AdditionalProperties>"
                + "<t:FieldURI FieldURI=\"folder:FolderClass\"/></t:AdditionalProperties></m:FolderShape>"
                + "<m:Restriction><t:IsEqualTo><t:FieldURI FieldURI=\"folder:FolderClass\"/><t:FieldURIOrConstant>"
                + "<t:Constant Value=\"IPF.Appointment\"/></t:FieldURIOrConstant></t:IsEqualTo></m:Restriction>"
                + "<m:ParentFolderIds><t:DistinguishedFolderId Id=\"msgfolderroot\"/></m:ParentFolderIds></m:FindFolder>");
    }
}
