package io.ocean.http.internal;

import java.time.Duration;

/**
 * Our own budget of requests per period, shared by live events and resyncs: a token bucket that starts full and
 * refills evenly. A live request needs one token; a resync request needs one more than the reservation, so a resync
 * running at the limit always leaves {@code reservation} tokens for live events.
 */
public final class RateBudget {

    private final double capacity;
    private final double tokensPerNano;
    private final int reservation;
    private double tokens;
    private long refilledAt;

    /** A budget of {@code requests} per {@code period}, {@code reservation} of them kept for live requests. */
    public RateBudget(int requests, Duration period, int reservation) {
        this.capacity = requests;
        this.tokensPerNano = requests / (double) period.toNanos();
        this.reservation = reservation;
        this.tokens = requests;
        this.refilledAt = System.nanoTime();
    }

    /** Takes a token and returns zero, or returns how long until one may be taken (nothing taken). */
    public synchronized Duration take(boolean resync) {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * tokensPerNano);
        refilledAt = now;
        double needed = resync ? reservation + 1 : 1;
        if (tokens >= needed) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((needed - tokens) / tokensPerNano));
    }
}
