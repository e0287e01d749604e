package io.confirmloop.calendar;

import static io.confirmloop.calendar.EwsFakeXml.M;
import static io.confirmloop.calendar.EwsFakeXml.T;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The EWS operations the fake Exchange serves on its mailbox's calendar folder, checking each
 * request as Exchange does (required attributes, ChangeKeys, sync states, ids) and answering with
 * the documented response messages and error codes.
 */
final class EwsFakeOperations {

    /** A request Exchange refuses as a whole: a SOAP fault with status 500. */
    static final class Fault extends RuntimeException {
        final String code;

        Fault(String code, String text) {
            super(text);
            this.code = code;
        }
    }

    private final EwsFakeMailbox mailbox;

    EwsFakeOperations(EwsFakeMailbox mailbox) {
        this.mailbox = mailbox;
    }

    String answer(Element op) {
        return switch (op.getLocalName()) {
            case "FindItem" -> findItem(op);
            case "GetItem" -> getItem(op);
            case "SyncFolderItems" -> syncFolderItems(op);
            case "CreateItem" -> createItem(op);
            case "UpdateItem" -> updateItem(op);
            case "DeleteItem" -> deleteItem(op);
            case "GetFolder" -> EwsFakeXml.envelope("GetFolder", EwsFakeXml.success("GetFolder", "<m:Folders>" + folder("calendar", "Calendar")
                    + "</m:Folders>"));
            case "FindFolder" -> EwsFakeXml.envelope("FindFolder", EwsFakeXml.success("FindFolder",
                    "<m:RootFolder TotalItemsInView=\"2\" IncludesLastItemInRange=\"true\"><t:Folders>" + folder("calendar", "Calendar")
                            + folder("team", "Team rota") + "</t:Folders></m:RootFolder>"));
            default -> throw new Fault("ErrorInvalidRequest", "The request is invalid.");
        };
    }

    private static String folder(String key, String name) {
        return "<t:CalendarFolder><t:FolderId Id=\"AQMkAGI2Zm9sZGVy" + key + "AAA=\" ChangeKey=\"AgAAABYAAAA\"/>"
                + "<t:DisplayName>" + name + "</t:DisplayName><t:TotalCount>0</t:TotalCount><t:ChildFolderCount>0</t:ChildFolderCount>"
                + "</t:CalendarFolder>";
    }

    private String findItem(Element op) {
        requireCalendarFolder(child(op, M, "ParentFolderIds"));
        Element view = child(op, M, "CalendarView");
        if (view == null || !view.hasAttribute("StartDate") || !view.hasAttribute("EndDate")) {
            throw new Fault("ErrorSchemaValidation", "The request failed schema validation: CalendarView needs StartDate and EndDate.");
        }
        Instant start = OffsetDateTime.parse(view.getAttribute("StartDate")).toInstant();
        Instant end = OffsetDateTime.parse(view.getAttribute("EndDate")).toInstant();
        if (end.isBefore(start)) {
            return EwsFakeXml.envelope("FindItem", EwsFakeXml.error("FindItem", "ErrorCalendarEndDateIsEarlierThanStartDate",
                    "EndDate is earlier than StartDate", ""));
        }
        int max = view.hasAttribute("MaxEntriesReturned") ? Integer.parseInt(view.getAttribute("MaxEntriesReturned")) : Integer.MAX_VALUE;
        List<EwsFakeMailbox.Item> all = mailbox.view(start, end);
        List<EwsFakeMailbox.Item> page = all.subList(0, Math.min(max, all.size()));
        Set<String> fields = shape(child(op, M, "ItemShape"));
        StringBuilder items = new StringBuilder();
        page.forEach(i -> items.append(EwsFakeXml.item(i, fields)));
        return EwsFakeXml.envelope("FindItem", EwsFakeXml.success("FindItem", "<m:RootFolder TotalItemsInView=\"" + all.size()
                + "\" IncludesLastItemInRange=\"" + (page.size() == all.size()) + "\"><t:Items>" + items + "</t:Items></m:RootFolder>"));
    }

    private String getItem(Element op) {
        Set<String> fields = shape(child(op, M, "ItemShape"));
        StringBuilder messages = new StringBuilder();
        for (Element id : children(child(op, M, "ItemIds"), T, "ItemId")) {
            Optional<EwsFakeMailbox.Item> item = lookup(id.getAttribute("Id"));
            messages.append(item.map(i -> EwsFakeXml.success("GetItem", "<m:Items>" + EwsFakeXml.item(i, fields) + "</m:Items>"))
                    .orElseGet(() -> notFound("GetItem", id.getAttribute("Id"))));
        }
        return EwsFakeXml.envelope("GetItem", messages.toString());
    }

