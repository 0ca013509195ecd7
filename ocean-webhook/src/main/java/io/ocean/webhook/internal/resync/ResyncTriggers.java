package io.ocean.webhook.internal.resync;

import io.ocean.webhook.ResyncOutcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * At most one resync runs; a trigger during a run queues exactly one more, and further triggers share that queued
 * one. A trigger never aborts the running resync: it may be halfway through deleting, and the next one starts from
 * a fresh config anyway.
 */
final class ResyncTriggers {

    private final Executor executor;
    private final Function<String, ResyncOutcome> run;
    private CompletableFuture<ResyncOutcome> running;
    private CompletableFuture<ResyncOutcome> queued;
    private String queuedTrigger;
    private boolean closed;

    /** Runs resyncs with {@code run} (given the trigger's name) on {@code executor}. */
    ResyncTriggers(Executor executor, Function<String, ResyncOutcome> run) {
        this.executor = executor;
        this.run = run;
    }

    /** The run that will cover this trigger: a new one, or the one already queued. */
    synchronized CompletableFuture<ResyncOutcome> trigger(String trigger) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the integration is stopping"));
        }
        if (running == null) {
            running = new CompletableFuture<>();
            CompletableFuture<ResyncOutcome> first = running;
            executor.execute(() -> loop(first, trigger));
            return first.copy();
        }
        if (queued == null) {
            queued = new CompletableFuture<>();
            queuedTrigger = trigger;
        }
        return queued.copy();
    }

    /** Whether a resync runs now. */
    synchronized boolean busy() {
        return running != null;
    }

    /** Refuses further triggers; the queued run, if any, never starts and completes with {@code outcome}. */
    synchronized void close(ResyncOutcome outcome) {
        closed = true;
        if (queued != null) {
            queued.complete(outcome);
            queued = null;
        }
    }

    private void loop(CompletableFuture<ResyncOutcome> first, String firstTrigger) {
        CompletableFuture<ResyncOutcome> current = first;
        String trigger = firstTrigger;
        while (true) {
            try {
                current.complete(run.apply(trigger));
            } catch (RuntimeException | Error e) {
                current.completeExceptionally(e);
            }
            synchronized (this) {
                if (queued == null) {
                    running = null;
                    return;
                }
                running = queued;
                current = queued;
                trigger = queuedTrigger;
                queued = null;
            }
        }
    }
}
