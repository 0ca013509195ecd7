package io.ocean.webhook.internal.run;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The threads that write the ends of event runs (and the lease renewals of held runs) to the store and wait for
 * the commit, so that workers and the dispatcher go on meanwhile; the store's group commit turns their concurrent
 * writes into one transaction.
 */
public final class StoreWrites {

    private static final Logger log = LoggerFactory.getLogger(StoreWrites.class);

    private final ExecutorService threads;

    /** Up to {@code size} writes waiting for a commit at once. */
    public StoreWrites(int size) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "ocean-store-write-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.threads = pool;
    }

    /** Runs a write with the trace id in the MDC; after {@link #shutdown}, on the calling thread. */
    void execute(String traceId, Runnable write) {
        Runnable traced = () -> {
            // put back what was there: after shutdown this runs on the caller's thread, inside its own trace
            String outer = MDC.get("traceId");
            MDC.put("traceId", traceId);
            try {
                write.run();
            } finally {
                if (outer == null) {
                    MDC.remove("traceId");
                } else {
                    MDC.put("traceId", outer);
                }
            }
        };
        try {
            threads.execute(traced);
        } catch (RejectedExecutionException e) {
            traced.run(); // stopping: the write still happens, and the claim is still released
        }
    }

    /** Lets the queued writes finish, for up to {@code grace}; true when they did. Keeps an interrupt. */
    public boolean shutdown(Duration grace) {
        threads.shutdown();
        try {
            if (threads.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.warn("store writes still waiting after {} s; stopping them", grace.toSeconds());
        threads.shutdownNow();
        return false;
    }
}