    private String syncFolderItems(Element op) {
        requireCalendarFolder(child(op, M, "SyncFolderId"));
        String max = text(op, M, "MaxChangesReturned");
        if (max == null || Integer.parseInt(max.trim()) < 1 || Integer.parseInt(max.trim()) > 512) {
            throw new Fault("ErrorSchemaValidation", "The request failed schema validation: MaxChangesReturned must be 1 to 512.");
        }
        String state = text(op, M, "SyncState");
        long after = state == null || state.isBlank() ? 0 : mailbox.position(state.trim());
        if (after < 0) {
            return EwsFakeXml.envelope("SyncFolderItems", EwsFakeXml.error("SyncFolderItems", "ErrorInvalidSyncStateData",
                    "Synchronization state data is corrupt or otherwise invalid.", ""));
        }
        List<EwsFakeMailbox.Change> changes = mailbox.changesAfter(after);
        List<EwsFakeMailbox.Change> page = changes.subList(0, Math.min(Integer.parseInt(max.trim()), changes.size()));
        long position = page.size() == changes.size() ? mailbox.position() : page.get(page.size() - 1).seq();
        Set<String> fields = shape(child(op, M, "ItemShape"));
        StringBuilder x = new StringBuilder();
        for (EwsFakeMailbox.Change c : page) {
            x.append("<t:").append(c.kind()).append('>');
            x.append(c.kind().equals("Delete") ? "<t:ItemId Id=\"" + EwsFakeXml.esc(c.item().id) + "\" ChangeKey=\"" + c.item().changeKey() + "\"/>"
                    : EwsFakeXml.item(c.item(), fields));
            x.append("</t:").append(c.kind()).append('>');
        }
        return EwsFakeXml.envelope("SyncFolderItems", EwsFakeXml.success("SyncFolderItems", "<m:SyncState>" + mailbox.syncState(position)
                + "</m:SyncState><m:IncludesLastItemInRange>" + (page.size() == changes.size()) + "</m:IncludesLastItemInRange>"
                + "<m:Changes>" + x + "</m:Changes>"));
    }

    private String createItem(Element op) {
        if (!op.hasAttribute("SendMeetingInvitations")) {
            return EwsFakeXml.envelope("CreateItem", EwsFakeXml.error("CreateItem", "ErrorSendMeetingInvitationsRequired",
                    "When making a request that creates a calendar item, the SendMeetingInvitations attribute is required.", "<m:Items/>"));
        }
        requireCalendarFolder(child(op, M, "SavedItemFolderId"));
        StringBuilder messages = new StringBuilder();
        for (Element c : children(child(op, M, "Items"), T, "CalendarItem")) {
            Element tz = child(c, T, "StartTimeZone");
            EwsFakeMailbox.Item item = mailbox.add(text(c, T, "Subject"), text(c, T, "Body"), text(c, T, "Location"),
                    instant(text(c, T, "Start")), instant(text(c, T, "End")), EwsFakeXml.zone(tz == null ? null : tz.getAttribute("Id")),
                    !"Free".equals(text(c, T, "LegacyFreeBusyStatus")), true);
            messages.append(EwsFakeXml.success("CreateItem", "<m:Items>" + idOnly(item) + "</m:Items>"));
        }
        return EwsFakeXml.envelope("CreateItem", messages.toString());
    }

    private String updateItem(Element op) {
        String resolution = op.getAttribute("ConflictResolution");
        if (!op.hasAttribute("SendMeetingInvitationsOrCancellations")) {
            return EwsFakeXml.envelope("UpdateItem", EwsFakeXml.error("UpdateItem", "ErrorSendMeetingInvitationsOrCancellationsRequired",
                    "SendMeetingInvitationsOrCancellations is required for calendar items.", "<m:Items/>"));
        }
        StringBuilder messages = new StringBuilder();
        for (Element change : children(child(op, M, "ItemChanges"), T, "ItemChange")) {
            Element id = child(change, T, "ItemId");
            Optional<EwsFakeMailbox.Item> found = lookup(id.getAttribute("Id"));
            if (found.isEmpty()) {
                messages.append(notFound("UpdateItem", id.getAttribute("Id")));
                continue;
            }
            EwsFakeMailbox.Item item = found.get();
            if (!id.hasAttribute("ChangeKey") && !resolution.equals("AlwaysOverwrite")) {
                messages.append(EwsFakeXml.error("UpdateItem", "ErrorChangeKeyRequiredForWriteOperations",
                        "When you make a write request, you must include the ChangeKey.", "<m:Items/>"));
                continue;
            }
            if (id.hasAttribute("ChangeKey") && !id.getAttribute("ChangeKey").equals(item.changeKey()) && !resolution.equals("AlwaysOverwrite")) {
                messages.append(EwsFakeXml.error("UpdateItem", "ErrorIrresolvableConflict",
                        "The send or update operation could not be performed because the change key passed in the request does not match "
                                + "the current change key for the item.", "<m:Items/>"));
                continue;
            }
            for (Element set : children(child(change, T, "Updates"), T, "SetItemField")) {
                Element value = child(set, T, "CalendarItem");
                switch (child(set, T, "FieldURI").getAttribute("FieldURI")) {
                    case "item:Body" -> item.body = text(value, T, "Body");
                    case "calendar:Start" -> item.start = instant(text(value, T, "Start"));
                    case "calendar:End" -> item.end = instant(text(value, T, "End"));
                    case "item:Subject" -> item.subject = text(value, T, "Subject");
                    default -> throw new Fault("ErrorInvalidPropertySet", "The property cannot be set.");
                }
            }
            mailbox.touched(item);
            messages.append(EwsFakeXml.success("UpdateItem", "<m:Items>" + idOnly(item) + "</m:Items>"
                    + "<m:ConflictResults><t:Count>0</t:Count></m:ConflictResults>"));
        }
        return EwsFakeXml.envelope("UpdateItem", messages.toString());
    }

