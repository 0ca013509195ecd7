package io.ocean.webhook;

/**
 * When full resyncs run: {@code cfg.resync.intervalMinutes = 60}. Variables {@code OCEAN__RESYNC__ON_START},
 * {@code OCEAN__RESYNC__INTERVAL_MINUTES} (the Python framework's {@code OCEAN__SCHEDULED_RESYNC_INTERVAL} is
 * accepted) and {@code OCEAN__RESYNC__POLL_INTERVAL_SECONDS}.
 */
public final class ResyncConfig {

    /** Whether a resync runs when the integration starts, after the {@code onStart} callbacks. */
    public boolean onStart = true;

    /** Minutes between scheduled resyncs, counted from start; null for none. */
    public Integer intervalMinutes = null;

    /**
     * Seconds between asking Port whether the integration changed there (a new mapping, or "resync" in Port's UI),
     * which triggers a resync, as the Python framework's polling listener does; 0 turns it off. Port only.
     */
    public int pollIntervalSeconds = 60;

    /** Batches a resync may have in flight to the catalog while its handler fetches the next one. */
    public int batchesInFlight = 4;

    void validate() {
        if (intervalMinutes != null && intervalMinutes <= 0) {
            throw new IllegalArgumentException("resync.intervalMinutes must be > 0 (or unset), got " + intervalMinutes);
        }
        if (pollIntervalSeconds < 0) {
            throw new IllegalArgumentException("resync.pollIntervalSeconds must be >= 0, got " + pollIntervalSeconds);
        }
        if (batchesInFlight < 1) {
            throw new IllegalArgumentException("resync.batchesInFlight must be >= 1, got " + batchesInFlight);
        }
    }
}
