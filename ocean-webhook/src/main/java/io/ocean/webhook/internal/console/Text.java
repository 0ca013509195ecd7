package io.ocean.webhook.internal.console;

import io.ocean.webhook.store.EventQuery;
import java.util.Locale;

/** The console's text filter: case-insensitive containment. */
final class Text {

    private Text() {
    }

    static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    }

    /**
     * The {@code limit} query parameter: {@code fallback} when missing, else a whole number from 1 to
     * {@link EventQuery#MAX_LIMIT}.
     *
     * @throws IllegalArgumentException naming the parameter and its range
     */
    static int limit(String text, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= EventQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("limit must be a whole number from 1 to " + EventQuery.MAX_LIMIT);
    }

    /** Null for a missing or blank query parameter. */
    static String param(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
