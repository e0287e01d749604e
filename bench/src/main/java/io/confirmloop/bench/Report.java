package io.confirmloop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one run: a header (machine, versions, settings) and one section per scenario,
 * each a list of rows "figure · value · target · met?". Printed as a text table and written as
 * Markdown.
 */
final class Report {

    enum Verdict {
        MET("met"), MISSED("MISSED"), NONE("");

        final String label;

        Verdict(String label) {
            this.label = label;
        }

        static Verdict of(boolean met) {
            return met ? MET : MISSED;
        }
    }

    record Row(String figure, String value, String target, Verdict verdict) {
    }

    static final class Section {
        final String title;
        final List<Row> rows = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Section(String title) {
            this.title = title;
        }

        Section row(String figure, String value) {
            return row(figure, value, "", Verdict.NONE);
        }

        Section row(String figure, String value, String target, Verdict verdict) {
            rows.add(new Row(figure, value, target, verdict));
            return this;
        }

        Section note(String text) {
            notes.add(text);
            return this;
        }
    }

    private final String title;
    private final List<String[]> header = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    Report(String title) {
        this.title = title;
    }

    void header(String key, String value) {
        header.add(new String[] {key, value});
    }

    synchronized Section section(String sectionTitle) {
        Section section = new Section(sectionTitle);
        sections.add(section);
        return section;
    }

    String toText() {
        StringBuilder out = new StringBuilder();
        out.append("\n").append(title).append("\n").append("=".repeat(title.length())).append("\n");
        int keyWidth = header.stream().mapToInt(h -> h[0].length()).max().orElse(0);
        header.forEach(h -> out.append(pad(h[0], keyWidth)).append("  ").append(h[1]).append("\n"));
        for (Section section : sections) {
            out.append("\n").append(section.title).append("\n").append("-".repeat(section.title.length())).append("\n");
            int[] widths = {6, 5, 6};
            for (Row row : section.rows) {
                widths[0] = Math.max(widths[0], row.figure().length());
                widths[1] = Math.max(widths[1], row.value().length());
                widths[2] = Math.max(widths[2], row.target().length());
            }
            out.append(pad("figure", widths[0])).append(" | ").append(pad("value", widths[1])).append(" | ")
                    .append(pad("target", widths[2])).append(" |\n");
            out.append("-".repeat(widths[0])).append("-+-").append("-".repeat(widths[1])).append("-+-").append("-".repeat(widths[2]))
                    .append("-+-------\n");
            for (Row row : section.rows) {
                out.append(pad(row.figure(), widths[0])).append(" | ").append(pad(row.value(), widths[1])).append(" | ")
                        .append(pad(row.target(), widths[2])).append(" | ").append(row.verdict().label).append("\n");
            }
            section.notes.forEach(n -> out.append("  * ").append(n).append("\n"));
        }
        return out.toString();
    }

    String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(title).append("\n\n");
        out.append("| | |\n|---|---|\n");
        header.forEach(h -> out.append("| ").append(cell(h[0])).append(" | ").append(cell(h[1])).append(" |\n"));
        for (Section section : sections) {
            out.append("\n## ").append(section.title).append("\n\n");
            out.append("| figure | value | target | |\n|---|---|---|---|\n");
            for (Row row : section.rows) {
                out.append("| ").append(cell(row.figure())).append(" | ").append(cell(row.value())).append(" | ")
                        .append(cell(row.target())).append(" | ").append(row.verdict().label).append(" |\n");
            }
            if (!section.notes.isEmpty()) {
                out.append("\n");
                section.notes.forEach(n -> out.append("- ").append(n).append("\n"));
            }
        }
        return out.toString();
    }

    void writeMarkdown(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, toMarkdown());
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
