package io.ocean.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The HTTP headers of a webhook request: names are case-insensitive, a name may carry several values.
 * {@link #toString()} lists names only, since values may hold tokens or signatures.
 */
public final class EventHeaders {

    private static final EventHeaders EMPTY = new EventHeaders(Map.of());

    private final Map<String, List<String>> byName;

    private EventHeaders(Map<String, List<String>> byLowerCaseName) {
        this.byName = byLowerCaseName;
    }

    /** Headers from a map of name to values; names that differ only in case are merged in order. */
    public static EventHeaders of(Map<String, ? extends Collection<String>> headers) {
        Map<String, List<String>> merged = new LinkedHashMap<>();
        headers.forEach((name, values) -> merged
                .computeIfAbsent(lowerCase(name), n -> new ArrayList<>())
                .addAll(values));
        return copy(merged);
    }

    /** Headers from alternating names and values: {@code of("X-GitHub-Event", "issues", "Content-Type", "application/json")}. */
    public static EventHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("namesAndValues must alternate name and value, got an odd count");
        }
        Map<String, List<String>> merged = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            merged.computeIfAbsent(lowerCase(namesAndValues[i]), n -> new ArrayList<>())
                    .add(Objects.requireNonNull(namesAndValues[i + 1], "header value"));
        }
        return copy(merged);
    }

    /** No headers. */
    public static EventHeaders empty() {
        return EMPTY;
    }

    /** The first value of the header, or null when it is absent. */
    public String get(String name) {
        List<String> values = byName.get(lowerCase(name));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every value of the header in the order received; empty when absent. */
    public List<String> all(String name) {
        return byName.getOrDefault(lowerCase(name), List.of());
    }

    /** Whether the header is present. */
    public boolean contains(String name) {
        return byName.containsKey(lowerCase(name));
    }

    /** The header names, lower-cased. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** All headers as an unmodifiable map of lower-cased name to values. */
    public Map<String, List<String>> asMap() {
        return byName;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventHeaders headers && byName.equals(headers.byName);
    }

    @Override
    public int hashCode() {
        return byName.hashCode();
    }

    @Override
    public String toString() {
        return "EventHeaders" + byName.keySet();
    }

    private static EventHeaders copy(Map<String, List<String>> merged) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        merged.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return new EventHeaders(Collections.unmodifiableMap(copy));
    }

    private static String lowerCase(String name) {
        return Objects.requireNonNull(name, "header name").toLowerCase(Locale.ROOT);
    }
}
