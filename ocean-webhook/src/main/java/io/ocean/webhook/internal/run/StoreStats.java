package io.ocean.webhook.internal.run;

import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.PathStats;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each path holds, read from the store at most once a second, for the metrics gauges: a scrape must not turn
 * into a query per gauge.
 */
final class StoreStats {

    private static final Logger log = LoggerFactory.getLogger(StoreStats.class);
    private static final long MAX_AGE_NANOS = Duration.ofSeconds(1).toNanos();

    private record Reading(PathStats stats, long atNanos) {
    }

    private final EventStore store;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();

    StoreStats(EventStore store) {
        this.store = store;
    }

    /** The path's stats, at most a second old; the last known (or empty) ones when the store fails. */
    PathStats of(String path) {
        long now = System.nanoTime();
        Reading last = readings.get(path);
        if (last != null && now - last.atNanos() < MAX_AGE_NANOS) {
            return last.stats();
        }
        try {
            PathStats stats = store.stats(path);
            readings.put(path, new Reading(stats, now));
            return stats;
        } catch (RuntimeException e) {
            log.warn("reading the stats of {} from the store failed", path, e);
            return last == null ? PathStats.EMPTY : last.stats();
        }
    }

    /** Forgets the readings, so that the next one is fresh. */
    void refresh() {
        readings.clear();
    }

    /** Seconds since the oldest held event of the path was received; 0 when none is held. */
    double oldestAgeSeconds(String path) {
        Instant oldest = of(path).oldestHeldAt();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
    }
}
