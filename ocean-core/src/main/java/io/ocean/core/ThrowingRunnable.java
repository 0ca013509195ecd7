package io.ocean.core;

/**
 * A callback that may throw a checked exception, like Javalin's {@code Handler}: user code need not wrap
 * its I/O exceptions.
 */
@FunctionalInterface
public interface ThrowingRunnable {

    /** Runs the callback. */
    void run() throws Exception;
}
