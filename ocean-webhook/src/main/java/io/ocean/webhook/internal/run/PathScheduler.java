package io.ocean.webhook.internal.run;

import io.ocean.core.EventResultsHandler;
import io.ocean.core.WebhookEvent;
import io.ocean.core.config.PortAppConfig;
import io.ocean.webhook.internal.console.ConsoleRecorder;
import io.ocean.webhook.internal.http.WebhookEndpoint;
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

/**
 * The scheduler of one path. Its queue is the store: a dispatcher thread claims what may run now (the head of each
 * free group key) for the workers that are free, and only claimed events are in memory. The dispatcher wakes on an
 * insert by this process, on a run's end, at the time the next retry is due, when the store reports events written
 * by another process, on the store's poll interval, and at every lease renewal. It is its path's edge's
 * {@link WebhookEndpoint.Handoff}.
 */
public final class PathScheduler implements WebhookEndpoint.Handoff {

    /** What every path shares: settings, the store, the timer, where results, metrics and console records go. */
    public record Shared(int workers, int maxProcessingSeconds, int leaseSeconds, EventStore store,
                         ScheduledExecutorService timer, StoreWrites storeWrites,
                         Supplier<PortAppConfig> portAppConfig, EventResultsHandler resultsHandler,
                         RuntimeMetrics metrics, ConsoleRecorder console, Runnable onRelease) {
    }

    private enum Mode { RUNNING, DRAINING, STOPPED }

    private static final Logger log = LoggerFactory.getLogger(PathScheduler.class);
    /**
     * Events claimed per worker ahead of a free thread: one claim round trip to the store feeds several workers,
     * and a worker never waits for the dispatcher.
     */
    private static final int CLAIMED_PER_WORKER = 8;
    /**
     * Runs per worker one claim asks for at least while the workers have that many in hand: under load, a claim per
     * ended run would be a store round trip per event; in batches it is one per {@code workers * 2} events.
     */
    static final int CLAIM_BATCH_PER_WORKER = 2;
    /** Claims held in all (running, being written, waiting for a retry), per worker: bounds a path's memory. */
    private static final int HELD_PER_WORKER = 16;

    private final String path;
    private final List<ProcessorRegistration> registrations;
    private final Shared shared;
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor dispatcher;
    /** Where cancel() runs when the dispatcher or the timer asks for it: user code never blocks those threads. */
    private final ThreadPoolExecutor callbacks;
    private final Map<String, EventRun> held = new ConcurrentHashMap<>(); // by trace id
    private final ParsedPayloads payloads = new ParsedPayloads();
    /** Runs whose lease renewal is under way on a store-write thread. */
    private final java.util.Set<EventRun> renewing = ConcurrentHashMap.newKeySet();
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
        AtomicInteger callbackThreads = new AtomicInteger();
        this.callbacks = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new java.util.concurrent.SynchronousQueue<>(),
                task -> daemon(task, "ocean-callback" + name + "-" + callbackThreads.incrementAndGet()));
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
        int batch = shared.workers() * CLAIM_BATCH_PER_WORKER;
        if (free < batch && running >= batch) {
            // enough runs in hand for every worker: wait for a batch's worth of room (a later release wakes this
            // again) rather than pay a store round trip, a transaction on SQLite, for every event that ends
            return;
        }
        List<Claim> claims;
        long sent = System.nanoTime();
        try {
            claims = shared.store().claim(path, free, Duration.ofSeconds(shared.leaseSeconds()));
        } catch (RuntimeException e) {
            if (stopping()) {
                log.debug("claiming events of {} ended by the stop", path, e);
                return;
            }
            log.error("claiming events of {} from the store failed; trying again in 1 s", path, e);
            scheduleWake(Duration.ofSeconds(1));
            return;
        }
        for (Claim claim : claims) {
            // a run's own retries never come through here: it takes its waiting event back itself (resume), so the
            // cap on held runs bounds memory and never holds a due retry back
            EventRun run = new EventRun(claim, sent, this);
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
            if (!stopping()) {
                log.warn("asking the store when the next event of {} is due failed", path, e);
            }
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

    /**
     * On the dispatcher thread, every third of the lease: sends the renewals of the held claims (a run waiting for a
     * retry keeps its lease too, so no other process takes the retry while this one lives), then looks for work.
     * The renewals go to the store-write threads, all at once: the dispatcher does not wait for one round trip per
     * held run before it claims again, and concurrent writes share a group commit (SQLite) or a connection pool. A
     * run whose previous renewal is still under way (a slow store) is skipped this time.
     */
    private void renewLeases() {
        Duration lease = Duration.ofSeconds(shared.leaseSeconds());
        for (EventRun run : held.values()) {
            if (run.over() || mode == Mode.STOPPED || !renewing.add(run)) {
                continue;
            }
            shared.storeWrites().execute(run.traceId(), () -> {
                try {
                    renew(run, lease);
                } finally {
                    renewing.remove(run);
                }
            });
        }
        dispatch();
    }

    /** On a store-write thread: one renewal; a claim the store gave to another worker stops its run. */
    private void renew(EventRun run, Duration lease) {
        if (run.over() || mode == Mode.STOPPED) {
            return;
        }
        try {
            int resumes = run.resumes();
            Claim claim = run.claim();
            long sent = System.nanoTime();
            if (shared.store().renew(claim, lease)) {
                run.renewed(sent);
            } else if (run.renewalRefused(claim, resumes)) {
                log.warn("the store has given the event to another worker; stopping its run");
                run.takenOver();
            }
        } catch (RuntimeException e) {
            if (!stopping()) {
                log.warn("renewing the lease on the event failed; trying again in {} s",
                        shared.leaseSeconds() / 3, e);
            }
        }
    }

    /** A run ended (its one {@code finally}): its claim is released here, and the dispatcher looks for more. */
    void release(EventRun run) {
        held.remove(run.traceId(), run);
        shared.onRelease().run();
        wake();
    }

    /**
     * Keeps running what is held and, unless the store is shared with other processes, claiming the rest. With a
     * shared store, runs waiting for a retry hand their events back (another process retries them when due) rather
     * than hold the drain until their time.
     */
    public void beginDrain() {
        mode = Mode.DRAINING;
        if (sharedStore) {
            held.values().forEach(EventRun::handBackIfWaiting);
        }
        wake();
    }

    /** Whether a run that starts waiting for a retry should hand its event back at once (draining, shared store). */
    boolean handsBackRetries() {
        return sharedStore && mode != Mode.RUNNING;
    }

    /** Whether the path is stopping: store failures now are most likely the stop's interrupts, not news. */
    boolean stopping() {
        return mode == Mode.STOPPED || Thread.currentThread().isInterrupted();
    }

    Executor callbacks() {
        return callbacks;
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
        callbacks.shutdown(); // a cancel() under way finishes; daemon threads, so it never holds the JVM
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

    /** The trees the edge parsed, for the claims of this path. */
    ParsedPayloads payloads() {
        return payloads;
    }

    /** On the request thread, just before the insert: the event's parsed tree is kept for its claim. */
    @Override
    public void storing(WebhookEvent event) {
        payloads.keep(event);
    }

    /** On the request thread, after the insert: an accepted event's tree stays and the dispatcher wakes. */
    @Override
    public void stored(WebhookEvent event, boolean accepted) {
        if (accepted) {
            wake();
        } else {
            payloads.forget(event.traceId()); // 503, duplicate: no claim will take it
        }
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

    /** The event's time budget, retries included. */
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

    ConsoleRecorder console() {
        return shared.console();
    }
}
