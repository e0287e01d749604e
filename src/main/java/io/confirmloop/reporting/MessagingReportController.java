package io.confirmloop.reporting;

import java.util.Locale;

import io.confirmloop.system.ApiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/reports/messaging}: the text messaging report of one calendar or all the caller's
 * calendars, for a period of dates ({@code from}, {@code to}, in each calendar's zone; the last 30
 * days by default). JSON, or CSV with {@code format=csv} or {@code Accept: text/csv}: one line per
 * calendar and day, or the replies with {@code table=replies}.
 */
@RestController
class MessagingReportController {

    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);
    private static final int DEFAULT_REPLIES = 200;
    private static final int MAX_REPLIES = 10_000;

    private final MessagingReport report;

    MessagingReportController(MessagingReport report) {
        this.report = report;
    }

    @GetMapping("/api/reports/messaging")
    ResponseEntity<?> messaging(@RequestParam(required = false) String calendarId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String format,
            @RequestParam(required = false) String table, @RequestParam(required = false) Integer replies,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean csv = csv(format, accept);
        boolean replyTable = "replies".equals(table);
        if (table != null && !replyTable && !"days".equals(table)) {
            throw ApiException.badRequest("INVALID_PARAMETER", "table must be days or replies");
        }
        int limit = replies == null ? (csv && replyTable ? MAX_REPLIES : DEFAULT_REPLIES) : replies;
        if (limit < 0 || limit > MAX_REPLIES) {
            throw ApiException.badRequest("INVALID_PARAMETER", "replies must be between 0 and " + MAX_REPLIES);
        }
        ReportResult result = report.build(calendarId, from, to, limit);
        if (!csv) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ReportViews.json(result));
        }
        String body = replyTable ? ReportCsv.write(ReportViews.REPLY_COLUMNS, ReportViews.replies(result))
                : ReportCsv.write(ReportViews.dayColumns(), ReportViews.dayRows(result));
        String file = "messaging-" + (replyTable ? "replies-" : "") + result.from() + "-to-" + result.to() + ".csv";
        return ResponseEntity.ok().contentType(CSV).header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .body(body);
    }

    private static boolean csv(String format, String accept) {
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ApiException.badRequest("INVALID_PARAMETER", "format must be json or csv");
            };
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }
}
