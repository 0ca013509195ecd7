package io.ocean.webhook.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What the runtime tells a store when it opens it: where local files go, the limits, and the clock.
 *
 * @param stateDir            the state directory ({@code cfg.webhooks.stateDir}); file-based engines live here
 * @param queueCapacity       events one path may hold (queued, running, waiting)
 * @param queueMaxBytes       body bytes one path may hold
 * @param deadLetterCapacity  dead letters kept per store; past it the oldest are evicted
 * @param deadLetterMaxBytes  body bytes of dead letters kept; past it the oldest are evicted
 * @param deduplicationWindow how long a delivery id is remembered, by age
 * @param clock               the time source (tests move it)
 */
public record StoreSettings(Path stateDir, int queueCapacity, long queueMaxBytes, int deadLetterCapacity,
                            long deadLetterMaxBytes, Duration deduplicationWindow, Clock clock) {

    /** Requires every part. */
    public StoreSettings {
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(deduplicationWindow, "deduplicationWindow");
        Objects.requireNonNull(clock, "clock");
    }
}
