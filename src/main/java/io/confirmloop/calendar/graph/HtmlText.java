package io.confirmloop.calendar.graph;

import java.util.regex.Pattern;

/** A plain-text reading of an HTML event body, for a server that ignored our text preference. */
final class HtmlText {

    private static final Pattern HEAD = Pattern.compile("(?is)<head[^>]*>.*?</head>|<style[^>]*>.*?</style>|<script[^>]*>.*?</script>");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</(p|div|li|tr|h[1-6])>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private HtmlText() {
    }

    static String of(String html) {
        String text = HEAD.matcher(html).replaceAll("");
        text = BREAK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
        return text.replaceAll("[ \\t]*\\r?\\n", "\n").strip();
    }
}
