package io.ocean.webhook.internal.run;

import io.ocean.core.ResourceRawResults;
import io.ocean.core.WebhookEvent;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.config.ResourceConfig;
import io.ocean.webhook.internal.console.ConsoleRecorder;
import io.ocean.webhook.store.Claim;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one claimed event, as one state machine on one serial executor: route it again, plan its pairs, run
 * them one after another (a retry waits on the timer, then takes the event back from the store), apply the results
 * of the pairs that succeeded, then record the end in the store. What the store holds decides: the attempts and the
 * time budget (from the event's first claim) are read from the claim, so a restart or another process goes on
 * counting; the run is taken over only when the store says so; and it fences itself (writes nothing) once its lease
 * may have lapsed. Every outcome is logged; the end is recorded exactly once, in {@link #record}. The table of
 * outcomes is in docs/live-events.md ("One rule for an event's life").
 */
final class EventRun {

    private static final Logger log = LoggerFactory.getLogger(EventRun.class);

    /** How a run ends. */
    enum End { PROCESSED, DEAD_LETTER, STOPPED, HANDED_BACK, TAKEN_OVER, FENCED }

    private final PathScheduler scheduler;
    private final SerialExecutor serial;
    private final RunLease lease;
    private final long claimedNanos = System.nanoTime();
    private final AtomicBoolean recorded = new AtomicBoolean();
    /** From received (as the store knows it) to this run's start, for the console; -1 until the run begins. */
    private volatile long queueNanos = -1;
    // the run's state: touched only on the serial executor
    private WebhookEvent event;
    private final List<PairRun> pairs = new ArrayList<>();
    private final List<ResourceRawResults> results = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private int next;
    private boolean ended;
    private boolean applying;
    private Runnable pendingRetry;
    private ScheduledFuture<?> watchdog;
    // read by other threads: the dispatcher counts and renews runs, stop() and the lease keeper end them
    private volatile boolean over;
    private volatile boolean waiting;
    private volatile boolean ran;
    private volatile PairRun current;
    private volatile End stopping;
    /** Counts the run's resumes twice, odd while one is under way (written on the serial executor only). */
    private volatile int resumes;

    EventRun(Claim claim, long claimSentNanos, PathScheduler scheduler) {
        this.scheduler = scheduler;
        this.lease = new RunLease(claim, claimSentNanos, Duration.ofSeconds(scheduler.leaseSeconds()));
        this.serial = new SerialExecutor(scheduler.workers(), claim.traceId());
    }

    Claim claim() {
        return lease.claim();
    }

    String traceId() {
        return lease.claim().traceId();
    }

    /** Whether the run waits for a retry (it holds its claim but no worker). */
    boolean waiting() {
        return waiting;
    }

    /** Whether the run has ended (its end may still be being written). */
    boolean over() {
        return over;
    }

    /** For a renewal: read before the claim it renews, and compared with {@link #renewalRefused}. */
    int resumes() {
        return resumes;
    }

    /**
     * A renewal of {@code claim}, read after {@code resumesBefore}, was refused: whether that means another worker
     * holds the event. Not when the run itself took a new claim meanwhile (its retry's resume), which the store
     * gives a new token, so the old claim's renewal fails; a real takeover is then found by the resume itself.
     */
    boolean renewalRefused(Claim claim, int resumesBefore) {
        return !over && resumesBefore % 2 == 0 && resumes == resumesBefore && claim == lease.claim();
    }

    /** A renewal of this run's lease, sent at {@code sentAtNanos}, succeeded. */
    void renewed(long sentAtNanos) {
        lease.renewed(sentAtNanos);
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

    /**
     * Whether the run may call user code or write now (on the serial executor); when its lease may have lapsed it
     * ends here, fenced, and writes nothing.
     */
    boolean mayGoOn() {
        if (ended) {
            return false;
        }
        if (scheduler.stopping()) {
            // stop() is abandoning the held runs one by one: a prefetched run whose turn came in between must not
            // start an attempt, or it would count one (and call handleEvent) for an event being handed back
            return false;
        }
        if (lease.fenced()) {
            log.warn("no lease renewal for {} s, past the lease of {} s less its margin: another process may hold "
                    + "the event, so this run stops and writes nothing; the event runs again once the lease ran out",
                    lease.secondsSinceRenewal(), scheduler.leaseSeconds());
            end(End.FENCED, null);
            return false;
        }
        return true;
    }

    private void begin() {
        Claim claim = lease.claim();
        Duration inStore = Duration.between(claim.event().receivedAt(), Instant.now());
        queueNanos = Math.max(0, inStore.toNanos());
        log.info("processing started after {} ms in the store (attempt {})", inStore.toMillis(),
                claim.event().attempts());
        if (!mayGoOn()) {
            return;
        }
        long budgetLeft = lease.budgetLeftNanos(Duration.ofSeconds(scheduler.maxProcessingSeconds()));
        if (budgetLeft <= 0) {
            log.error("the event's time budget of {} s, counted from its first claim at {}, is spent",
                    scheduler.maxProcessingSeconds(), claim.firstClaimedAt());
            end(End.DEAD_LETTER, "timed out after " + scheduler.maxProcessingSeconds() + " s (its time budget, "
                    + "counted from its first claim at " + claim.firstClaimedAt() + ", was spent before attempt "
                    + claim.event().attempts() + ")");
            return;
        }
        watchdog = scheduler.timer().schedule(this::timeIsUp, budgetLeft, TimeUnit.NANOSECONDS);
        try {
            event = StoredEvents.toWebhookEvent(claim.event(), scheduler.payloads().take(claim.event()));
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
     * A pair waits for a retry after {@code delay}: the store records the time (so that a restart or another
     * process resumes then, should this one stop) while this run keeps its lease; when the time comes, the run takes
     * the event back from the store and resumes the pair. Draining with a shared store, the run hands the event
     * back instead, for another process to retry.
     */
    void waitForRetry(Duration delay, String error, Runnable resume) {
        Claim claim = lease.claim();
        Instant at = Instant.now().plus(delay);
        pendingRetry = resume;
        boolean recorded;
        try {
            recorded = scheduler.store().waitForRetry(claim, claim.event().attempts(), at, error);
        } catch (RuntimeException e) {
            if (scheduler.stopping()) {
                log.debug("the store could not record the retry: stopping", e);
            } else {
                log.error("the store could not record the retry at {}; the event stays running and runs again once "
                        + "its lease ends", at, e);
            }
            end(End.STOPPED, null);
            return;
        }
        if (!recorded) {
            log.warn("the store refused the retry: another worker holds the event");
            end(End.TAKEN_OVER, null);
            return;
        }
        waiting = true;
        if (scheduler.handsBackRetries()) {
            end(End.HANDED_BACK, null);
            return;
        }
        scheduler.timer().schedule(() -> stage(this::retryDue), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The retry is due: take the event back from the store, then run it (on the serial executor). */
    private void retryDue() {
        if (pendingRetry == null || !mayGoOn()) {
            return;
        }
        long sent = System.nanoTime();
        Optional<Claim> resumed;
        resumes++; // odd: the store is handing out a new claim, and a renewal of the old one may fail meanwhile
        try {
            try {
                resumed = scheduler.store().resume(lease.claim(), Duration.ofSeconds(scheduler.leaseSeconds()));
            } catch (RuntimeException e) {
                log.warn("taking the event back from the store for its retry failed; trying again in 1 s", e);
                scheduler.timer().schedule(() -> stage(this::retryDue), 1, TimeUnit.SECONDS);
                return;
            }
            if (resumed.isEmpty()) {
                log.warn("the store has given the event to another worker while its retry waited");
                end(End.TAKEN_OVER, null);
                return;
            }
            lease.reclaimed(resumed.get(), sent);
        } finally {
            resumes++; // even: done, the new claim (if any) is the run's
        }
        Runnable retry = pendingRetry;
        pendingRetry = null;
        waiting = false;
        retry.run();
    }

    /** Draining with a shared store: a run that waits for a retry hands its event back rather than hold the drain. */
    void handBackIfWaiting() {
        stage(() -> {
            if (waiting && pendingRetry != null) {
                end(End.HANDED_BACK, null);
            }
        });
    }

    /** The event's time budget is up (timer thread): stop the pair at work, then end the event as a dead letter. */
    private void timeIsUp() {
        PairRun pair = current;
        if (pair != null) {
            pair.stop(scheduler.callbacks());
        }
        stage(() -> {
            if (applying) {
                return; // every pair is done; the results are on their way to Port
            }
            int limit = scheduler.maxProcessingSeconds();
            String what = pair == null ? "the event" : pair.name();
            log.error("{} exceeded {} s (the event's time budget, retries included) after {} attempt(s); cancelled",
                    what, limit, lease.claim().event().attempts());
            failures.add(what + " timed out after " + limit + " s");
            pendingRetry = null;
            waiting = false;
            next = pairs.size(); // the pairs not run yet are not run: the event's time is up
            current = null;
            apply();
        });
    }

    /** The newest claim's attempts: the event's, counted by the store. */
    int attempts() {
        return lease.claim().event().attempts();
    }

    /** A pair calls handleEvent: the claim is no longer one that never ran. */
    void attemptStarted() {
        ran = true;
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
        if (!mayGoOn()) {
            return;
        }
        applying = true;
        if (watchdog != null) {
            watchdog.cancel(false);
        }
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
     * The one way out of the serial executor: the end is recorded on the store's I/O threads, so that a worker does
     * not wait for a commit; nothing else of the run happens after it.
     */
    private void end(End how, String reason) {
        if (ended) {
            return;
        }
        ended = true;
        over = true;
        pendingRetry = null;
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        long nanos = System.nanoTime() - claimedNanos;
        scheduler.storeWrites().execute(traceId(), () -> record(how, reason, nanos));
    }

    /** Records the end in the store, once (whichever of the run and stop() comes first), then releases the run. */
    private void record(End how, String reason, long nanos) {
        if (!recorded.compareAndSet(false, true)) {
            return;
        }
        try {
            EndRecords.record(this, how, reason, nanos / 1_000_000, queueNanos, nanos);
        } catch (RuntimeException e) {
            if (scheduler.stopping()) {
                log.debug("the store could not record the end of the event ({}) while stopping", how, e);
            } else {
                log.error("the store could not record the end of the event ({}); it stays claimed and runs again "
                        + "once its lease of {} s ends", how, scheduler.leaseSeconds(), e);
            }
        } finally {
            scheduler.release(this);
        }
    }

    /**
     * Stops the run for a shutdown, on the caller's thread (which holds no lock of ours): the attempt is interrupted,
     * {@code cancel()} called here, and the event handed back to the store (unless the run recorded its end
     * already), so that another process or the next start may run it at once.
     */
    void abandon() {
        over = true;
        if (stopping == null) {
            stopping = End.STOPPED;
        }
        PairRun pair = current;
        if (pair != null) {
            pair.stop(Runnable::run);
        }
        record(End.STOPPED, null, System.nanoTime() - claimedNanos);
    }

    /** The store says another worker holds the claim: stop, write nothing; {@code cancel()} runs off this thread. */
    void takenOver() {
        if (stopping != null) {
            return;
        }
        stopping = End.TAKEN_OVER;
        PairRun pair = current;
        if (pair != null) {
            pair.stop(scheduler.callbacks());
        }
        serial.execute(() -> end(End.TAKEN_OVER, null));
    }

    /** Whether a pair ever called handleEvent in this run. */
    boolean ran() {
        return ran;
    }

    PathScheduler scheduler() {
        return scheduler;
    }

    // what the pairs read, on the serial executor
    WebhookEvent event() {
        return event;
    }

    RuntimeMetrics metrics() {
        return scheduler.metrics();
    }

    ConsoleRecorder console() {
        return scheduler.console();
    }

    String path() {
        return scheduler.path();
    }
}
