package io.ocean.webhook.internal.run;

import io.ocean.webhook.store.Claim;
import io.ocean.webhook.store.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each end of an event run writes to the store and says in the log: the right-hand side of the table
 * "One rule for an event's life" in docs/live-events.md. A refused write means the store gave the event to another
 * worker meanwhile: that, and only that, is a takeover.
 */
final class EndRecords {

    private static final Logger log = LoggerFactory.getLogger(EventRun.class);

    private EndRecords() {
    }

    static void record(EventRun run, EventRun.End how, String reason, long millis, long queueNanos, long nanos) {
        PathScheduler scheduler = run.scheduler();
        EventStore store = scheduler.store();
        Claim claim = run.claim();
        switch (how) {
            case PROCESSED -> {
                if (store.complete(claim)) {
                    log.info("processing finished in {} ms", millis);
                    scheduler.metrics().outcome(scheduler.path(), Outcome.PROCESSED);
                    scheduler.console().finished(run.traceId(), queueNanos, nanos, null);
                } else {
                    log.warn("processing finished in {} ms, but another worker had taken the event over", millis);
                }
            }
            case DEAD_LETTER -> {
                if (store.deadLetter(claim, reason)) {
                    log.warn("processing failed after {} ms; kept as a dead letter: {}", millis, reason);
                    scheduler.metrics().outcome(scheduler.path(), Outcome.DEAD_LETTERED);
                    scheduler.console().finished(run.traceId(), queueNanos, nanos, reason);
                } else {
                    log.warn("processing failed after {} ms, but another worker had taken the event over: {}",
                            millis, reason);
                }
            }
            case STOPPED, HANDED_BACK -> {
                boolean ran = run.ran();
                if (store.release(claim, ran)) {
                    log.info("{} after {} ms; the event is handed back to the store{}", how == EventRun.End.STOPPED
                            ? "stopped" : "handed back while draining", millis,
                            ran ? "" : " (its attempt not counted: it never ran)");
                } else {
                    log.info("stopped after {} ms; the store had given the event to another worker", millis);
                }
            }
            case TAKEN_OVER -> log.warn("the claim was taken over after {} ms; another worker runs the event, "
                    + "this one writes nothing more", millis);
            case FENCED -> log.warn("fenced after {} ms: wrote nothing; the event runs again once its lease ran out",
                    millis);
        }
    }
}
