package io.confirmloop.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.confirmloop.system.ApiException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Message texts, rendered from templates with {@code {placeholders}}. The defaults ship in
 * {@code templates/messages/}; an owner may replace any of them per calendar. Email templates
 * start with a {@code Subject:} line.
 */
@Component
public class MessageTemplates {

    public static final List<String> NAMES = List.of("confirmation-request", "reminder", "confirmation-ack", "decline-ack",
            "reschedule-ack", "new-time", "help", "email-reminder", "owner-declined", "owner-reschedule-request",
            "owner-forwarded-text", "owner-rescheduled", "email-fallback", "owner-delivery-failed", "cancellation",
            "booking-confirmation", "slot-offer", "slot-moved", "owner-client-rescheduled");
    public static final List<String> PLACEHOLDERS = List.of("business", "date", "time", "zone", "title", "phone", "text", "slots");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    /** A rendered message; subject is null for SMS templates. */
    public record Rendered(String subject, String body) {
    }

    private final JdbcClient jdbc;
    private final Map<String, String> defaults = new HashMap<>();
    /**
     * The calendars' own templates as messages use them, read again after 5 s: every reminder of a
     * burst renders one, and an owner's change reaches every node within seconds (at once on the node
     * that saved it).
     */
    private final com.github.benmanes.caffeine.cache.Cache<String, Optional<String>> inUse = com.github.benmanes.caffeine.cache.Caffeine
            .newBuilder().expireAfterWrite(java.time.Duration.ofSeconds(5)).maximumSize(10_000).build();

    MessageTemplates(JdbcClient jdbc) {
        this.jdbc = jdbc;
        for (String name : NAMES) {
            try {
                defaults.put(name, new ClassPathResource("templates/messages/" + name + ".txt")
                        .getContentAsString(StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new UncheckedIOException("Missing default template " + name, e);
            }
        }
    }

    /** The values every template can use; the appointment time is shown in the calendar's zone. */
    public static Map<String, String> values(String business, Instant start, ZoneId zone, String title, String phone, String text) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("business", business);
        values.put("date", DATE.format(start.atZone(zone)));
        values.put("time", TIME.format(start.atZone(zone)));
        values.put("zone", zone.getId());
        values.put("title", title == null ? "" : title);
        values.put("phone", phone == null ? "" : phone);
        values.put("text", text == null ? "" : text);
        values.put("slots", "");
        return values;
    }

    public Rendered render(String calendarId, String name, Map<String, String> values) {
        return parse(fill(template(calendarId, name), values));
    }

    /** Replaces each {placeholder} once; values go in literally, braces in them included. */
    static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("unknown placeholder {" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    public String template(String calendarId, String name) {
        requireKnown(name);
        return inUse.get(calendarId + "/" + name, k -> custom(calendarId, name)).orElse(defaults.get(name));
    }

    public Optional<String> custom(String calendarId, String name) {
        return jdbc.sql("select body from message_template where calendar_id = ? and name = ?").params(calendarId, name)
                .query(String.class).optional();
    }

    void save(String calendarId, String name, String body) {
        requireKnown(name);
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("VALIDATION_FAILED", "body is required");
        }
        Map<String, String> sample = values("Sample Clinic", Instant.EPOCH, ZoneId.of("UTC"), "Check-up", "+12015550123", "Hello");
        try {
            fill(body, sample);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_TEMPLATE", "The template has an " + e.getMessage()
                    + ". Use " + String.join(", ", PLACEHOLDERS.stream().map(p -> "{" + p + "}").toList()));
        }
        if (name.startsWith("email") || name.startsWith("owner")) {
            if (!body.startsWith("Subject:")) {
                throw ApiException.badRequest("INVALID_TEMPLATE", "Email templates start with a 'Subject:' line");
            }
        }
        int updated = jdbc.sql("update message_template set body = ? where calendar_id = ? and name = ?").params(body.strip(), calendarId, name).update();
        if (updated == 0) {
            jdbc.sql("insert into message_template (calendar_id, name, body) values (?, ?, ?)").params(calendarId, name, body.strip()).update();
        }
        inUse.invalidate(calendarId + "/" + name);
    }

    void reset(String calendarId, String name) {
        requireKnown(name);
        jdbc.sql("delete from message_template where calendar_id = ? and name = ?").params(calendarId, name).update();
        inUse.invalidate(calendarId + "/" + name);
    }

    private static void requireKnown(String name) {
        if (!NAMES.contains(name)) {
            throw ApiException.notFound("Template", name);
        }
    }

    private static Rendered parse(String text) {
        if (text.startsWith("Subject:")) {
            int newline = text.indexOf('\n');
            String subject = (newline < 0 ? text : text.substring(0, newline)).substring("Subject:".length()).strip();
            String body = newline < 0 ? "" : text.substring(newline + 1).strip();
            return new Rendered(subject, body);
        }
        return new Rendered(null, text.strip());
    }
}
