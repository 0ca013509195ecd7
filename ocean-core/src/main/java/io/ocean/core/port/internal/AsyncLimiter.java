package io.ocean.core.port.internal;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** At most N asynchronous operations in flight; the rest wait their turn in order, holding no thread. */
final class AsyncLimiter {

    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int available;

    AsyncLimiter(int permits) {
        this.available = permits;
    }

    /** Starts the operation when a permit is free; the permit is returned when its future completes. */
    <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> {
            CompletableFuture<T> started;
            try {
                started = operation.get();
            } catch (RuntimeException e) {
                started = CompletableFuture.failedFuture(e);
            }
            started.whenComplete((value, error) -> {
                release();
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            });
        };
        boolean now;
        synchronized (this) {
            now = available > 0;
            if (now) {
                available--;
            } else {
                waiting.add(start);
            }
        }
        if (now) {
            start.run();
        }
        return result;
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                available++;
            }
        }
        if (next != null) {
            next.run();
        }
    }
}
