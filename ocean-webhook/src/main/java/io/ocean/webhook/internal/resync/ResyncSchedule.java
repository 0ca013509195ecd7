package io.ocean.webhook.internal.resync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The scheduled resyncs: every {@code interval} from {@code origin} (the start), or none. */
record ResyncSchedule(Instant origin, Duration interval, Clock clock) {

    /** The next scheduled resync after now, or null when there is no schedule. */
    Instant next() {
        if (interval == null) {
            return null;
        }
        Instant now = clock.instant();
        long periods = Duration.between(origin, now).toMillis() / interval.toMillis() + 1;
        return origin.plus(interval.multipliedBy(Math.max(1, periods)));
    }

    /** The interval in whole minutes, as Port reads it, or null. */
    Integer minutes() {
        return interval == null ? null : (int) interval.toMinutes();
    }
}
