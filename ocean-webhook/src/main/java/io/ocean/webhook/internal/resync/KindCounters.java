package io.ocean.webhook.internal.resync;

import io.ocean.webhook.ResyncKindStats;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** One kind's counters during a resync; batches complete on other threads, hence atomics. */
final class KindCounters {

    final String kind;
    final AtomicLong items = new AtomicLong();
    final AtomicLong upserted = new AtomicLong();
    final AtomicLong unchanged = new AtomicLong();
    final AtomicLong superseded = new AtomicLong();
    final AtomicLong deleted = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    private volatile String firstError;
    private volatile boolean synced = true;
    private final long startNanos = System.nanoTime();
    private volatile long endNanos;

    KindCounters(String kind) {
        this.kind = kind;
    }

    /** Counts {@code count} errors and keeps the first message. */
    void error(long count, String message) {
        errors.addAndGet(count);
        if (firstError == null) {
            firstError = message;
        }
    }

    /** The kind has no handler: not synced, which keeps its blueprints' entities, without being an error. */
    void notSynced(String why) {
        synced = false;
        firstError = why;
    }

    boolean synced() {
        return synced;
    }

    boolean succeeded() {
        return synced && errors.get() == 0;
    }

    void end() {
        endNanos = System.nanoTime();
    }

    ResyncKindStats stats() {
        return new ResyncKindStats(kind, items.get(), upserted.get(), unchanged.get(), superseded.get(), deleted.get(),
                errors.get(), Duration.ofNanos((endNanos == 0 ? System.nanoTime() : endNanos) - startNanos),
                firstError);
    }
}
