package io.confirmloop.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The calendar folder of the fake Exchange mailbox: single items and recurring masters with their
 * occurrences (each occurrence with an ItemId of its own, as CalendarView lists them), ChangeKeys
 * that change with every write, and a sequence of changes for SyncFolderItems, whose sync states
 * belong to a generation that {@link #expireSyncStates()} ends.
 */
final class EwsFakeMailbox {

    /** A single item, a recurring master, or an occurrence (then {@code master} is set). */
    static final class Item {
        final String id;
        final String uid;
        final Item master;
        final List<Item> occurrences = new ArrayList<>();
        String subject;
        String body;
        String location;
        Instant start;
        Instant end;
        ZoneId zone;
        boolean busy;
        boolean organizer;
        /** Invited by the owner (required attendees), besides the meeting room. */
        List<String> guests = List.of();
        boolean allDay;
        boolean cancelled;
        boolean exception;
        boolean deleted;
        int version = 1;
        long createdSeq;
        long changedSeq;
        long deletedSeq;

        Item(String id, String uid, Item master) {
            this.id = id;
            this.uid = uid;
            this.master = master;
        }

        String type() {
            if (master != null) {
                return exception ? "Exception" : "Occurrence";
            }
            return occurrences.isEmpty() ? "Single" : "RecurringMaster";
        }

        String changeKey() {
            return "DwAAABYAAAA" + Base64.getEncoder().encodeToString((id.hashCode() + ":" + version).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A change SyncFolderItems reports: Create, Update or Delete of a folder item. */
    record Change(String kind, Item item, long seq) {
    }

    private final Map<String, Item> byId = new LinkedHashMap<>();
    private long counter;
    private long seq;
    private int generation = 1;

    String newId() {
        counter++;
        return "AAMkAGI2TG93" + Base64.getEncoder().encodeToString(("confirmloop-fake-item-" + counter).getBytes(StandardCharsets.UTF_8));
    }

    static boolean wellFormed(String id) {
        if (id == null || !id.startsWith("AAMk")) {
            return false;
        }
        try {
            Base64.getDecoder().decode(id.substring(12));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    Item add(String subject, String body, String location, Instant start, Instant end, ZoneId zone, boolean busy, boolean organizer) {
        Item item = new Item(newId(), "040000008200E00074C5B7101A82E008" + (counter + 1000), null);
        fill(item, subject, body, location, start, end, zone, busy, organizer);
        item.createdSeq = ++seq;
        item.changedSeq = item.createdSeq;
        byId.put(item.id, item);
        return item;
    }

    Item addSeries(String subject, String body, Instant start, Instant end, ZoneId zone, boolean busy, boolean organizer, int count,
            Duration every) {
        Item master = add(subject, body, null, start, end, zone, busy, organizer);
        for (int i = 0; i < count; i++) {
            Item occurrence = new Item(newId(), master.uid, master);
            fill(occurrence, subject, body, null, start.plus(every.multipliedBy(i)), end.plus(every.multipliedBy(i)), zone, busy, organizer);
            master.occurrences.add(occurrence);
            byId.put(occurrence.id, occurrence);
        }
        return master;
    }

    private static void fill(Item item, String subject, String body, String location, Instant start, Instant end, ZoneId zone,
            boolean busy, boolean organizer) {
        item.subject = subject;
        item.body = body;
        item.location = location;
        item.start = start;
        item.end = end;
        item.zone = zone;
        item.busy = busy;
        item.organizer = organizer;
    }

    /** A live item or occurrence. */
    Optional<Item> find(String id) {
        Item item = byId.get(id);
        return item == null || item.deleted || (item.master != null && item.master.deleted) ? Optional.empty() : Optional.of(item);
    }

    /** Records a write: a new ChangeKey, and a change of the folder item (an occurrence changes its master). */
    void touched(Item item) {
        item.version++;
        if (item.master != null) {
            item.exception = true;
            item.master.version++;
            item.master.changedSeq = ++seq;
        } else {
            item.changedSeq = ++seq;
        }
    }

    void delete(Item item) {
        item.deleted = true;
        if (item.master != null) {
            item.master.version++;
            item.master.changedSeq = ++seq;
        } else {
            item.deletedSeq = ++seq;
        }
    }

    /** What CalendarView lists in [start, end): singles and occurrences, by start. */
    List<Item> view(Instant start, Instant end) {
        return byId.values().stream()
                .filter(i -> !i.deleted && (i.master == null ? i.occurrences.isEmpty() : !i.master.deleted))
                .filter(i -> i.end.isAfter(start) && i.start.isBefore(end))
                .sorted(Comparator.comparing((Item i) -> i.start).thenComparing(i -> i.id)).toList();
    }

    /** The changes of folder items after the sync position {@code after}, oldest first. */
    List<Change> changesAfter(long after) {
        List<Change> changes = new ArrayList<>();
        for (Item i : byId.values()) {
            if (i.master != null) {
                continue;
            }
            if (i.deleted) {
                if (i.createdSeq <= after && i.deletedSeq > after) {
                    changes.add(new Change("Delete", i, i.deletedSeq));
                }
            } else if (i.createdSeq > after) {
                changes.add(new Change("Create", i, i.changedSeq));
            } else if (i.changedSeq > after) {
                changes.add(new Change("Update", i, i.changedSeq));
            }
        }
        changes.sort(Comparator.comparingLong(Change::seq));
        return changes;
    }

    long position() {
        return seq;
    }

    String syncState(long position) {
        return Base64.getEncoder().encodeToString(("FakeSyncState|" + generation + "|" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position of a sync state of the current generation, or -1 if it is not (any more) valid. */
    long position(String syncState) {
        try {
            String[] parts = new String(Base64.getDecoder().decode(syncState), StandardCharsets.UTF_8).split("\\|");
            return parts.length == 3 && parts[0].equals("FakeSyncState") && Integer.parseInt(parts[1]) == generation
                    ? Long.parseLong(parts[2]) : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    void expireSyncStates() {
        generation++;
    }
}
