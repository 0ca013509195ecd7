package io.ocean.webhook.internal.run;

import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.OceanException;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.ResourceConfig;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One (processor, resource config) pair of an event, on its own processor instance:
 * {@code beforeProcessing → handleEvent (retried when due) → afterProcessing}. Its stages run on the event run's
 * serial executor; a retry that waits holds no thread (the run takes the event back from the store when it is due
 * and resumes the pair). Attempts are the event's, as the store counts them (one per claim), so that a restart or
 * another process goes on counting. The event run ends the pair with {@link #stop} when the event's time is up or
 * the run stops.
 */
final class PairRun {

    private static final Logger log = LoggerFactory.getLogger(PairRun.class);

    private enum State { NEW, RUNNING, WAITING, DONE }

    private final EventRun owner;
    private final MatchedProcessor match;
    private final ResourceConfig resource;
    private volatile AbstractWebhookProcessor processor;
    // guarded by this: the run's watchdog and stop() (other threads) end the pair while a stage may be running
    private State state = State.NEW;
    private Thread runner;
    private int attempt;
    // written and read on the run's serial executor only
    private String failure;
    private WebhookEventRawResults results;

    PairRun(EventRun owner, MatchedProcessor match, ResourceConfig resource) {
        this.owner = owner;
        this.match = match;
        this.resource = resource;
    }

    String name() {
        return match.name() + " for kind " + resource.kind();
    }

    /** Creates the instance, runs {@code beforeProcessing} and the first attempt (unless none is left). */
    void start() {
        try {
            processor = match.registration().create(owner.event());
        } catch (RuntimeException e) {
            log.error("creating {} for kind {} failed", match.name(), resource.kind(), e);
            finish(null, "creating " + match.name() + " failed: " + e);
            return;
        }
        int attempts = owner.attempts();
        if (attempts > processor.maxRetries() + 1) {
            log.error("{} has no attempt left: the event was attempted {} time(s), {} allows {}", name(), attempts,
                    match.name(), processor.maxRetries() + 1);
            finish(null, name() + ": attempts exhausted (attempt " + attempts + " of at most "
                    + (processor.maxRetries() + 1) + ", counted across restarts)");
            return;
        }
        try {
            processor.beforeProcessing();
        } catch (Exception e) {
            log.error("{}.beforeProcessing failed for kind {}", match.name(), resource.kind(), e);
            finish(null, match.name() + ".beforeProcessing failed: " + e);
            return;
        }
        attempt();
    }

    /** One call of {@code handleEvent}; a retryable failure has the run wait for the next one. */
    private void attempt() {
        if (!owner.mayGoOn()) {
            return;
        }
        synchronized (this) {
            if (state == State.DONE) {
                return;
            }
            state = State.RUNNING;
            runner = Thread.currentThread();
            attempt = owner.attempts();
        }
        owner.attemptStarted();
        WebhookEventRawResults raw = null;
        Exception error = null;
        try {
            raw = processor.handleEvent(owner.event().payload(), resource);
        } catch (Exception e) {
            error = e;
        } catch (StackOverflowError | AssertionError | LinkageError e) {
            error = new OceanException("handleEvent threw " + e, e);
        }
        synchronized (this) {
            runner = null;
            if (state == State.DONE) {
                return; // timed out or stopped while running: that path ends the run
            }
        }
        if (error == null) {
            succeed(raw);
        } else {
            fail(error);
        }
    }

    private void succeed(WebhookEventRawResults raw) {
        try {
            processor.afterProcessing();
        } catch (Exception e) {
            log.error("{}.afterProcessing failed for kind {}", match.name(), resource.kind(), e);
            finish(null, match.name() + ".afterProcessing failed: " + e);
            return;
        }
        finish(raw == null ? WebhookEventRawResults.empty() : raw, null);
    }

    private void fail(Exception error) {
        try {
            processor.onError(error);
        } catch (Exception hookFailure) {
            log.warn("{}.onError threw", match.name(), hookFailure);
        }
        boolean retry = attempt <= processor.maxRetries() && shouldRetry(error);
        if (!retry) {
            log.error("{} failed for kind {} after {} attempt(s)", match.name(), resource.kind(), attempt, error);
            finish(null, match.name() + " failed for kind " + resource.kind() + " after " + attempt
                    + " attempt(s): " + error);
            return;
        }
        Duration delay = RetryDelays.delay(processor, attempt, ThreadLocalRandom.current()::nextDouble, error);
        synchronized (this) {
            if (state == State.DONE) {
                return;
            }
            state = State.WAITING;
        }
        owner.metrics().retry(owner.path());
        owner.console().retrying(owner.traceId(), attempt);
        log.warn("{} failed for kind {} (attempt {}); retry {} of {} in {} ms: {}", match.name(), resource.kind(),
                attempt, attempt, processor.maxRetries(), delay.toMillis(), error.toString());
        owner.waitForRetry(delay, error.toString(), this::attempt);
    }

    private boolean shouldRetry(Exception error) {
        try {
            return processor.shouldRetry(error);
        } catch (RuntimeException e) {
            log.warn("{}.shouldRetry threw; not retrying", match.name(), e);
            return false;
        }
    }

    /**
     * Ends the pair from outside (the event's time is up, or its run stops): a running attempt is interrupted and
     * {@code cancel()} is called on {@code callbacks}. False when the pair had ended already.
     */
    boolean stop(Executor callbacks) {
        synchronized (this) {
            if (state == State.DONE) {
                return false;
            }
            if (state == State.RUNNING && runner != null) {
                runner.interrupt();
            }
            state = State.DONE;
        }
        if (processor != null) {
            callbacks.execute(this::cancelProcessor);
        }
        return true;
    }

    private void cancelProcessor() {
        try {
            processor.cancel();
        } catch (Exception e) {
            log.warn("{}.cancel threw", match.name(), e);
        }
    }

    private void finish(WebhookEventRawResults raw, String why) {
        synchronized (this) {
            if (state == State.DONE) {
                return;
            }
            state = State.DONE;
        }
        results = raw;
        failure = why;
        owner.pairCompleted(this);
    }

    ResourceConfig resource() {
        return resource;
    }

    /** The results, or null when the pair failed. */
    WebhookEventRawResults results() {
        return results;
    }

    /** Why the pair failed, or null. */
    String failure() {
        return failure;
    }

    synchronized int attempts() {
        return attempt;
    }
}
