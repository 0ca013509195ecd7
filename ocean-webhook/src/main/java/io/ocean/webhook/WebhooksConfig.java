package io.ocean.webhook;

import java.nio.file.Path;

/** The live-event queues and workers: {@code cfg.webhooks.queueCapacity = 1000}. */
public final class WebhooksConfig {

    /**
     * How many events one path may hold (queued, being processed, or waiting for a retry); more are answered 503
     * with {@code Retry-After}.
     */
    public int queueCapacity = 10_000;

    /** How many bytes of raw bodies one path may hold; more are answered 503 with {@code Retry-After}. */
    public long queueMaxBytes = 256L * 1024 * 1024;

    /** Worker threads per path. */
    public int workers = 4;

    /** The longest one (processor, resource) pair may take, retries included, before it is cancelled. */
    public int maxEventProcessingSeconds = 90;

    /** How long {@link Ocean#stop()} waits for queued events to finish. */
    public int shutdownDrainSeconds = 30;

    /** The {@code Retry-After} value, in seconds, sent with a 503. */
    public int retryAfterSeconds = 5;

    /** How long a delivery id is remembered by {@link Ocean#deduplicateBy} (at most 100 000 ids per path). */
    public int deduplicationWindowSeconds = 600;

    /** How many dead letters are kept; past that the oldest is evicted with a warning. */
    public int deadLetterCapacity = 10_000;

    /** Where dead letters ({@code dead-letters.jsonl}) and events saved at shutdown ({@code pending.jsonl}) live. */
    public Path stateDir = Path.of(".ocean");

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
        if (stateDir == null) {
            throw new IllegalArgumentException("webhooks.stateDir must be set");
        }
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }
}
