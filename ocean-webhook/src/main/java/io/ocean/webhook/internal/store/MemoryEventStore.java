package io.ocean.webhook.internal.store;

import io.ocean.webhook.store.Claim;
import io.ocean.webhook.store.EventState;
import io.ocean.webhook.store.DeadLetterCount;
import io.ocean.webhook.store.EventPage;
import io.ocean.webhook.store.EventQuery;
import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventSummary;
import io.ocean.webhook.store.EventStoreException;
import io.ocean.webhook.store.InsertResult;
import io.ocean.webhook.store.NewEvent;
import io.ocean.webhook.store.PathStats;
import io.ocean.webhook.store.ReplayResult;
import io.ocean.webhook.store.StoreSettings;
import io.ocean.webhook.store.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Every event in this process's memory, behind one lock: fast, and lost with the process. Ordering and limits come
 * from the shared {@link EventIndex}; the bodies sit next to it by event id.
 */
public final class MemoryEventStore implements EventStore {

    private static final Logger log = LoggerFactory.getLogger(MemoryEventStore.class);

    /** Headers and body, which the index leaves out. */
    private record Content(Map<String, List<String>> headers, byte[] body) {
    }

    private final Object lock = new Object();
    private final EventIndex index = new EventIndex();
    private final DeliveryIds deliveryIds = new DeliveryIds();
    private final Map<Long, Content> contents = new HashMap<>();
    private final java.util.Set<String> paused = new java.util.TreeSet<>();
    private StoreSettings settings;
    private boolean closed;

    @Override
    public void open(StoreSettings settings) {
        Objects.requireNonNull(settings, "settings");
        synchronized (lock) {
            if (this.settings != null) {
                throw new EventStoreException("the memory event store is already open; a store is opened once");
            }
            this.settings = settings;
        }
    }

