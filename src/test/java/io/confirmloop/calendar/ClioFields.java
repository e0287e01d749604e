package io.confirmloop.calendar;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clio's {@code fields=} selection: without it a record shows only {@code id} and {@code etag}; a
 * nested resource shows the fields named in braces (one level deep), else its {@code id} and
 * {@code etag}. A second level of braces is an error.
 */
final class ClioFields {

    private final Map<String, List<String>> selected;

    private ClioFields(Map<String, List<String>> selected) {
        this.selected = selected;
    }

    /** @throws IllegalArgumentException for a selection Clio refuses (ArgumentError) */
    static ClioFields parse(String fields) {
        Map<String, List<String>> selected = new LinkedHashMap<>();
        if (fields == null || fields.isBlank()) {
            selected.put("id", null);
            selected.put("etag", null);
            return new ClioFields(selected);
        }
        int depth = 0;
        StringBuilder token = new StringBuilder();
        for (char c : (fields + ",").toCharArray()) {
            if (c == '{' && ++depth > 1 || c == '}' && --depth < 0) {
                throw new IllegalArgumentException("Nested fields may only be one level deep: " + fields);
            }
            if (c == ',' && depth == 0) {
                String t = token.toString().trim();
                int brace = t.indexOf('{');
                if (brace < 0) {
                    selected.put(t, null);
                } else {
                    selected.put(t.substring(0, brace), List.of(t.substring(brace + 1, t.length() - 1).split(",")));
                }
                token.setLength(0);
            } else {
                token.append(c);
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("Unbalanced braces in fields: " + fields);
        }
        return new ClioFields(selected);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> apply(Map<String, Object> record) {
        Map<String, Object> shown = new LinkedHashMap<>();
        selected.forEach((name, nested) -> {
            if (!record.containsKey(name)) {
                return;
            }
            Object value = record.get(name);
            if (value instanceof Map<?, ?> m) {
                shown.put(name, pick((Map<String, Object>) m, nested));
            } else if (value instanceof List<?> list) {
                shown.put(name, list.stream().map(v -> v instanceof Map<?, ?> m ? pick((Map<String, Object>) m, nested) : v).toList());
            } else {
                shown.put(name, value);
            }
        });
        return shown;
    }

    private static Map<String, Object> pick(Map<String, Object> nested, List<String> names) {
        Map<String, Object> shown = new LinkedHashMap<>();
        for (String name : names == null ? List.of("id", "etag") : names) {
            if (nested.containsKey(name.trim())) {
                shown.put(name.trim(), nested.get(name.trim()));
            }
        }
        return shown;
    }
}
