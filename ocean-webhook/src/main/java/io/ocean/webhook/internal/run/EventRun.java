package io.ocean.webhook.internal.run;

import io.ocean.core.ResourceRawResults;
import io.ocean.core.WebhookEvent;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.config.ResourceConfig;
import io.ocean.webhook.DeadLetter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The processing of one accepted event: its pairs one after another, then the results of the pairs that succeeded
 * applied together; any failure makes the event a dead letter. Finishing releases the event's group.
 */
final class EventRun {

    private static final Logger log = LoggerFactory.getLogger(EventRun.class);

    private final QueuedEvent queued;
    private final String key;
    private final PathScheduler scheduler;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final List<PairRun> pairs = new ArrayList<>();
    private final List<ResourceRawResults> results = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private int next;
    private int failedAttempts;
    private long startedNanos;
    private volatile PairRun current;

    EventRun(QueuedEvent queued, String key, PathScheduler scheduler) {
        this.queued = queued;
        this.key = key;
        this.scheduler = scheduler;
    }

    WebhookEvent event() {
        return queued.event();
    }

    String traceId() {
        return queued.event().traceId();
    }

    String key() {
        return key;
    }

    QueuedEvent queued() {
        return queued;
    }

    /** Plans the pairs and runs the first (on a worker). */
    void start() {
        startedNanos = System.nanoTime();
        log.info("processing started after {} ms in queue", (startedNanos - queued.queuedAtNanos()) / 1_000_000);
        PortAppConfig config = scheduler.portAppConfig();
        for (MatchedProcessor match : queued.processors()) {
            List<String> kinds;
            try {
                kinds = match.routingInstance().getMatchingKinds(event());
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
                resources.forEach(resource -> pairs.add(new PairRun(this, match, resource, scheduler)));
            }
        }
        runNext();
    }

    /** Called on a worker when a pair has succeeded or failed for good. */
    void pairCompleted(PairRun pair) {
        if (pair.failure() == null) {
            results.add(new ResourceRawResults(pair.resource(), pair.results()));
        } else {
            failures.add(pair.failure());
            failedAttempts = Math.max(failedAttempts, pair.attempts());
        }
        runNext();
    }

    private void runNext() {
        if (finished.get()) {
            return;
        }
        if (next < pairs.size()) {
            PairRun pair = pairs.get(next++);
            current = pair;
            pair.start();
        } else {
            current = null;
            finish();
        }
    }

    private void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        CompletionStage<Void> applied;
        try {
            applied = scheduler.resultsHandler().handleAsync(event(), List.copyOf(results));
        } catch (RuntimeException e) {
            applied = CompletableFuture.failedFuture(e);
        }
        applied.whenComplete((ignored, error) -> {
            MDC.put("traceId", traceId());
            try {
                conclude(error);
            } finally {
                MDC.remove("traceId");
            }
        });
    }

    /** Once the results are applied (or could not be): processed or dead letter, then the group is released. */
    private void conclude(Throwable applyError) {
        if (applyError != null) {
            Throwable cause = applyError instanceof CompletionException && applyError.getCause() != null
                    ? applyError.getCause() : applyError;
            log.error("applying the results failed", cause);
            failures.add("results could not be applied: " + cause);
        }
        long nanos = System.nanoTime() - startedNanos;
        scheduler.metrics().processingTime(scheduler.path(), nanos);
        scheduler.console().finished(traceId(), startedNanos - queued.queuedAtNanos(), nanos,
                failures.isEmpty() ? null : String.join("; ", failures));
        if (failures.isEmpty()) {
            log.info("processing finished in {} ms", nanos / 1_000_000);
            scheduler.metrics().outcome(scheduler.path(), Outcome.PROCESSED);
        } else {
            String reason = String.join("; ", failures);
            log.warn("processing failed after {} ms; kept as a dead letter: {}", nanos / 1_000_000, reason);
            scheduler.deadLetter(new DeadLetter(traceId(), scheduler.path(), reason, failedAttempts, Instant.now(),
                    event()));
        }
        scheduler.complete(this);
    }

    /** Claims the event for a shutdown; false if it already finished. Its running pair is cancelled. */
    boolean abandon() {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        PairRun pair = current;
        if (pair != null) {
            pair.abandon();
        }
        return true;
    }
}
