package io.ocean.webhook.internal.console;

import io.ocean.core.LocalCatalog;
import io.ocean.core.config.PortAppConfig;
import io.ocean.webhook.ResyncOutcome;
import io.ocean.webhook.store.DeadLetterCount;
import io.ocean.webhook.store.EventPage;
import io.ocean.webhook.store.EventQuery;
import io.ocean.webhook.store.EventState;
import io.ocean.webhook.store.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the console reads from and asks of the running integration: the same dead letters, replay and catalog a user
 * gets from {@code Ocean}. The assembly that wires a started Ocean provides it, so the console needs no Ocean.
 */
public interface ConsoleHost {

    /**
     * A page of the events the store holds, metadata only, from the store's read side (never the writer): what the
     * dead-letters tab polls.
     */
    EventPage events(EventQuery query);

    /** How many dead letters each path holds per reason; cheap (an index or counters). */
    List<DeadLetterCount> deadLetterCounts();

    /** The held event with this trace id, with its headers and body; empty when the store holds none. */
    Optional<StoredEvent> heldEvent(String traceId);

    /** The dead letter with this trace id, found by its id (never by reading every dead letter). */
    default Optional<StoredEvent> heldDeadLetter(String traceId) {
        return heldEvent(traceId).filter(event -> event.state() == EventState.DEAD);
    }

    /** Deletes a dead letter for good; false when no dead letter has this trace id. */
    boolean discard(String traceId);

    /** Puts a dead letter back on its path's queue; false if unknown or its path is full (it is then kept). */
    boolean replay(String traceId);

    /**
     * Pauses ({@code paused} true) or resumes a path: its events are stored but not run while paused. False when no
     * path is registered under this name.
     *
     * @throws UnsupportedOperationException when the event store cannot pause paths (a plug-in engine without
     *                                       {@code pausePath})
     */
    boolean setPaused(String path, boolean paused);

    /** The paths paused now. */
    default java.util.Set<String> pausedPaths() {
        return java.util.Set.of();
    }

    /** The port app config in force. */
    PortAppConfig portAppConfig();

    /**
     * The local catalog.
     *
     * @throws IllegalStateException when entities go to Port or to a sink set in code
     */
    LocalCatalog localCatalog();

    /** How the last finished resync went; null until one has finished. */
    ResyncOutcome lastResync();

    /** When the resync that runs now started; null when none runs. */
    Instant resyncRunningSince();
}
