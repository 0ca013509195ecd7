package io.ocean.jq.internal;

import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * The per-thread deadline of the evaluation under way. jackson-jq cannot be interrupted, so the loops that can run
 * forever ({@code range}, {@code recurse}, {@code while}, {@code until}, {@code repeat}, and generators under
 * {@code limit}) call {@link #check()} at every step.
 */
final class Deadline {

    /** Thrown (as a jq error) when the deadline has passed. */
    static final class Exceeded extends JsonQueryException {
        Exceeded() {
            super("evaluation exceeded its time limit");
        }
    }

    private static final ThreadLocal<long[]> DEADLINE = ThreadLocal.withInitial(() -> new long[] {Long.MAX_VALUE});

    private Deadline() {
    }

    /** Sets the deadline of the current thread, {@link System#nanoTime()} based. */
    static void set(long deadlineNanos) {
        DEADLINE.get()[0] = deadlineNanos;
    }

    /** Removes the deadline of the current thread. */
    static void clear() {
        DEADLINE.get()[0] = Long.MAX_VALUE;
    }

    /** Throws when the current thread's deadline has passed. */
    static void check() throws Exceeded {
        long deadline = DEADLINE.get()[0];
        if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0) {
            throw new Exceeded();
        }
    }
}
