package io.ocean.webhook.internal.run;

import io.ocean.core.EventResultsHandler;
import io.ocean.core.config.PortAppConfig;
import io.ocean.webhook.store.Claim;
import io.ocean.webhook.store.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The scheduler of one path. Its queue is the store: a dispatcher thread claims what may run now (the head of each
 * free group key) for the workers that are free, and only claimed events are in memory. The dispatcher wakes on an
 * insert by this process, on a run's end, at the time the next retry is due, when the store reports events written
 * by another process, on the store's poll interval, and at every lease renewal.
 */
public final class PathScheduler {

    /** What every path shares: settings, the store, the timer, and where results and metrics go. */
    public record Shared(int workers, int maxProcessingSeconds, int leaseSeconds, EventStore store,
                         ScheduledExecutorService timer, StoreWrites storeWrites,
                         Supplier<PortAppConfig> portAppConfig, EventResultsHandler resultsHandler,
                         RuntimeMetrics metrics, Runnable onRelease) {
    }

    private enum Mode { RUNNING, DRAINING, STOPPED }

    private static final Logger log = LoggerFactory.getLogger(PathScheduler.class);
    /**
     * Events claimed per worker ahead of a free thread: one claim round trip to the store feeds several workers,
     * and a worker never waits for the dispatcher.
     */
    private static final int CLAIMED_PER_WORKER = 8;
    /** Claims held in all (running, being written, waiting for a retry), per worker: bounds a path's memory. */
    private static final int HELD_PER_WORKER = 16;

    private final String path;
    private final List<ProcessorRegistration> registrations;
    private final Shared shared;
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor dispatcher;
    private final Map<String, EventRun> held = new ConcurrentHashMap<>(); // by trace id
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final boolean sharedStore;
    private volatile Mode mode = Mode.RUNNING;
    private ScheduledFuture<?> dueTimer; // dispatcher thread only

