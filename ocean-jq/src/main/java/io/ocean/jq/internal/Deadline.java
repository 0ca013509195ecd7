package io.ocean.jq.internal;

import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * The per-thread deadline of the evaluation under way. jackson-jq cannot be interrupted, so the loops that can run
 * forever ({@code range}, {@code recurse}, {@code while}, {@code until}, {@code repeat}, and generators under
 * {@code limit}) call {@link #check()} at every step. Runs nest (a mapping item's deadline around each of its
 * programs): the earlier deadline wins.
 */
final class Deadline {

    /** No deadline. */
    static final long NONE = Long.MAX_VALUE;

    /** Thrown (as a jq error) when the deadline has passed. */
    static final class Exceeded extends JsonQueryException {
        Exceeded() {
            super("evaluation exceeded its time limit");
        }
    }

    private static final ThreadLocal<long[]> DEADLINE = ThreadLocal.withInitial(() -> new long[] {NONE});

    private Deadline() {
    }

    /** Enters a run whose own deadline is {@code deadlineNanos}; returns the deadline to restore at its end. */
    static long enter(long deadlineNanos) {
        long[] slot = DEADLINE.get();
        long outer = slot[0];
        if (outer == NONE || (deadlineNanos != NONE && deadlineNanos - outer < 0)) {
            slot[0] = deadlineNanos;
        }
        return outer;
    }

    /** Ends a run, restoring the deadline {@link #enter} returned. */
    static void restore(long outer) {
        DEADLINE.get()[0] = outer;
    }

    /** Throws when the current thread's deadline has passed. */
    static void check() throws Exceeded {
        long deadline = DEADLINE.get()[0];
        if (deadline != NONE && System.nanoTime() - deadline > 0) {
            throw new Exceeded();
        }
    }
}
