package io.ocean.webhook.internal.console;

import java.util.Locale;

/** The console's text filter: case-insensitive containment. */
final class Text {

    private Text() {
    }

    static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    }

    /** Null for a missing or blank query parameter. */
    static String param(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
