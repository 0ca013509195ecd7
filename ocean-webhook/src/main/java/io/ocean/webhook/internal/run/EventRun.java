package io.ocean.webhook.internal.run;

import io.ocean.core.ResourceRawResults;
import io.ocean.core.WebhookEvent;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.config.ResourceConfig;
import io.ocean.webhook.store.Claim;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one claimed event, as one state machine on one serial executor: route it again, plan its pairs, run
 * them one after another (retries wait on the timer), apply the results of the pairs that succeeded, then record the
 * end in the store — finished, or a dead letter when anything failed. Every failure, the store's included, becomes a
 * logged outcome; the claim is released in exactly one {@code finally}, in {@link #end}.
 */
final class EventRun {

    private static final Logger log = LoggerFactory.getLogger(EventRun.class);

    /** How a run ends. */
    private enum End { PROCESSED, DEAD_LETTER, STOPPED, TAKEN_OVER }

    private final PathScheduler scheduler;
    private final SerialExecutor serial;
    private final long claimedNanos = System.nanoTime();
    // the run's state: touched only on the serial executor
    private WebhookEvent event;
    private final List<PairRun> pairs = new ArrayList<>();
    private final List<ResourceRawResults> results = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private int next;
    private boolean ended;
    private Runnable pendingRetry;
    // read by other threads: the dispatcher counts running runs and hands back claims, stop() and the lease keeper
    // end runs
    private volatile Claim claim;
    private volatile boolean over;
    private volatile boolean waiting;
    private volatile PairRun current;
    private volatile End stopping;

    EventRun(Claim claim, PathScheduler scheduler) {
        this.claim = claim;
        this.scheduler = scheduler;
        this.serial = new SerialExecutor(scheduler.workers(), claim.traceId());
    }

    Claim claim() {
        return claim;
    }

    String traceId() {
        return claim.traceId();
    }

    /**
     * The store handed this run's event out again (its retry is due): the run goes on under the new claim. False
     * when the run has ended, so that the caller starts a new one.
     */
    boolean adopt(Claim newer) {
        if (over) {
            return false;
        }
        claim = newer;
        stage(this::resume);
        return true;
    }

    /** Whether the run waits for a retry (it holds its claim but no worker). */
    boolean waiting() {
        return waiting;
    }

    /** Starts the run on its serial executor. */
    void start() {
        stage(this::begin);
    }

    /** Runs a stage of this run on its serial executor; a stage that throws ends the run as a dead letter. */
    void stage(Runnable stage) {
        serial.execute(() -> {
            if (ended) {
                return;
            }
            if (stopping != null) {
                end(stopping, null);
                return;
            }
            try {
                stage.run();
            } catch (RuntimeException | Error e) {
                log.error("processing failed unexpectedly", e);
                end(End.DEAD_LETTER, "processing failed unexpectedly: " + e);
            }
        });
    }

    /** Runs a task beside the run (not on its serial executor), for {@code cancel()} next to a stuck attempt. */
    void beside(Runnable task) {
        scheduler.execute(traceId(), task);
    }

    private void begin() {
        log.info("processing started after {} ms in the store (attempt {})",
                Duration.between(claim.event().receivedAt(), Instant.now()).toMillis(), claim.event().attempts());
        try {
            event = StoredEvents.toWebhookEvent(claim.event());
        } catch (IllegalArgumentException e) {
            log.error("the stored event cannot be read", e);
            end(End.DEAD_LETTER, "the stored event cannot be read: " + e.getMessage());
            return;
        }
        List<MatchedProcessor> matches;
        try {
            matches = EventRouting.reroute(event, scheduler.registrations());
        } catch (Exception e) {
            log.error("routing the event failed", e);
            end(End.DEAD_LETTER, "routing it failed: " + e);
            return;
        }
        if (matches.isEmpty()) {
            log.warn("no processor matches the event any more; kept as a dead letter");
            end(End.DEAD_LETTER, "no processor matches the event any more");
            return;
        }
        PortAppConfig config = scheduler.portAppConfig();
        for (MatchedProcessor match : matches) {
            List<String> kinds;
            try {
                kinds = match.routingInstance().getMatchingKinds(event);
            } catch (Exception e) {
                log.error("{}.getMatchingKinds failed", match.name(), e);
                failures.add(match.name() + ".getMatchingKinds failed: " + e);
                continue;
            }
            for (String kind : new LinkedHashSet<>(kinds == null ? List.<String>of() : kinds)) {
                List<ResourceConfig> resources = config.resourcesOfKind(kind);
                if (resources.isEmpty()) {
                    log.debug("{}: no resource of kind {} in the port app config", match.name(), kind);
                }
                resources.forEach(resource -> pairs.add(new PairRun(this, match, resource)));
            }
        }
        runNext();
    }

    /** A pair succeeded or failed for good (on the serial executor). */
    void pairCompleted(PairRun pair) {
        if (pair.failure() == null) {
            results.add(new ResourceRawResults(pair.resource(), pair.results()));
        } else {
            failures.add(pair.failure());
        }
        runNext();
    }

    /**
     * A pair waits for a retry after {@code delay}: the store records the time (so that a restart resumes then) and
     * hands the event back to this process's dispatcher when it is due, which resumes the pair here. Should the
     * store fail to record it, a timer resumes the pair instead; should the event not come back within a lease
     * (another process took it), this run ends without writing.
     */
    void waitForRetry(Duration delay, String error, Runnable resume) {
        Instant at = Instant.now().plus(delay);
        pendingRetry = resume;
        boolean recorded;
        try {
            recorded = write(c -> scheduler.store().waitForRetry(c, c.event().attempts(), at, error));
        } catch (RuntimeException e) {
            log.error("the store could not record the retry at {}; retrying from this process all the same", at, e);
            scheduler.timer().schedule(() -> stage(this::resume), delay.toNanos(), TimeUnit.NANOSECONDS);
            return;
        }
        if (!recorded) {
            takenOver();
            return;
        }
        waiting = true;
        scheduler.wake(); // the dispatcher learns when the event is due
        scheduler.timer().schedule(() -> stage(() -> {
            if (pendingRetry == resume) {
                log.warn("the event was not handed back within {} s of its retry time; another worker has it",
                        scheduler.leaseSeconds());
                end(End.TAKEN_OVER, null);
            }
        }), delay.toNanos() + TimeUnit.SECONDS.toNanos(scheduler.leaseSeconds()), TimeUnit.NANOSECONDS);
    }

    /** The retry is due: run it (on the serial executor). */
    private void resume() {
        Runnable retry = pendingRetry;
        if (retry == null) {
            return;
        }
        pendingRetry = null;
        waiting = false;
        retry.run();
    }

    /** The pair that waited gave up (its time limit passed): nothing to resume any more. */
    void retryGivenUp() {
        pendingRetry = null;
        waiting = false;
    }

    /**
     * Writes with the newest claim; when the store refuses a claim because this process's dispatcher was handed the
     * event again meanwhile, the write is repeated with that newer claim.
     */
    private boolean write(java.util.function.Predicate<Claim> operation) {
        Claim used = claim;
        boolean done = operation.test(used);
        while (!done && claim != used) {
            used = claim;
            done = operation.test(used);
        }
        return done;
    }

    private void runNext() {
        if (next < pairs.size()) {
            PairRun pair = pairs.get(next++);
            current = pair;
            pair.start();
            return;
        }
        current = null;
        apply();
    }

    private void apply() {
        CompletionStage<Void> applied;
        try {
            applied = scheduler.resultsHandler().handleAsync(event, List.copyOf(results));
        } catch (RuntimeException e) {
            applied = CompletableFuture.failedFuture(e);
        }
        applied.whenComplete((ignored, error) -> stage(() -> conclude(error)));
    }

    private void conclude(Throwable applyError) {
        if (applyError != null) {
            Throwable cause = applyError instanceof CompletionException && applyError.getCause() != null
                    ? applyError.getCause() : applyError;
            log.error("applying the results failed", cause);
            failures.add("results could not be applied: " + cause);
        }
        scheduler.metrics().processingTime(scheduler.path(), System.nanoTime() - claimedNanos);
        if (failures.isEmpty()) {
            end(End.PROCESSED, null);
        } else {
            end(End.DEAD_LETTER, String.join("; ", failures));
        }
    }

    /**
     * The one way out: records the end in the store (unless stopped or taken over), then releases the claim. The
     * write runs on the store's I/O threads, so that a worker does not wait for a commit; nothing else of the run
     * happens after it.
     */
    private void end(End how, String reason) {
        if (ended) {
            return;
        }
        ended = true;
        over = true;
        pendingRetry = null;
        long millis = (System.nanoTime() - claimedNanos) / 1_000_000;
        scheduler.storeWrites().execute(traceId(), () -> record(how, reason, millis));
    }

    private void record(End how, String reason, long millis) {
        try {
            switch (how) {
                case PROCESSED -> {
                    if (write(c -> scheduler.store().complete(c))) {
                        log.info("processing finished in {} ms", millis);
                        scheduler.metrics().outcome(scheduler.path(), Outcome.PROCESSED);
                    } else {
                        log.warn("processing finished in {} ms, but another worker had taken the event over", millis);
                    }
                }
                case DEAD_LETTER -> {
                    if (write(c -> scheduler.store().deadLetter(c, reason))) {
                        log.warn("processing failed after {} ms; kept as a dead letter: {}", millis, reason);
                        scheduler.metrics().outcome(scheduler.path(), Outcome.DEAD_LETTERED);
                    } else {
                        log.warn("processing failed after {} ms, but another worker had taken the event over: {}",
                                millis, reason);
                    }
                }
                case STOPPED -> log.info("stopped after {} ms; the event stays in the store for the next start", millis);
                case TAKEN_OVER -> log.warn("the claim was taken over after {} ms; another worker runs the event, "
                        + "this one writes nothing more", millis);
            }
        } catch (RuntimeException e) {
            log.error("the store could not record the end of the event ({}); it stays claimed and runs again once "
                    + "its lease of {} s ends", how, scheduler.leaseSeconds(), e);
        } finally {
            scheduler.release(this);
        }
    }

    /** Whether the run has ended (its end may still be being written). */
    boolean over() {
        return over;
    }

    /** Stops the run for a shutdown: nothing more is written; the store keeps the event for the next start. */
    void abandon() {
        interrupt(End.STOPPED);
    }

    /** The lease keeper found the claim taken over: stop, and write nothing more. */
    void takenOver() {
        interrupt(End.TAKEN_OVER);
    }

    /** Called from any thread; cancel() runs here, outside any lock of ours. The end itself is a stage. */
    private void interrupt(End how) {
        if (stopping != null) {
            return;
        }
        stopping = how;
        PairRun pair = current;
        if (pair != null) {
            pair.abandon();
        }
        serial.execute(() -> end(how, null));
    }

    // what the pairs read, on the serial executor
    WebhookEvent event() {
        return event;
    }

    int maxProcessingSeconds() {
        return scheduler.maxProcessingSeconds();
    }

    ScheduledExecutorService timer() {
        return scheduler.timer();
    }

    RuntimeMetrics metrics() {
        return scheduler.metrics();
    }

    String path() {
        return scheduler.path();
    }
}
