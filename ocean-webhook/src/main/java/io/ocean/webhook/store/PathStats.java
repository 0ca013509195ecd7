package io.ocean.webhook.store;

import java.time.Instant;

/**
 * What one path holds, for limits, metrics and the console.
 *
 * @param held          events queued, running or waiting for a retry
 * @param heldBytes     the bytes of their bodies
 * @param oldestHeldAt  when the oldest of them was received, or null when none is held
 * @param dead          dead letters
 * @param deadBytes     the bytes of their bodies
 */
public record PathStats(long held, long heldBytes, Instant oldestHeldAt, long dead, long deadBytes) {

    /** Nothing held. */
    public static final PathStats EMPTY = new PathStats(0, 0, null, 0, 0);
}