    private String deleteItem(Element op) {
        if (!op.hasAttribute("DeleteType")) {
            throw new Fault("ErrorSchemaValidation", "The request failed schema validation: The required attribute 'DeleteType' is missing.");
        }
        StringBuilder messages = new StringBuilder();
        for (Element id : children(child(op, M, "ItemIds"), T, "ItemId")) {
            Optional<EwsFakeMailbox.Item> item = lookup(id.getAttribute("Id"));
            if (item.isPresent() && !op.hasAttribute("SendMeetingCancellations")) {
                messages.append(EwsFakeXml.error("DeleteItem", "ErrorSendMeetingCancellationsRequired",
                        "SendMeetingCancellations attribute is required for Calendar items.", ""));
            } else if (item.isPresent()) {
                mailbox.delete(item.get());
                messages.append(EwsFakeXml.success("DeleteItem", ""));
            } else {
                messages.append(notFound("DeleteItem", id.getAttribute("Id")));
            }
        }
        return EwsFakeXml.envelope("DeleteItem", messages.toString());
    }

    private Optional<EwsFakeMailbox.Item> lookup(String id) {
        return mailbox.find(id);
    }

    private static String notFound(String operation, String id) {
        if (!EwsFakeMailbox.wellFormed(id)) {
            return EwsFakeXml.error(operation, "ErrorInvalidIdMalformed", "Id is malformed.", operation.equals("DeleteItem") ? "" : "<m:Items/>");
        }
        return EwsFakeXml.error(operation, "ErrorItemNotFound", "The specified object was not found in the store.",
                operation.equals("DeleteItem") ? "" : "<m:Items/>");
    }

    private static String idOnly(EwsFakeMailbox.Item item) {
        return "<t:CalendarItem><t:ItemId Id=\"" + EwsFakeXml.esc(item.id) + "\" ChangeKey=\"" + item.changeKey() + "\"/></t:CalendarItem>";
    }

    /** The fields an ItemShape asks for: AdditionalProperties' FieldURIs, or a default set. */
    private static Set<String> shape(Element itemShape) {
        Set<String> fields = new LinkedHashSet<>();
        String base = text(itemShape, T, "BaseShape");
        if (!"IdOnly".equals(base)) {
            fields.addAll(List.of("item:Subject", "calendar:Start", "calendar:End", "calendar:Location", "calendar:CalendarItemType",
                    "calendar:Organizer", "calendar:LegacyFreeBusyStatus"));
        }
        for (Element f : children(child(itemShape, T, "AdditionalProperties"), T, "FieldURI")) {
            fields.add(f.getAttribute("FieldURI"));
        }
        return fields;
    }

    private static void requireCalendarFolder(Element folderIds) {
        Element distinguished = child(folderIds, T, "DistinguishedFolderId");
        if (distinguished == null || !"calendar".equals(distinguished.getAttribute("Id"))) {
            throw new Fault("ErrorFolderNotFound", "The specified folder could not be found in the store.");
        }
    }

    private static Instant instant(String text) {
        if (text == null) {
            throw new Fault("ErrorSchemaValidation", "The request failed schema validation: a date/time is missing.");
        }
        return OffsetDateTime.parse(text.trim()).toInstant();
    }

    static Element child(Node parent, String ns, String name) {
        List<Element> found = children(parent, ns, name);
        return found.isEmpty() ? null : found.get(0);
    }

    static List<Element> children(Node parent, String ns, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent == null ? null : parent.getChildNodes();
        for (int i = 0; nodes != null && i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && name.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                found.add(e);
            }
        }
        return found;
    }

    static String text(Node parent, String ns, String name) {
        Element e = child(parent, ns, name);
        return e == null ? null : e.getTextContent();
    }
}
