package io.confirmloop.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The calendar entries of {@link ClioFake}'s account, as Clio keeps them: a plain entry, or a
 * recurring one ({@code recurrence_rule}) that Clio expands into occurrences when asked
 * ({@code expanded=true}), each with its own id, {@code parent_calendar_entry_id} and etag once
 * changed. Every change gives a new etag and {@code updated_at}. Not thread-safe: {@link ClioFake}
 * holds its lock.
 */
final class ClioFakeEntries {

    /** An entry (a series when {@code count} > 1), or an occurrence of one ({@code index} ≥ 0). */
    static final class Entry {
        final long id;
        String summary;
        String description;
        String location;
        Instant start;
        Instant end;
        ZoneId zone;
        boolean allDay;
        boolean free;
        String ownerCalendar;
        final List<String> calendars = new ArrayList<>();
        String etag;
        Instant createdAt;
        Instant updatedAt;
        int count = 1;
        Duration every;
        /** Changed or deleted occurrences of a series, by index. */
        final Map<Integer, Entry> exceptions = new HashMap<>();
        boolean deleted;
        Entry parent;
        int index = -1;

        Entry(long id) {
            this.id = id;
        }

        String publicId() {
            return parent == null ? String.valueOf(id) : parent.id + "_" + index;
        }

        boolean recurring() {
            return parent == null && count > 1;
        }

        String recurrenceRule() {
            if (!recurring()) {
                return null;
            }
            return every.toDays() > 0 && every.equals(Duration.ofDays(every.toDays()))
                    ? "FREQ=DAILY;INTERVAL=" + every.toDays() + ";COUNT=" + count
                    : "FREQ=MINUTELY;INTERVAL=" + every.toMinutes() + ";COUNT=" + count;
        }
    }

    /** How Clio writes a timestamp: seconds, and the offset of the entry's zone. */
    static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private final TreeMap<Long, Entry> entries = new TreeMap<>();
    private long nextId = 1_000_000_001L;
    private long versions;

    void clear() {
        entries.clear();
    }

    Entry add(String owner, List<String> calendars, Instant now) {
        Entry e = new Entry(nextId++);
        e.ownerCalendar = owner;
        e.calendars.addAll(calendars);
        e.createdAt = now;
        touch(e, now);
        entries.put(e.id, e);
        return e;
    }

    void touch(Entry e, Instant now) {
        e.etag = "\"" + String.format("%032x", 0x5a17L * 1_000_003L + ++versions) + "\"";
        e.updatedAt = now.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The entry or occurrence with this public id, or null; an occurrence about to change becomes an exception of its series. */
    Entry find(String publicId, boolean toChange) {
        int cut = publicId.indexOf('_');
        try {
            if (cut < 0) {
                Entry e = entries.get(Long.parseLong(publicId));
                return e == null || e.deleted ? null : e;
            }
            Entry series = entries.get(Long.parseLong(publicId.substring(0, cut)));
            int index = Integer.parseInt(publicId.substring(cut + 1));
            if (series == null || !series.recurring() || index < 0 || index >= series.count) {
                return null;
            }
            Entry occurrence = series.exceptions.containsKey(index) ? series.exceptions.get(index) : occurrence(series, index);
            if (toChange) {
                series.exceptions.put(index, occurrence);
            }
            return occurrence.deleted ? null : occurrence;
        } catch (NumberFormatException notAnId) {
            return null;
        }
    }

    void remove(Entry e, Instant now) {
        if (e.parent == null) {
            entries.remove(e.id);
        } else {
            e.deleted = true;
            touch(e, now);
        }
    }

    /** In id order (occurrences after their series' id, by index): the key a page token resumes after. */
    List<Map.Entry<String, Entry>> list(boolean expanded) {
        List<Map.Entry<String, Entry>> all = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (!expanded || !e.recurring()) {
                all.add(Map.entry(key(e.id, -1), e));
                continue;
            }
            for (int i = 0; i < e.count; i++) {
                Entry occurrence = e.exceptions.containsKey(i) ? e.exceptions.get(i) : occurrence(e, i);
                if (!occurrence.deleted) {
                    all.add(Map.entry(key(e.id, i), occurrence));
                }
            }
        }
        return all;
    }

    static String key(long id, int index) {
        return String.format("%019d.%06d", id, index + 1);
    }

    /** Occurrence {@code i} keeps the series' wall-clock time in its zone, as Clio expands a rule. */
    private static Entry occurrence(Entry series, int i) {
        Entry o = new Entry(series.id);
        o.parent = series;
        o.index = i;
        o.summary = series.summary;
        o.description = series.description;
        o.location = series.location;
        ZonedDateTime first = series.start.atZone(series.zone);
        Duration length = Duration.between(series.start, series.end);
        ZonedDateTime start = series.every.toDays() > 0 ? first.plusDays(series.every.toDays() * i) : first.plus(series.every.multipliedBy(i));
        o.start = start.toInstant();
        o.end = o.start.plus(length);
        o.zone = series.zone;
        o.allDay = series.allDay;
        o.free = series.free;
        o.ownerCalendar = series.ownerCalendar;
        o.calendars.addAll(series.calendars);
        o.createdAt = series.createdAt;
        o.updatedAt = series.updatedAt;
        o.etag = series.etag.replace("\"", "").substring(0, 24) + String.format("%08x", i);
        o.etag = "\"" + o.etag + "\"";
        return o;
    }

    /** Everything Clio can tell of an entry; {@link ClioFields} keeps what the request asked for. */
    static Map<String, Object> view(Entry e, Map<String, Map<String, Object>> calendars) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", e.publicId());
        v.put("etag", e.etag);
        v.put("summary", e.summary);
        v.put("description", e.description);
        v.put("location", e.location);
        v.put("start_at", timestamp(e.start, e.zone));
        v.put("end_at", timestamp(e.end, e.zone));
        v.put("all_day", e.allDay);
        v.put("recurrence_rule", e.parent == null ? e.recurrenceRule() : e.parent.recurrenceRule());
        v.put("parent_calendar_entry_id", e.parent == null ? null : e.parent.id);
        v.put("court_rule", false);
        v.put("created_at", timestamp(e.createdAt, e.zone));
        v.put("updated_at", timestamp(e.updatedAt, e.zone));
        v.put("permission", "owner");
        v.put("calendar_owner_id", Long.parseLong(e.ownerCalendar));
        v.put("start_at_time_zone", e.zone.getId());
        v.put("calendar_owner", calendars.get(e.ownerCalendar));
        v.put("calendars", e.calendars.stream().map(calendars::get).toList());
        v.put("calendar_entry_event_type", e.free ? Map.of("id", 31, "etag", "\"ev31\"", "name", "Free", "color", "#8fd14f") : null);
        return v;
    }

    static String timestamp(Instant instant, ZoneId zone) {
        return ISO.format(OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), zone));
    }
}
