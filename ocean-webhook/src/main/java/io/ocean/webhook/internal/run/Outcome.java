package io.ocean.webhook.internal.run;

import java.util.Locale;

/** How an event ended up, as counted by the metrics. */
public enum Outcome {
    /** Accepted: committed to the store. */
    QUEUED,
    /** No processor matched. */
    IGNORED,
    /** A delivery already queued within the deduplication window. */
    DUPLICATE,
    /** Failed authentication. */
    UNAUTHORIZED,
    /** Failed validation, or the body was refused (400, 413, 415). */
    INVALID,
    /** Refused with 503 because the queue was full. */
    REJECTED_FULL,
    /** Refused with 503 because the event store failed or did not commit in time. */
    REJECTED_STORE,
    /** Refused with 503 because the integration is shutting down. */
    REJECTED_STOPPING,
    /** Answered 500: a processor threw while routing. */
    ERROR,
    /** Every pair succeeded and the results were applied. */
    PROCESSED,
    /** Became a dead letter. */
    DEAD_LETTERED;

    /** The tag value: lower case with dashes. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
