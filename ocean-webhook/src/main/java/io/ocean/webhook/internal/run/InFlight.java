package io.ocean.webhook.internal.run;

import java.time.Duration;

/** Counts events accepted but not yet finished, so callers can wait until everything settled. */
public final class InFlight {

    private long count;

    /** One more event accepted. */
    public synchronized void begin() {
        count++;
    }

    /** One accepted event finished (processed, failed, or was never queued after all). */
    public synchronized void end() {
        count--;
        if (count <= 0) {
            notifyAll();
        }
    }

    /** The number of unfinished events. */
    public synchronized long count() {
        return count;
    }

    /** Waits until nothing is in flight; false if the timeout passed first. */
    public synchronized boolean awaitZero(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count > 0) {
            long leftMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            if (System.nanoTime() >= deadline) {
                return false;
            }
            wait(leftMillis);
        }
        return true;
    }
}
