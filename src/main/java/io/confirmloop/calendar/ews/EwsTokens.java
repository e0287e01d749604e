package io.confirmloop.calendar.ews;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confirmloop.calendar.CalendarProviderException;

/**
 * The adapter's opaque strings. A window page token says where the next CalendarView page starts
 * and which items at that boundary were listed already (CalendarView has no offset), and carries
 * the change cursor taken before the first page. A change cursor is the folder's SyncState plus
 * short hashes of the recurring series' master ids: SyncFolderItems reports a deleted master only
 * by its id, and these tell it from a single event.
 */
final class EwsTokens {

    private static final String CURSOR_PREFIX = "ews1.";
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** Where a window page starts. */
    record Page(Instant start, List<String> skip, String cursor) {
    }

    /** A SyncFolderItems position and the series masters known at it. */
    record Cursor(String syncState, Set<String> masters) {

        Cursor {
            masters = new TreeSet<>(masters == null ? Set.of() : masters);
        }

        boolean isMaster(String itemId) {
            return masters.contains(hash(itemId));
        }

        Cursor with(String nextState, Set<String> addedMasterIds, Set<String> goneIds) {
            TreeSet<String> next = new TreeSet<>(masters);
            addedMasterIds.forEach(id -> next.add(hash(id)));
            goneIds.forEach(id -> next.remove(hash(id)));
            return new Cursor(nextState, next);
        }
    }

    private EwsTokens() {
    }

    static String encode(Page page) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json(page));
    }

    static Page page(String token) {
        try {
            return JSON.readValue(Base64.getUrlDecoder().decode(token), Page.class);
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new CalendarProviderException.Rejected("Not a page token of this calendar", 400, null);
        }
    }

    static String encode(Cursor cursor) {
        return CURSOR_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(json(cursor));
    }

    /** The cursor; one that is not ours (or from an older version) is expired: read the window. */
    static Cursor cursor(String text) {
        if (text == null || !text.startsWith(CURSOR_PREFIX)) {
            throw new CalendarProviderException.CursorExpired("The change cursor is not an Exchange sync state: reading the window", null);
        }
        try {
            return JSON.readValue(Base64.getUrlDecoder().decode(text.substring(CURSOR_PREFIX.length())), Cursor.class);
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new CalendarProviderException.CursorExpired("The change cursor cannot be read: reading the window", null);
        }
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A token is plain data", e);
        }
    }

    /** 12 hex digits of the SHA-256 of an item id: enough to tell a few hundred masters apart. */
    static String hash(String itemId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(itemId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
