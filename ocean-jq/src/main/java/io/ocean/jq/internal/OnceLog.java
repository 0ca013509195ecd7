package io.ocean.jq.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers what was logged, so that a failing expression is logged once, not once per item. Bounded. */
final class OnceLog {

    private static final int CAPACITY = 10_000;

    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /** True the first time a key is offered (and again after the memory was cleared at capacity). */
    boolean first(String key) {
        if (seen.size() >= CAPACITY) {
            seen.clear();
        }
        return seen.add(key);
    }
}
