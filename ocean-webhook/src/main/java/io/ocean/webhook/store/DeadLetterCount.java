package io.ocean.webhook.store;

import java.util.Objects;

/**
 * How many dead letters one path holds for one reason.
 *
 * @param path   the webhook path
 * @param reason the dead letters' last error; null when they have none
 * @param count  how many
 */
public record DeadLetterCount(String path, String reason, long count) {

    /** Requires the path. */
    public DeadLetterCount {
        Objects.requireNonNull(path, "path");
    }
}
