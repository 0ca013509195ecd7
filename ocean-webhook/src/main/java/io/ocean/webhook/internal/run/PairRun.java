package io.ocean.webhook.internal.run;

import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.OceanException;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.ResourceConfig;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One (processor, resource config) pair of an event, on its own processor instance:
 * {@code beforeProcessing → handleEvent (retried when due) → afterProcessing}. Its stages run on the event run's
 * serial executor; a retry that waits holds no thread (the run resumes it when the store hands the event back). A watchdog ends the pair when it exceeds the processing limit:
 * the running attempt is interrupted, {@code cancel()} is called, and the run goes on without it.
 */
final class PairRun {

    private static final Logger log = LoggerFactory.getLogger(PairRun.class);

    private enum State { NEW, RUNNING, WAITING, DONE }

    private final EventRun owner;
    private final MatchedProcessor match;
    private final ResourceConfig resource;
    private volatile AbstractWebhookProcessor processor;
    // guarded by this: the watchdog and stop() (other threads) end the pair while a stage may be running
    private State state = State.NEW;
    private Thread runner;
    private ScheduledFuture<?> watchdog;
    private int attempts;
    // written and read on the run's serial executor only
    private String failure;
    private WebhookEventRawResults results;

    PairRun(EventRun owner, MatchedProcessor match, ResourceConfig resource) {
        this.owner = owner;
        this.match = match;
        this.resource = resource;
    }

    /** Creates the instance, arms the watchdog, runs {@code beforeProcessing} and the first attempt. */
    void start() {
        try {
            processor = match.registration().create(owner.event());
        } catch (RuntimeException e) {
            log.error("creating {} for kind {} failed", match.name(), resource.kind(), e);
            finish(null, "creating " + match.name() + " failed: " + e);
            return;
        }
        long limit = owner.maxProcessingSeconds();
        synchronized (this) {
            watchdog = owner.timer().schedule(this::timeOut, limit, TimeUnit.SECONDS);
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
        synchronized (this) {
            if (state == State.DONE) {
                return;
            }
            state = State.RUNNING;
            runner = Thread.currentThread();
            attempts++;
        }
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
                return; // timed out or stopped while running: that path goes on with the run
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
        boolean retry = attempts <= processor.maxRetries() && shouldRetry(error);
        if (!retry) {
            log.error("{} failed for kind {} after {} attempt(s)", match.name(), resource.kind(), attempts, error);
            finish(null, match.name() + " failed for kind " + resource.kind() + " after " + attempts
                    + " attempt(s): " + error);
            return;
        }
        Duration delay = RetryDelays.delay(processor, attempts, ThreadLocalRandom.current()::nextDouble, error);
        synchronized (this) {
            if (state == State.DONE) {
                return;
            }
            state = State.WAITING;
        }
        owner.metrics().retry(owner.path());
        owner.console().retrying(owner.traceId(), attempts);
        log.warn("{} failed for kind {} (attempt {}); retry {} of {} in {} ms: {}", match.name(), resource.kind(),
                attempts, attempts, processor.maxRetries(), delay.toMillis(), error.toString());
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

    /** The watchdog (timer thread): past the limit, interrupt the attempt or give up the waiting retry, then cancel. */
    private void timeOut() {
        if (!stop()) {
            return;
        }
        long limit = owner.maxProcessingSeconds();
        // cancel() runs beside a possibly stuck handleEvent (that is what it is for), never on the timer thread
        owner.beside(this::cancelProcessor);
        owner.stage(() -> {
            owner.retryGivenUp();
            log.error("{} for kind {} exceeded {} s after {} attempt(s); cancelled", match.name(), resource.kind(),
                    limit, attempts());
            failure = match.name() + " for kind " + resource.kind() + " timed out after " + limit + " s";
            owner.pairCompleted(this);
        });
    }

    /**
     * Ends the pair because its run stops (shutdown, or its claim was taken over): the attempt is interrupted, a
     * waiting retry dropped, and {@code cancel()} called on the calling thread, which holds no lock of ours.
     */
    void abandon() {
        if (stop()) {
            cancelProcessor();
        }
    }

    private synchronized boolean stop() {
        if (state == State.DONE) {
            return false;
        }
        if (state == State.RUNNING && runner != null) {
            runner.interrupt();
        }
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        state = State.DONE;
        return true;
    }

    private void cancelProcessor() {
        if (processor == null) {
            return;
        }
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
            if (watchdog != null) {
                watchdog.cancel(false);
            }
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
        return attempts;
    }
}
