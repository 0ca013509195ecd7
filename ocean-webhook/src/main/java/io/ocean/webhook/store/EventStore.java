package io.ocean.webhook.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Where every accepted event lives from the moment it is accepted until it is finished: the queues, the claims of
 * running events, retries waiting for their time, dead letters, and the delivery ids seen. The runtime answers a
 * sender 200 only once {@link #insert} has completed, so what a store commits survives a crash.
 *
 * <p>Ordering: the events of one (path, group key) run one at a time in id order. {@link #claim} hands out only the
 * head of a key, and only when no one holds that key; an event waiting for a retry keeps its key.
 *
 * <p>Engines: {@link EventStores#sqlite()} (the default), {@link EventStores#memory()}, and PostgreSQL from
 * {@code io.ocean:ocean-store-postgres}. Another engine implements this interface, passes
 * {@code io.ocean.testkit.EventStoreContract}, and is set with {@code cfg.webhooks.store}. Implementations are
 * thread-safe; methods other than {@link #insert} block the calling thread (the runtime calls them from its own
 * threads, never from a request thread) and throw {@link EventStoreException} when the engine fails. Every time an
 * engine compares or records (leases, retry times, the deduplication window, failure times) comes from
 * {@link StoreSettings#clock()}.
 */
public interface EventStore extends AutoCloseable {

    /**
     * Opens the store: creates or migrates its schema, takes the locks it needs, and remembers the settings.
     * Called once, at {@code ocean.start()}.
     *
     * @throws EventStoreException when it cannot open, with a message a person can act on
     */
    void open(StoreSettings settings);

    /**
     * Writes an accepted event durably. The stage completes once the event and its delivery id are committed
     * ({@link InsertResult.Status#ACCEPTED}), or with why nothing was written (a duplicate delivery id within the
     * deduplication window, a full path). It completes exceptionally when the write failed. Never blocks the caller.
     * The delivery id is checked before the limits: a redelivery of an accepted event is a duplicate even when the
     * path is full. The runtime cancels the stage when its answer times out; an engine that returns a
     * {@link PendingInsert} then never commits the event unless its commit had already started.
     */
    CompletionStage<InsertResult> insert(NewEvent event);

    /**
     * Writes an event as given — state, attempts and times kept, limits and deduplication skipped — with a new id
     * after those already held (the given id is ignored). For importing state from older versions or other stores.
     * A held event's delivery id counts as seen from now; a {@link EventState#RUNNING} event is restored as
     * {@link EventState#QUEUED} (no worker holds it); a dead one counts against the dead-letter bounds.
     */
    void restore(StoredEvent event);

    /**
     * {@link #restore Restores} the events in the given order; an engine may commit them together, which is what
     * makes importing thousands of events quick.
     */
    default void restoreAll(List<StoredEvent> events) {
        events.forEach(this::restore);
    }

    /**
     * Claims up to {@code max} events of a path that may run now: each the head of its group key, due
     * ({@code nextAttemptAt <= now}), and not held by a live lease. A claimed event is {@link EventState#RUNNING}
     * with attempts + 1 and a new fencing token; the first claim of an event records {@link Claim#firstClaimedAt()}.
     * An event whose lease ran out (its worker died) is claimed again this way, and so is a
     * {@link EventState#WAITING} event once its retry time has come and its lease ran out too (its worker stopped
     * or died; a live worker takes its own waiting event back with {@link #resume}). Oldest (lowest id) first.
     */
    List<Claim> claim(String path, int max, Duration lease);

    /**
     * Extends the lease of a running or waiting claim; false when the claim was taken over (the worker must stop
     * writing) or the event ended (finished, dead).
     */
    boolean renew(Claim claim, Duration lease);

    /** The event finished: it is deleted and its key released. False when the claim was taken over. */
    boolean complete(Claim claim);

    /**
     * The event waits for a retry at {@code nextAttemptAt}: it keeps its key (no later event of the key runs) and
     * its lease, which the worker renews while it waits; the worker takes it back with {@link #resume} once that
     * time has come. Should the worker stop or die, {@link #claim} hands it out, with attempts + 1, once the time
     * has come and the lease ran out — after a restart, or in another process. {@link #nextDue} tells when. {@code attempts} is stored as
     * given (normally the claim's). The claim stays valid until the event is claimed again, so the worker may still
     * {@link #complete} or {@link #deadLetter} it instead. False when the claim was taken over.
     */
    boolean waitForRetry(Claim claim, int attempts, Instant nextAttemptAt, String error);

    /**
     * The event failed for good: it becomes a dead letter (body kept), its key is released, and its delivery id is
     * forgotten so that a new delivery is accepted. The oldest dead letters past the count or byte limit are evicted
     * with a warning. False when the claim was taken over.
     */
    boolean deadLetter(Claim claim, String reason);

    /**
     * At start: events a previous process left running or waiting are queued again, keeping a waiting event's retry
     * time and their attempts — a run cut short by the crash already counts, so the next {@link #claim} runs it with
     * attempts + 1. Engines shared by several processes recover through expired leases instead and return 0.
     * Returns how many events were recovered.
     */
    int recover();

    /**
     * The worker that holds a waiting event takes it back when its retry is due: {@link EventState#RUNNING} again
     * with attempts + 1, a new fencing token and lease, {@link Claim#firstClaimedAt()} kept. Empty when the claim no
     * longer holds the event: another worker took it over (its lease ran out), or it ended.
     */
    Optional<Claim> resume(Claim waiting, Duration lease);

    /**
     * Hands a claimed event back without an end, at a stop: its lease ends now and the claim is void, so another
     * worker may claim it at once (a waiting event once its retry is due). With {@code ran} false the claim never
     * called {@code handleEvent}, so its attempt is not counted (nor its time budget started, if it was the first).
     * False when the claim was taken over.
     */
    boolean release(Claim claim, boolean ran);

    /**
     * The earliest time a held event of the path becomes due, if the head of a key waits for a retry (or a future
     * {@code nextAttemptAt}); lease ends are not included. Empty when nothing waits for a time.
     */
    Optional<Instant> nextDue(String path);

    /** The path's dead letters, oldest first, at most {@code limit}, with their bodies. */
    List<StoredEvent> deadLetters(String path, int limit);

    /** The event with this trace id, whatever its state. */
    Optional<StoredEvent> find(String traceId);

    /**
     * Puts a dead letter back at the tail of its key's queue with attempts 0, a new (highest) id, due now; its trace
     * id stays. {@link ReplayResult#FULL} when the path's limits would be passed.
     */
    ReplayResult replay(String traceId);

    /** What the path holds now. */
    PathStats stats(String path);

    /** Forgets delivery ids older than the deduplication window; returns how many. */
    long purgeDeliveryIds();

    /**
     * How often workers should look for events written by other processes; empty (the default) for an engine only
     * this process writes to, whose runtime knows of every new event.
     */
    default Optional<Duration> pollInterval() {
        return Optional.empty();
    }

    /** Registers a listener told the path of events that other processes wrote; engines that cannot tell ignore it. */
    default void onNewEvents(Consumer<String> listener) {
    }

    /**
     * A page of the events held, metadata only (no headers, no body), newest first: served from the store's read
     * side, so a listing never waits for, nor delays, the writes of accepted events. The default pages through
     * {@link #deadLetters} and so needs a path and {@link EventState#DEAD}; the built-in engines answer any query.
     *
     * @throws UnsupportedOperationException when the engine cannot answer this query
     */
    default EventPage query(EventQuery query) {
        if (query.state() != EventState.DEAD || query.path() == null) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " lists dead letters by path only");
        }
        List<EventSummary> matching = new java.util.ArrayList<>();
        List<StoredEvent> letters = new java.util.ArrayList<>(deadLetters(query.path(), Integer.MAX_VALUE));
        java.util.Collections.reverse(letters);
        for (StoredEvent letter : letters) {
            EventSummary summary = EventSummary.of(letter);
            if (query.matches(summary) && matching.size() <= query.limit()) {
                matching.add(summary);
            }
        }
        matching.sort(java.util.Comparator.comparingLong(EventSummary::id).reversed());
        return EventPage.of(matching, query);
    }

    /**
     * How many dead letters each path holds per reason, cheaply (an index or counters, never the bodies). The
     * default counts the given paths' {@link #deadLetters}.
     */
    default List<DeadLetterCount> deadLetterCounts(java.util.Collection<String> paths) {
        List<DeadLetterCount> counts = new java.util.ArrayList<>();
        for (String path : paths) {
            java.util.Map<String, Long> byReason = new java.util.TreeMap<>();
            deadLetters(path, Integer.MAX_VALUE).forEach(letter -> byReason.merge(
                    letter.lastError() == null ? "" : letter.lastError(), 1L, Long::sum));
            byReason.forEach((reason, count) -> counts.add(new DeadLetterCount(path, reason, count)));
        }
        return counts;
    }

    /**
     * Deletes a dead letter for good (an operator's discard); false when no dead letter has this trace id (an event
     * that is queued, running or waiting is never discarded).
     *
     * @throws UnsupportedOperationException when the engine cannot (the default)
     */
    default boolean discard(String traceId) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot discard dead letters");
    }

    /**
     * Pauses a path: its events are still accepted and stored, but {@link #claim} hands none of them out until
     * {@link #resumePath}. Kept in the store, so a pause holds across restarts (and, on a shared engine, for every
     * process); pausing a paused path does nothing.
     *
     * @throws UnsupportedOperationException when the engine cannot (the default)
     */
    default void pausePath(String path) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot pause paths");
    }

    /**
     * Resumes a paused path: its held events are claimable again; resuming a path that is not paused does nothing.
     *
     * @throws UnsupportedOperationException when the engine cannot (the default)
     */
    default void resumePath(String path) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot pause paths");
    }

    /** The paths paused now; empty (the default) for an engine that cannot pause. */
    default java.util.Set<String> pausedPaths() {
        return java.util.Set.of();
    }

    /** Releases the store's connections, threads and locks; what is committed stays. */
    @Override
    void close();
}
