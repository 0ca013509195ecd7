package io.ocean.webhook;

import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStores;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** The live-event queues and workers: {@code cfg.webhooks.queueCapacity = 1000}. */
public final class WebhooksConfig {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    /**
     * How many events one path may hold (queued, being processed, or waiting for a retry); more are answered 503
     * with {@code Retry-After}.
     */
    public int queueCapacity = 10_000;

    /** How many bytes of raw bodies one path may hold; more are answered 503 with {@code Retry-After}. */
    public long queueMaxBytes = 256L * 1024 * 1024;

    /** Worker threads per path. */
    public int workers = 4;

    /**
     * The time budget of a whole event — every pair, its retries and any restarts — counted from its first claim
     * (as the Python framework's 90 s); past it the running attempt is cancelled and the event becomes a dead letter.
     */
    public int maxEventProcessingSeconds = 90;

    /** How long {@link Ocean#stop()} waits for queued events to finish. */
    public int shutdownDrainSeconds = 30;

    /** The {@code Retry-After} value, in seconds, sent with a 503. */
    public int retryAfterSeconds = 5;

    /** How long a delivery id is remembered by {@link Ocean#deduplicateBy}, by age. */
    public int deduplicationWindowSeconds = 600;

    /** How many dead letters are kept; past that the oldest is evicted with a warning. */
    public int deadLetterCapacity = 10_000;

    /** How many bytes of bodies dead letters may hold (256 MiB); past that the oldest are evicted with a warning. */
    public long deadLetterMaxBytes = 256L * 1024 * 1024;

    /** The state directory: the SQLite event store ({@code events.db}) and the local files of other engines. */
    public Path stateDir = Path.of(".ocean");

    /**
     * Where accepted events live until they are finished; null (the default) means {@link EventStores#sqlite()} in
     * {@link #stateDir}. {@code EventStores.memory()} keeps them in memory only (lost with the process).
     */
    public EventStore store;

    /** How long the answer to a sender waits for the store's write; past it the answer is 503 with Retry-After. */
    public int storeTimeoutMillis = 2_000;

    /**
     * How long a worker's claim on an event lasts unless renewed (every third of it); a store shared by several
     * processes gives the event to another process once a claim ran out.
     */
    public int leaseSeconds = 60;

    /** The user of a store set by URL ({@code OCEAN__WEBHOOKS__STORE=jdbc:postgresql://...}), or null. */
    public String storeUser;

    /** The password of a store set by URL, or null. Never logged. */
    public String storePassword;

    /** The schema (namespace) a store set by URL keeps its tables in. */
    public String storeSchema = EventStores.DEFAULT_SCHEMA;

    void validate() {
        positive("webhooks.queueCapacity", queueCapacity);
        positive("webhooks.queueMaxBytes", queueMaxBytes);
        positive("webhooks.workers", workers);
        positive("webhooks.maxEventProcessingSeconds", maxEventProcessingSeconds);
        if (shutdownDrainSeconds < 0) {
            throw new IllegalArgumentException("webhooks.shutdownDrainSeconds must be >= 0, got " + shutdownDrainSeconds);
        }
        positive("webhooks.retryAfterSeconds", retryAfterSeconds);
        positive("webhooks.deadLetterCapacity", deadLetterCapacity);
        positive("webhooks.deduplicationWindowSeconds", deduplicationWindowSeconds);
        positive("webhooks.deadLetterMaxBytes", deadLetterMaxBytes);
        if (stateDir == null) {
            throw new IllegalArgumentException("webhooks.stateDir must be set");
        }
        positive("webhooks.storeTimeoutMillis", storeTimeoutMillis);
        positive("webhooks.leaseSeconds", leaseSeconds);
        if (storeSchema == null || !IDENTIFIER.matcher(storeSchema).matches()) {
            throw new IllegalArgumentException("webhooks.storeSchema must be a plain identifier (letters, digits, _), got "
                    + storeSchema);
        }
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }
}