    @Override
    public CompletionStage<InsertResult> insert(NewEvent event) {
        Objects.requireNonNull(event, "event");
        try {
            synchronized (lock) {
                StoreSettings open = requireOpen();
                Instant now = open.clock().instant();
                deliveryIds.purge(now, open.deduplicationWindow());
                if (event.deliveryId() != null) {
                    String first = deliveryIds.firstTraceId(event.path(), event.deliveryId(), now,
                            open.deduplicationWindow());
                    if (first != null) {
                        return CompletableFuture.completedFuture(
                                new InsertResult(InsertResult.Status.DUPLICATE, first));
                    }
                }
                InsertResult.Status refusal = index.refusal(event.path(), event.body().length,
                        open.queueCapacity(), open.queueMaxBytes());
                if (refusal != null) {
                    return CompletableFuture.completedFuture(new InsertResult(refusal, event.traceId()));
                }
                long id = index.nextId();
                contents.put(id, new Content(event.headers(), event.body()));
                index.add(new EventMeta(id, event.traceId(), event.path(), event.groupKey(), event.deliveryId(),
                        event.receivedAt(), event.body().length, 0, event.receivedAt(), EventState.QUEUED, null,
                        null, 0, null), now);
                if (event.deliveryId() != null) {
                    deliveryIds.remember(event.path(), event.deliveryId(), event.traceId(), now);
                }
                return CompletableFuture.completedFuture(
                        new InsertResult(InsertResult.Status.ACCEPTED, event.traceId()));
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void restore(StoredEvent event) {
        Objects.requireNonNull(event, "event");
        synchronized (lock) {
            StoreSettings open = requireOpen();
            Instant now = open.clock().instant();
            long id = index.nextId();
            contents.put(id, new Content(event.headers(), event.body()));
            // A restored running event has no live worker: it is held, and claimable once recovered.
            EventState state = event.state() == EventState.RUNNING ? EventState.QUEUED : event.state();
            index.add(new EventMeta(id, event.traceId(), event.path(), event.groupKey(), event.deliveryId(),
                    event.receivedAt(), event.body().length, event.attempts(), event.nextAttemptAt(), state,
                    event.lastError(), event.failedAt(), 0, null), now);
            if (state != EventState.DEAD && event.deliveryId() != null) {
                deliveryIds.remember(event.path(), event.deliveryId(), event.traceId(), now);
            }
            if (state == EventState.DEAD) {
                evictDead(open);
            }
        }
    }

    @Override
    public List<Claim> claim(String path, int max, Duration lease) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(lease, "lease");
        synchronized (lock) {
            Instant now = requireOpen().clock().instant();
            List<Claim> claims = new ArrayList<>();
            if (paused.contains(path)) {
                return claims; // held, not handed out: a paused path's events wait for its resume
            }
            for (EventMeta head : index.claimable(path, max, now)) {
                index.claimed(head, index.nextToken(), now.plus(lease), now);
                claims.add(new Claim(toStored(head), head.token, head.leaseUntil, head.firstClaimedAt));
            }
            return claims;
        }
    }

    @Override
    public boolean renew(Claim claim, Duration lease) {
        synchronized (lock) {
            Instant now = requireOpen().clock().instant();
            EventMeta event = index.owned(claim);
            if (event == null) {
                return false;
            }
            index.renewed(event, now.plus(lease), now);
            return true;
        }
    }

    @Override
    public boolean complete(Claim claim) {
        synchronized (lock) {
            Instant now = requireOpen().clock().instant();
            EventMeta event = index.owned(claim);
            if (event == null) {
                return false;
            }
            index.removeHeld(event, now);
            contents.remove(event.id);
            return true;
        }
    }

    @Override
    public boolean waitForRetry(Claim claim, int attempts, Instant nextAttemptAt, String error) {
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        synchronized (lock) {
            Instant now = requireOpen().clock().instant();
            EventMeta event = index.owned(claim);
            if (event == null) {
                return false;
            }
            index.waiting(event, attempts, nextAttemptAt, error, now);
            return true;
        }
    }

    @Override
    public boolean deadLetter(Claim claim, String reason) {
        synchronized (lock) {
            StoreSettings open = requireOpen();
            Instant now = open.clock().instant();
            EventMeta event = index.owned(claim);
            if (event == null) {
                return false;
            }
            index.died(event, reason, now, now);
            if (event.deliveryId != null) {
                deliveryIds.forget(event.path, event.deliveryId, event.traceId);
            }
            evictDead(open);
            return true;
        }
    }

    /** Nothing outlives a memory store's process; this only queues again what {@link #restore} brought in waiting. */
    @Override
    public int recover() {
        synchronized (lock) {
            Instant now = requireOpen().clock().instant();
            List<EventMeta> interrupted = index.interrupted();
            interrupted.forEach(event -> index.requeued(event, now));
            return interrupted.size();
        }
    }

    @Override
    public Optional<Claim> resume(Claim waiting, Duration lease) {
        Objects.requireNonNull(lease, "lease");
        synchronized (lock) {
            Instant now = requireOpen().clock().instant();
            EventMeta event = index.owned(waiting);
            if (event == null || event.state != EventState.WAITING) {
                return Optional.empty();
            }
            index.claimed(event, index.nextToken(), now.plus(lease), now);
            return Optional.of(new Claim(toStored(event), event.token, event.leaseUntil, event.firstClaimedAt));
        }
    }

    @Override
    public boolean release(Claim claim, boolean ran) {
        synchronized (lock) {
            Instant now = requireOpen().clock().instant();
            EventMeta event = index.owned(claim);
            if (event == null) {
                return false;
            }
            index.released(event, ran, index.nextToken(), now);
            return true;
        }
    }

    @Override
    public Optional<Instant> nextDue(String path) {
        synchronized (lock) {
            return index.nextDue(path, requireOpen().clock().instant());
        }
    }

    @Override
    public List<StoredEvent> deadLetters(String path, int limit) {
        synchronized (lock) {
            requireOpen();
            return index.deadOf(path, limit).stream().map(this::toStored).toList();
        }
    }

    @Override
    public Optional<StoredEvent> find(String traceId) {
        synchronized (lock) {
            requireOpen();
            return Optional.ofNullable(index.byTraceId(traceId)).map(this::toStored);
        }
    }

    @Override
    public ReplayResult replay(String traceId) {
        synchronized (lock) {
            StoreSettings open = requireOpen();
            Instant now = open.clock().instant();
            EventMeta letter = index.byTraceId(traceId);
            if (letter == null || letter.state != EventState.DEAD) {
                return ReplayResult.NOT_FOUND;
            }
            if (index.refusal(letter.path, letter.bytes, open.queueCapacity(), open.queueMaxBytes()) != null) {
                return ReplayResult.FULL;
            }
            index.removeDead(letter);
            long id = index.nextId();
            contents.put(id, contents.remove(letter.id));
            index.add(new EventMeta(id, letter.traceId, letter.path, letter.groupKey, letter.deliveryId,
                    letter.receivedAt, letter.bytes, 0, now, EventState.QUEUED, null, null, 0, null), now);
            return ReplayResult.REPLAYED;
        }
    }

    @Override
    public PathStats stats(String path) {
        synchronized (lock) {
            requireOpen();
            return index.stats(path);
        }
    }

    @Override
    public long purgeDeliveryIds() {
        synchronized (lock) {
            StoreSettings open = requireOpen();
            return deliveryIds.purge(open.clock().instant(), open.deduplicationWindow());
        }
    }

    /**
     * Filtered under the lock (an event's state changes under it), keeping only the page's newest limit + 1 in a
     * bounded heap: only those become summaries, not every event held.
     */
    @Override
    public EventPage query(EventQuery query) {
        int keep = query.limit() + 1;
        PriorityQueue<EventMeta> newest = new PriorityQueue<>(Comparator.comparingLong(meta -> meta.id));
        List<EventSummary> page = new ArrayList<>(keep);
        synchronized (lock) {
            requireOpen();
            for (EventMeta meta : index.all()) {
                if (query.matches(meta.id, meta.state, meta.path, meta.lastError, meta.receivedAt, meta.failedAt,
                        meta.deliveryId)) {
                    newest.add(meta);
                    if (newest.size() > keep) {
                        newest.poll();
                    }
                }
            }
            for (EventMeta meta : newest) {
                page.add(summary(meta));
            }
        }
        page.sort(Comparator.comparingLong(EventSummary::id).reversed());
        return EventPage.of(page, query);
    }

    /** Only the given paths, as the interface says. */
    @Override
    public List<DeadLetterCount> deadLetterCounts(Collection<String> paths) {
        Set<String> wanted = Set.copyOf(paths);
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        synchronized (lock) {
            requireOpen();
            for (EventMeta meta : index.all()) {
                if (meta.state == EventState.DEAD && wanted.contains(meta.path)) {
                    counts.computeIfAbsent(meta.path, p -> new TreeMap<>())
                            .merge(meta.lastError == null ? "" : meta.lastError, 1L, Long::sum);
                }
            }
        }
        List<DeadLetterCount> list = new ArrayList<>();
        counts.forEach((path, byReason) -> byReason.forEach((reason, count) ->
                list.add(new DeadLetterCount(path, reason, count))));
        return list;
    }

    @Override
    public boolean discard(String traceId) {
        synchronized (lock) {
            requireOpen();
            EventMeta letter = index.byTraceId(traceId);
            if (letter == null || letter.state != EventState.DEAD) {
                return false;
            }
            index.removeDead(letter);
            contents.remove(letter.id);
            return true;
        }
    }

    @Override
    public void pausePath(String path) {
        Objects.requireNonNull(path, "path");
        synchronized (lock) {
            requireOpen();
            paused.add(path);
        }
    }

    @Override
    public void resumePath(String path) {
        Objects.requireNonNull(path, "path");
        synchronized (lock) {
            requireOpen();
            paused.remove(path);
        }
    }

    @Override
    public java.util.Set<String> pausedPaths() {
        synchronized (lock) {
            return java.util.Set.copyOf(paused);
        }
    }

    private static EventSummary summary(EventMeta meta) {
        return new EventSummary(meta.id, meta.traceId, meta.path, meta.groupKey, meta.deliveryId, meta.receivedAt,
                meta.bytes, meta.attempts, meta.state, meta.lastError, meta.failedAt);
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
    }

    private void evictDead(StoreSettings open) {
        for (EventMeta letter : index.overflowingDead(open.deadLetterCapacity(), open.deadLetterMaxBytes())) {
            index.removeDead(letter);
            contents.remove(letter.id);
            try (MDC.MDCCloseable trace = MDC.putCloseable("traceId", letter.traceId)) {
                log.warn("dead letters are over their bounds ({} letters, {} bytes); evicted the oldest, path={} "
                                + "traceId={}", open.deadLetterCapacity(), open.deadLetterMaxBytes(), letter.path,
                        letter.traceId);
            }
        }
    }

    private StoreSettings requireOpen() {
        if (closed) {
            throw new EventStoreException("the memory event store is closed");
        }
        if (settings == null) {
            throw new EventStoreException("the memory event store is not open; call open(settings) first");
        }
        return settings;
    }

    private StoredEvent toStored(EventMeta meta) {
        Content content = contents.get(meta.id);
        return new StoredEvent(meta.id, meta.traceId, meta.path, meta.groupKey, meta.deliveryId, meta.receivedAt,
                content.headers(), content.body(), meta.attempts, meta.nextAttemptAt, meta.state, meta.lastError,
                meta.failedAt);
    }
}
