package io.confirmloop.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarService;
import io.confirmloop.reporting.Tally.Count;
import io.confirmloop.system.ApiException;
import io.confirmloop.system.AppClock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * Builds the report for the caller's calendars (one, or all they may see) and a period of dates
 * in each calendar's zone. The queries run per time zone, so every calendar's days start at its
 * own midnight, and the four reads of a zone run side by side (each a statement of its own, so
 * the figures may differ by what came in between them).
 */
@Service
class MessagingReport {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;

    private final CalendarService calendars;
    private final ReportQueries queries;
    private final AppClock clock;
    private final Executor executor;

    MessagingReport(CalendarService calendars, ReportQueries queries, AppClock clock,
            @Qualifier("applicationTaskExecutor") Executor executor) {
        this.calendars = calendars;
        this.queries = queries;
        this.clock = clock;
        this.executor = executor;
    }

    public ReportResult build(String calendarId, String fromText, String toText, int replyLimit) {
        List<Calendar> selected = calendarId == null || calendarId.isBlank() ? calendars.visibleCalendars()
                : List.of(calendars.visible(calendarId));
        ZoneId defaultZone = selected.isEmpty() ? ZoneId.of("UTC") : selected.get(0).timeZone();
        LocalDate to = toText == null || toText.isBlank() ? LocalDate.ofInstant(clock.now(), defaultZone) : date(toText, "to");
        LocalDate from = fromText == null || fromText.isBlank() ? to.minusDays(DEFAULT_DAYS - 1) : date(fromText, "from");
        if (from.isAfter(to)) {
            throw ApiException.badRequest("INVALID_PERIOD", "from (" + from + ") must not be after to (" + to + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw ApiException.badRequest("INVALID_PERIOD", "The period may cover at most " + MAX_DAYS + " days");
        }
        Map<String, Map<LocalDate, Tally>> tallies = new LinkedHashMap<>();
        selected.forEach(c -> tallies.put(c.id(), emptyDays(from, to)));
        List<ReportQueries.Reply> replies = new ArrayList<>();
        Map<ZoneId, List<String>> byZone = selected.stream()
                .collect(Collectors.groupingBy(Calendar::timeZone, LinkedHashMap::new, Collectors.mapping(Calendar::id, Collectors.toList())));
        byZone.forEach((zone, ids) -> {
            Instant lo = from.atStartOfDay(zone).toInstant();
            Instant hi = to.plusDays(1).atStartOfDay(zone).toInstant();
            // four independent reads, each on a connection of its own, at the same time
            var texts = read(() -> queries.texts(ids, zone, lo, hi));
            var outcomes = read(() -> queries.outcomes(ids, zone, lo, hi));
            var asked = read(() -> queries.asked(ids, zone, lo, hi));
            var latest = read(() -> queries.replies(ids, lo, hi, replyLimit));
            count(tallies, join(texts), join(outcomes), join(asked));
            replies.addAll(join(latest));
        });
        replies.sort(Comparator.comparing(ReportQueries.Reply::at).reversed());
        return new ReportResult(from, to, calendarId, selected, tallies, replies.size() > replyLimit ? replies.subList(0, replyLimit) : replies);
    }

    private <T> CompletableFuture<T> read(Supplier<T> query) {
        return CompletableFuture.supplyAsync(query, executor);
    }

    private static <T> T join(CompletableFuture<T> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static void count(Map<String, Map<LocalDate, Tally>> tallies, List<ReportQueries.TextDay> texts,
            List<ReportQueries.OutcomeDay> outcomes, List<ReportQueries.Asked> asked) {
        for (ReportQueries.TextDay d : texts) {
            tallies.get(d.calendarId()).get(d.day()).count(Count.SENT, d.sent()).count(Count.DELIVERED, d.delivered())
                    .count(Count.UNDELIVERED, d.undelivered()).count(Count.FAILED, d.failed()).count(Count.SKIPPED, d.skipped())
                    .count(Count.REPLIES, d.replies()).count(Count.OPT_OUTS, d.optOuts());
        }
        for (ReportQueries.OutcomeDay d : outcomes) {
            Count outcome = switch (d.text()) {
                case ReportQueries.CONFIRMED -> Count.CONFIRMED;
                case ReportQueries.DECLINED -> Count.DECLINED;
                case ReportQueries.RESCHEDULE -> Count.RESCHEDULE_REQUESTS;
                default -> Count.NO_RESPONSE;
            };
            tallies.get(d.calendarId()).get(d.day()).count(outcome, d.count());
        }
        for (ReportQueries.Asked a : asked) {
            Tally t = tallies.get(a.calendarId()).get(a.day()).count(Count.ASKED_TO_CONFIRM, 1)
                    .count(Count.CONFIRMED_OF_ASKED, a.confirmed() ? 1 : 0);
            if (a.replySeconds() != null) {
                t.replyDelay(a.replySeconds());
            }
        }
    }

    private static Map<LocalDate, Tally> emptyDays(LocalDate from, LocalDate to) {
        Map<LocalDate, Tally> days = new TreeMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.put(d, new Tally());
        }
        return days;
    }

    private static LocalDate date(String value, String field) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("INVALID_DATE", field + " '" + value + "' is not a date such as 2026-12-01");
        }
    }
}