    /** Creates the scheduler and its threads; nothing is claimed until {@link #start()}. */
    public PathScheduler(String path, List<ProcessorRegistration> registrations, Shared shared) {
        this.path = path;
        this.registrations = List.copyOf(registrations);
        this.shared = shared;
        this.sharedStore = shared.store().pollInterval().isPresent();
        String name = path.replace('/', '-');
        AtomicInteger threads = new AtomicInteger();
        // daemon threads: what they hold is in the store, and stop() ends them anyway
        this.workers = new ThreadPoolExecutor(shared.workers(), shared.workers(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), task -> daemon(task, "ocean-worker" + name + "-" + threads.incrementAndGet()));
        this.dispatcher = new ScheduledThreadPoolExecutor(1, task -> daemon(task, "ocean-dispatch" + name));
        dispatcher.setRemoveOnCancelPolicy(true);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Starts claiming: now, on every wake, on the store's poll interval, and at every lease renewal. */
    public void start() {
        long renewMillis = Math.max(100, shared.leaseSeconds() * 1000L / 3);
        dispatcher.scheduleWithFixedDelay(this::renewLeases, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
        shared.store().pollInterval().ifPresent(interval -> dispatcher.scheduleWithFixedDelay(this::wake,
                interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS));
        wake();
    }

    /** Asks the dispatcher to claim what may run; wakes that arrive while one is pending are merged. */
    public void wake() {
        if (mode == Mode.STOPPED || !wakePending.compareAndSet(false, true)) {
            return;
        }
        try {
            dispatcher.execute(this::dispatch);
        } catch (RejectedExecutionException e) {
            wakePending.set(false);
        }
    }

    /** On the dispatcher thread: claims events for the free workers and starts their runs. */
    private void dispatch() {
        wakePending.set(false);
        if (mode == Mode.STOPPED || (mode == Mode.DRAINING && sharedStore)) {
            return;
        }
        int running = 0;
        for (EventRun run : held.values()) {
            if (!run.waiting() && !run.over()) {
                running++;
            }
        }
        int free = Math.min(shared.workers() * CLAIMED_PER_WORKER - running,
                shared.workers() * HELD_PER_WORKER - held.size());
        if (free <= 0) {
            return;
        }
        List<Claim> claims;
        try {
            claims = shared.store().claim(path, free, Duration.ofSeconds(shared.leaseSeconds()));
        } catch (RuntimeException e) {
            log.error("claiming events of {} from the store failed; trying again in 1 s", path, e);
            scheduleWake(Duration.ofSeconds(1));
            return;
        }
        for (Claim claim : claims) {
            EventRun waiting = held.get(claim.traceId());
            if (waiting != null && waiting.adopt(claim)) {
                continue; // a retry is due: the run that waits for it goes on
            }
            EventRun run = new EventRun(claim, this);
            held.put(claim.traceId(), run);
            run.start();
        }
        if (claims.size() == free) {
            wake(); // there may be more
        } else {
            scheduleNextDue();
        }
    }

    /** Wakes at the time the next held event becomes due (a retry recorded before a restart, say). */
    private void scheduleNextDue() {
        Optional<Instant> due;
        try {
            due = shared.store().nextDue(path);
        } catch (RuntimeException e) {
            log.warn("asking the store when the next event of {} is due failed", path, e);
            return;
        }
        due.ifPresent(at -> {
            Duration wait = Duration.between(Instant.now(), at);
            if (!wait.isNegative() && !wait.isZero()) {
                scheduleWake(wait);
            }
        });
    }

    private void scheduleWake(Duration wait) {
        if (dueTimer != null) {
            dueTimer.cancel(false);
        }
        try {
            // rounded up: a wake a little early finds nothing due and would have to wait again
            dueTimer = dispatcher.schedule(this::wake, wait.toMillis() + 1, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("{} is stopping; no wake scheduled", path);
        }
    }

    /** On the dispatcher thread, every third of the lease: renews held claims, then looks for work. */
    private void renewLeases() {
        Duration lease = Duration.ofSeconds(shared.leaseSeconds());
        for (EventRun run : held.values()) {
            if (run.waiting()) {
                continue; // the store holds a waiting event for its time, not by lease
            }
            MDC.put("traceId", run.traceId());
            try {
                if (!shared.store().renew(run.claim(), lease) && !run.over()) {
                    log.warn("the lease on the event was taken over; stopping its run");
                    run.takenOver();
                }
            } catch (RuntimeException e) {
                log.warn("renewing the lease on the event failed; trying again in {} s", shared.leaseSeconds() / 3, e);
            } finally {
                MDC.remove("traceId");
            }
        }
        dispatch();
    }

    /** A run ended (its one {@code finally}): its claim is released here, and the dispatcher looks for more. */
    void release(EventRun run) {
        held.remove(run.traceId(), run);
        shared.onRelease().run();
        wake();
    }

    /** Runs a task on a worker with the trace id in the MDC, outside any run's serial executor. */
    void execute(String traceId, Runnable task) {
        try {
            workers.execute(() -> {
                MDC.put("traceId", traceId);
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    log.error("a worker task crashed on {}", path, e);
                } finally {
                    MDC.remove("traceId");
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("worker task for {} refused: {} is stopping", traceId, path);
        }
    }

    /** Keeps running what is held and, unless the store is shared with other processes, claiming the rest. */
    public void beginDrain() {
        mode = Mode.DRAINING;
        wake();
    }

    /** Whether nothing is left to drain: no run is held, and (with a store of its own) the store holds nothing. */
    public boolean drained() {
        return sharedStore ? held.isEmpty() : idle();
    }

    /** Whether the path holds nothing: no run here, nothing in the store. */
    public boolean idle() {
        if (!held.isEmpty()) {
            return false;
        }
        try {
            return shared.store().stats(path).held() == 0;
        } catch (RuntimeException e) {
            log.warn("reading what {} holds failed", path, e);
            return false;
        }
    }

    /** Stops claiming and returns the runs still held; the caller abandons them outside any lock. */
    public List<EventRun> stopClaiming() {
        mode = Mode.STOPPED;
        return List.copyOf(held.values());
    }

    /** Interrupts the worker and dispatcher threads and stops them; never waits. */
    public void shutdownNow() {
        dispatcher.shutdownNow();
        workers.shutdownNow();
    }

    /** Waits for the threads to end; false if they did not within the time. */
    public boolean awaitTermination(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        return workers.awaitTermination(nanos, TimeUnit.NANOSECONDS)
                && dispatcher.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Whether the workers are running. */
    public boolean running() {
        return !workers.isShutdown();
    }

    String path() {
        return path;
    }

    List<ProcessorRegistration> registrations() {
        return registrations;
    }

    Executor workers() {
        return workers;
    }

    EventStore store() {
        return shared.store();
    }

    StoreWrites storeWrites() {
        return shared.storeWrites();
    }

    ScheduledExecutorService timer() {
        return shared.timer();
    }

    int maxProcessingSeconds() {
        return shared.maxProcessingSeconds();
    }

    int leaseSeconds() {
        return shared.leaseSeconds();
    }

    PortAppConfig portAppConfig() {
        return shared.portAppConfig().get();
    }

    EventResultsHandler resultsHandler() {
        return shared.resultsHandler();
    }

    RuntimeMetrics metrics() {
        return shared.metrics();
    }
}
