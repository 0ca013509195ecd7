package io.ocean.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.config.ResourceConfig;
import java.util.List;
import java.util.Objects;

/**
 * The base class of a live-event processor, shaped like the Python Ocean's {@code AbstractWebhookProcessor}.
 *
 * <p>The runtime creates one instance to route an event ({@link #shouldProcessEvent}, {@link #getMatchingKinds},
 * {@link #authenticate}, {@link #validatePayload}) and then one new instance per (event, resource config) pair
 * to process it, so fields of a subclass are never shared between events or retries. Every callback may
 * throw; a failure is logged with the event's trace id.
 */
public abstract class AbstractWebhookProcessor {

    /** The Python framework's default number of retries of {@link #handleEvent}. */
    public static final int DEFAULT_MAX_RETRIES = 3;
    /** The default base of the retry delay, in seconds. */
    public static final double DEFAULT_INITIAL_RETRY_DELAY_SECONDS = 1.0;
    /** The default cap on one retry delay, in seconds. */
    public static final double DEFAULT_MAX_RETRY_DELAY_SECONDS = 30.0;
    /** The default growth factor of the retry delay. */
    public static final double DEFAULT_EXPONENTIAL_BASE_SECONDS = 2.0;
    /** The default ± fraction of random jitter on each retry delay. */
    public static final double DEFAULT_RETRY_JITTER = 0.1;

    private final WebhookEvent event;

    /** Binds the processor to the event it handles. */
    protected AbstractWebhookProcessor(WebhookEvent event) {
        this.event = Objects.requireNonNull(event, "event");
    }

    /** The event this instance handles: raw bytes, headers, trace id. */
    protected final WebhookEvent event() {
        return event;
    }

    /** Whether this processor handles the event at all, typically from a header such as {@code X-GitHub-Event}. */
    public abstract boolean shouldProcessEvent(WebhookEvent event) throws Exception;

    /** The resource kinds of the port app config this event updates, such as {@code ["githubIssue"]}. */
    public abstract List<String> getMatchingKinds(WebhookEvent event) throws Exception;

    /** Whether the request comes from the sender it claims; false answers 401 and nothing is queued. */
    public abstract boolean authenticate(JsonNode payload, EventHeaders headers) throws Exception;

    /** Whether the payload has what {@link #handleEvent} needs; false answers 400 and nothing is queued. */
    public abstract boolean validatePayload(JsonNode payload) throws Exception;

    /**
     * Fetches fresh data if needed and returns the raw items to upsert and delete for one resource config.
     * Throw {@link RetryableException} for a failure worth retrying.
     */
    public abstract WebhookEventRawResults handleEvent(JsonNode payload, ResourceConfig resourceConfig) throws Exception;

    /** Runs before {@link #handleEvent}, once per (event, resource config). */
    public void beforeProcessing() throws Exception {
    }

    /** Runs after a successful {@link #handleEvent}. */
    public void afterProcessing() throws Exception {
    }

    /** Called for every failed attempt of {@link #handleEvent}, before any retry. */
    public void onError(Exception e) throws Exception {
    }

    /** Called when processing is abandoned (timeout or shutdown); release what the attempt holds. */
    public void cancel() throws Exception {
    }

    /** Whether a failed {@link #handleEvent} is retried; by default only {@link RetryableException}s are. */
    public boolean shouldRetry(Exception e) {
        return e instanceof RetryableException;
    }

    /** How many times a failed {@link #handleEvent} is retried at most. */
    public int maxRetries() {
        return DEFAULT_MAX_RETRIES;
    }

    /** The base of the exponential retry delay, in seconds. */
    public double initialRetryDelaySeconds() {
        return DEFAULT_INITIAL_RETRY_DELAY_SECONDS;
    }

    /** The cap on one retry delay, in seconds. */
    public double maxRetryDelaySeconds() {
        return DEFAULT_MAX_RETRY_DELAY_SECONDS;
    }

    /** The growth factor of the retry delay: retry n waits {@code initial × base^n}, capped. */
    public double exponentialBaseSeconds() {
        return DEFAULT_EXPONENTIAL_BASE_SECONDS;
    }

    /** The ± fraction of random jitter applied to each delay; 0 makes delays exact. */
    public double retryJitter() {
        return DEFAULT_RETRY_JITTER;
    }
}
