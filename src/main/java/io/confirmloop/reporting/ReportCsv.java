package io.confirmloop.reporting;

import java.util.List;
import java.util.stream.Collectors;

/**
 * RFC 4180 CSV: a header line, then one line per row, CRLF. A cell that a spreadsheet would run as
 * a formula (it starts with =, +, -, @ or a tab and is not a number) is written with a leading
 * apostrophe, since clients' texts end up here.
 */
final class ReportCsv {

    private ReportCsv() {
    }

    static String write(List<String> header, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder();
        line(out, List.copyOf(header));
        rows.forEach(row -> line(out, row));
        return out.toString();
    }

    private static void line(StringBuilder out, List<?> cells) {
        out.append(cells.stream().map(ReportCsv::cell).collect(Collectors.joining(","))).append("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !text.matches("[+-]?[0-9][0-9.]*")) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
