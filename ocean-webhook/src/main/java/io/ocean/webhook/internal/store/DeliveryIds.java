package io.ocean.webhook.internal.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The delivery ids seen per path, each remembered exactly for the window by age (not by how many came since), with
 * the trace id of the delivery that brought it. Oldest first, so forgetting stops at the first one still young.
 * Not thread-safe.
 */
final class DeliveryIds {

    private record Key(String path, String deliveryId) {
    }

    private record Seen(String traceId, Instant at) {
    }

    private final LinkedHashMap<Key, Seen> seen = new LinkedHashMap<>();

    /** The trace id that brought this delivery id within the window, or null. */
    String firstTraceId(String path, String deliveryId, Instant now, Duration window) {
        Seen entry = seen.get(new Key(path, deliveryId));
        return entry != null && young(entry, now, window) ? entry.traceId() : null;
    }

    /** Remembers the delivery id as seen now; a renewed id moves to the young end. */
    void remember(String path, String deliveryId, String traceId, Instant now) {
        Key key = new Key(path, deliveryId);
        seen.remove(key);
        seen.put(key, new Seen(traceId, now));
    }

    /** Forgets the id, if the delivery that brought it is this trace id (a newer delivery keeps it). */
    void forget(String path, String deliveryId, String traceId) {
        Key key = new Key(path, deliveryId);
        Seen entry = seen.get(key);
        if (entry != null && entry.traceId().equals(traceId)) {
            seen.remove(key);
        }
    }

    /** Forgets every id older than the window; returns how many. */
    long purge(Instant now, Duration window) {
        long purged = 0;
        Iterator<Map.Entry<Key, Seen>> oldest = seen.entrySet().iterator();
        while (oldest.hasNext()) {
            Seen entry = oldest.next().getValue();
            if (young(entry, now, window)) {
                break;
            }
            oldest.remove();
            purged++;
        }
        return purged;
    }

    /** Seen less than the window ago: at exactly the window's age an id is forgotten. */
    private static boolean young(Seen entry, Instant now, Duration window) {
        return entry.at().plus(window).isAfter(now);
    }
}
