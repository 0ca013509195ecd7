package io.ocean.webhook;

/** How a resync ended; the first three are the statuses reported to Port. */
public enum ResyncStatus {
    /** Every kind finished without error and stale entities were handled. */
    COMPLETED,
    /** A start hook, a kind or a deletion failed; see {@link ResyncOutcome#errors()}. */
    FAILED,
    /** The integration stopped during the resync: the current batch finished, nothing was deleted. */
    ABORTED,
    /** Nothing to resync: no {@code onResync} handler is registered. */
    SKIPPED
}
