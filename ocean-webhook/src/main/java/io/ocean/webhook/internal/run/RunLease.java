package io.ocean.webhook.internal.run;

import io.ocean.webhook.store.Claim;
import java.time.Duration;
import java.time.Instant;

/**
 * A run's hold on its event, as far as this process can know it: the newest claim, and until when the lease is
 * surely still ours. That time is counted on this process's monotonic clock from the moment the last successful
 * claim or renewal was <em>sent</em> (the store's lease began no earlier), less a margin; past it the run fences
 * itself: it writes nothing more to Port or the store, since another process may already hold the event.
 */
final class RunLease {

    private final long leaseNanos;
    private final long marginNanos;
    private volatile Claim claim;
    private volatile long fenceAtNanos;

    RunLease(Claim claim, long sentAtNanos, Duration lease) {
        this.leaseNanos = lease.toNanos();
        // a third: one renewal (every third of the lease) may fail or come late without fencing the run
        this.marginNanos = leaseNanos / 3;
        this.claim = claim;
        this.fenceAtNanos = sentAtNanos + leaseNanos - marginNanos;
    }

    Claim claim() {
        return claim;
    }

    /** The store handed the event out again to this run (its retry is due), under a new claim. */
    void reclaimed(Claim newer, long sentAtNanos) {
        claim = newer;
        renewed(sentAtNanos);
    }

    /** A renewal sent at {@code sentAtNanos} succeeded. */
    void renewed(long sentAtNanos) {
        fenceAtNanos = Math.max(fenceAtNanos, sentAtNanos + leaseNanos - marginNanos);
    }

    /** Whether the lease may have lapsed: the run must stop without writing. */
    boolean fenced() {
        return System.nanoTime() - fenceAtNanos > 0;
    }

    /** How long ago the last renewal that counts was sent, in seconds, for the log. */
    long secondsSinceRenewal() {
        return (System.nanoTime() - (fenceAtNanos - leaseNanos + marginNanos)) / 1_000_000_000L;
    }

    /**
     * What is left of the event's time budget at the claim, measured on the store's clock: the budget counts from
     * the event's first claim, and the claim's lease began at its end less the lease.
     */
    long budgetLeftNanos(Duration budget) {
        Claim current = claim;
        Instant claimedAt = current.leaseUntil().minusNanos(leaseNanos);
        return budget.toNanos() - Duration.between(current.firstClaimedAt(), claimedAt).toNanos();
    }
}
