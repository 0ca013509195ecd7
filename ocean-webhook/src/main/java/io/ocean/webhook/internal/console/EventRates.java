package io.ocean.webhook.internal.console;

import java.time.Clock;

/**
 * Counts per 10-second bucket over the last 15 minutes, for the health charts: events answered at the edge,
 * events processed, events dead-lettered. A fixed ring of buckets: recording is O(1), memory constant.
 */
final class EventRates {

    /** Seconds per bucket. */
    static final int STEP_SECONDS = 10;
    /** Buckets kept: 15 minutes. */
    static final int BUCKETS = 90;

    /** What a bucket counts. */
    enum Series { RECEIVED, PROCESSED, DEAD_LETTERED }

    /** The series, oldest bucket first, starting at {@code startEpochSecond}. */
    record Snapshot(long startEpochSecond, int stepSeconds, long[] received, long[] processed, long[] deadLettered) {
    }

    private final Clock clock;
    private final long[] bucketOf = new long[BUCKETS];
    private final long[][] counts = new long[Series.values().length][BUCKETS];

    EventRates(Clock clock) {
        this.clock = clock;
        java.util.Arrays.fill(bucketOf, -1);
    }

    synchronized void count(Series series) {
        long bucket = clock.millis() / 1000 / STEP_SECONDS;
        int slot = (int) (bucket % BUCKETS);
        if (bucketOf[slot] != bucket) {
            bucketOf[slot] = bucket;
            for (long[] perSeries : counts) {
                perSeries[slot] = 0;
            }
        }
        counts[series.ordinal()][slot]++;
    }

    synchronized Snapshot snapshot() {
        long now = clock.millis() / 1000 / STEP_SECONDS;
        long first = now - BUCKETS + 1;
        long[][] out = new long[Series.values().length][BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            long bucket = first + i;
            int slot = (int) (bucket % BUCKETS);
            if (bucketOf[slot] == bucket) {
                for (int s = 0; s < out.length; s++) {
                    out[s][i] = counts[s][slot];
                }
            }
        }
        return new Snapshot(first * STEP_SECONDS, STEP_SECONDS, out[0], out[1], out[2]);
    }
}
