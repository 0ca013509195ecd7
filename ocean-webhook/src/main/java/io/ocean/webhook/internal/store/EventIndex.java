package io.ocean.webhook.internal.store;

import io.ocean.webhook.store.Claim;
import io.ocean.webhook.store.EventState;
import io.ocean.webhook.store.InsertResult;
import io.ocean.webhook.store.PathStats;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ordering and counting half of an engine, without bodies: per path, each group key's events in id order, the
 * keys whose head may be claimed now (oldest head first), the heads that wait for a time, and the counters the
 * limits need. Claiming costs a few map operations per claimed event, not a scan of what is queued.
 *
 * <p>Not thread-safe: an engine calls it under its lock or from its one writer thread. Methods change only the
 * index; an engine that persists writes its rows first and then tells the index.
 */
final class EventIndex {

    /** A head that becomes claimable at a time: a retry or a not-yet-due event, or a running one's lease end. */
    private record Slot(Instant at, long headId, String key) implements Comparable<Slot> {
        @Override
        public int compareTo(Slot other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(headId, other.headId);
        }
    }

    /** One group key's events, id order; the head is the only one that may run. */
    private static final class KeyQueue {
        final String key;
        final ArrayDeque<EventMeta> events = new ArrayDeque<>();
        Slot slot;
        long readyId = -1;

        KeyQueue(String key) {
            this.key = key;
        }
    }

    private static final class PathIndex {
        final Map<String, KeyQueue> keys = new HashMap<>();
        /** Claimable now: head id to key, so the oldest head comes first. */
        final TreeMap<Long, String> ready = new TreeMap<>();
        final TreeSet<Slot> timed = new TreeSet<>();
        long held;
        long heldBytes;
        long dead;
        long deadBytes;
    }

    private final Map<String, PathIndex> paths = new HashMap<>();
    private final Map<Long, EventMeta> byId = new HashMap<>();
    private final Map<String, EventMeta> byTraceId = new HashMap<>();
    /** Dead letters in the order they died, across paths; eviction takes the first. */
    private final LinkedHashMap<Long, EventMeta> dead = new LinkedHashMap<>();
    private long deadBytes;
    private long lastId;
    private long lastToken;

    /** The next event id, higher than every id the index has seen. */
    long nextId() {
        return ++lastId;
    }

    /** The next fencing token, higher than every token the index has seen. */
    long nextToken() {
        return ++lastToken;
    }

    /** The highest fencing token handed out or seen. */
    long lastToken() {
        return lastToken;
    }

    /** Tokens from now on are higher than {@code token} (a rebuilt index must not hand out old tokens again). */
    void raiseTokens(long token) {
        lastToken = Math.max(lastToken, token);
    }

    /** Events held (queued, running, waiting) across paths. */
    long heldTotal() {
        return byId.size() - dead.size();
    }

    /** Dead letters across paths. */
    long deadTotal() {
        return dead.size();
    }

    /** Adds an event at the tail of its key (or to the dead letters); its id must be the highest of its key. */
    void add(EventMeta event, Instant now) {
        lastId = Math.max(lastId, event.id);
        lastToken = Math.max(lastToken, event.token);
        byId.put(event.id, event);
        if (event.traceId != null) {
            byTraceId.put(event.traceId, event);
        }
        PathIndex path = paths.computeIfAbsent(event.path, p -> new PathIndex());
        if (event.state == EventState.DEAD) {
            dead.put(event.id, event);
            deadBytes += event.bytes;
            path.dead++;
            path.deadBytes += event.bytes;
            return;
        }
        path.held++;
        path.heldBytes += event.bytes;
        KeyQueue queue = path.keys.computeIfAbsent(event.groupKey, KeyQueue::new);
        queue.events.addLast(event);
        if (queue.events.size() == 1) {
            reindex(path, queue, now);
        }
    }

    /** The event with this id, in any state, or null. */
    EventMeta byId(long id) {
        return byId.get(id);
    }

    /** The event with this trace id, in any state, or null; only for engines that keep trace ids in the index. */
    /** Every event held, dead or not, in no order; a view: copy it before the lock is let go. */
    java.util.Collection<EventMeta> all() {
        return byId.values();
    }

    EventMeta byTraceId(String traceId) {
        return byTraceId.get(traceId);
    }

    /** Why an event of {@code bytes} may not join the path, or null when it fits. */
    InsertResult.Status refusal(String path, long bytes, long capacity, long maxBytes) {
        PathIndex index = paths.get(path);
        long held = index == null ? 0 : index.held;
        long heldBytes = index == null ? 0 : index.heldBytes;
        if (held >= capacity) {
            return InsertResult.Status.FULL_COUNT;
        }
        if (heldBytes + bytes > maxBytes) {
            return InsertResult.Status.FULL_BYTES;
        }
        return null;
    }

    /**
     * Up to {@code max} heads of the path that may be claimed now, oldest first; the caller claims them with
     * {@link #claimed}. Nothing changes state here.
     */
    List<EventMeta> claimable(String pathName, int max, Instant now) {
        PathIndex path = paths.get(pathName);
        if (path == null || max <= 0) {
            return List.of();
        }
        while (!path.timed.isEmpty() && !path.timed.first().at().isAfter(now)) {
            Slot slot = path.timed.pollFirst();
            KeyQueue queue = path.keys.get(slot.key());
            queue.slot = null;
            reindex(path, queue, now);
        }
        List<EventMeta> heads = new ArrayList<>(Math.min(max, path.ready.size()));
        List<KeyQueue> notDue = new ArrayList<>();
        for (String key : path.ready.values()) {
            KeyQueue queue = path.keys.get(key);
            EventMeta head = queue.events.peekFirst();
            if (dueAt(head).isAfter(now)) {
                notDue.add(queue); // the clock went back since it was indexed
                continue;
            }
            heads.add(head);
            if (heads.size() == max) {
                break;
            }
        }
        notDue.forEach(queue -> reindex(path, queue, now));
        return heads;
    }

    /** A head was claimed: it runs with attempts + 1 under the new token and lease. */
    void claimed(EventMeta event, long token, Instant leaseUntil, Instant now) {
        if (event.firstClaimedAt == null) {
            event.firstClaimedAt = now;
        }
        event.state = EventState.RUNNING;
        event.attempts++;
        event.token = token;
        event.leaseUntil = leaseUntil;
        lastToken = Math.max(lastToken, token);
        reindexKeyOf(event, now);
    }

    /** The held event the claim still owns, or null when it was taken over, finished or never existed. */
    EventMeta owned(Claim claim) {
        EventMeta event = byId.get(claim.event().id());
        if (event == null || event.token != claim.token()
                || (event.state != EventState.RUNNING && event.state != EventState.WAITING)) {
            return null;
        }
        return event;
    }

    /** A running event's lease now ends later. */
    void renewed(EventMeta event, Instant leaseUntil, Instant now) {
        event.leaseUntil = leaseUntil;
        reindexKeyOf(event, now);
    }

    /** The event waits for its retry at {@code nextAttemptAt}, keeping its key and its worker's lease. */
    void waiting(EventMeta event, int attempts, Instant nextAttemptAt, String error, Instant now) {
        event.state = EventState.WAITING;
        event.attempts = attempts;
        event.nextAttemptAt = nextAttemptAt;
        event.lastError = error;
        reindexKeyOf(event, now);
    }

    /**
     * A claim hands its event back: the lease ends, a running event is queued again (a waiting one keeps waiting),
     * and the claim's attempt is taken back when it never ran. The caller gives the event a new token.
     */
    void released(EventMeta event, boolean ran, long token, Instant now) {
        if (event.state == EventState.RUNNING) {
            event.state = EventState.QUEUED;
        }
        if (!ran && event.attempts > 0) {
            event.attempts--;
            if (event.attempts == 0) {
                event.firstClaimedAt = null;
            }
        }
        event.leaseUntil = null;
        event.token = token;
        lastToken = Math.max(lastToken, token);
        reindexKeyOf(event, now);
    }

    /** A held event is gone: finished, or about to be re-added as a dead letter. Its key moves on. */
    void removeHeld(EventMeta event, Instant now) {
        PathIndex path = paths.get(event.path);
        KeyQueue queue = path.keys.get(event.groupKey);
        queue.events.remove(event);
        path.held--;
        path.heldBytes -= event.bytes;
        byId.remove(event.id);
        if (event.traceId != null) {
            byTraceId.remove(event.traceId);
        }
        reindex(path, queue, now);
    }

    /** A held event failed for good: it leaves its key and becomes the newest dead letter. */
    void died(EventMeta event, String reason, Instant failedAt, Instant now) {
        removeHeld(event, now);
        event.state = EventState.DEAD;
        event.lastError = reason;
        event.failedAt = failedAt;
        event.leaseUntil = null;
        add(event, now);
    }

    /** The oldest dead letters to evict so that at most {@code capacity} and {@code maxBytes} remain. */
    List<EventMeta> overflowingDead(long capacity, long maxBytes) {
        List<EventMeta> evict = new ArrayList<>();
        long count = dead.size();
        long bytes = deadBytes;
        Iterator<EventMeta> oldest = dead.values().iterator();
        while ((count > capacity || bytes > maxBytes) && oldest.hasNext()) {
            EventMeta letter = oldest.next();
            evict.add(letter);
            count--;
            bytes -= letter.bytes;
        }
        return evict;
    }

    /** A dead letter is gone: evicted, or replayed under a new id. */
    void removeDead(EventMeta letter) {
        if (dead.remove(letter.id) == null) {
            return;
        }
        deadBytes -= letter.bytes;
        PathIndex path = paths.get(letter.path);
        path.dead--;
        path.deadBytes -= letter.bytes;
        byId.remove(letter.id);
        if (letter.traceId != null) {
            byTraceId.remove(letter.traceId);
        }
    }

    /** The events a previous process left running or waiting, id order. */
    List<EventMeta> interrupted() {
        return byId.values().stream()
                .filter(e -> e.state == EventState.RUNNING || e.state == EventState.WAITING)
                .sorted((a, b) -> Long.compare(a.id, b.id))
                .toList();
    }

    /** An interrupted event is queued again, its attempts and retry time as they are. */
    void requeued(EventMeta event, Instant now) {
        event.state = EventState.QUEUED;
        event.leaseUntil = null;
        reindexKeyOf(event, now);
    }

    /**
     * The earliest future time at which a head of the path that waits for a time becomes due: a retry's time (even
     * while its worker's lease lasts: the worker resumes it then), or a not-yet-due event's.
     */
    Optional<Instant> nextDue(String pathName, Instant now) {
        PathIndex path = paths.get(pathName);
        if (path == null) {
            return Optional.empty();
        }
        Instant earliest = null;
        for (Slot slot : path.timed) {
            EventMeta head = path.keys.get(slot.key()).events.peekFirst();
            Instant due = head.state == EventState.RUNNING ? null : head.nextAttemptAt;
            if (due != null && due.isAfter(now) && (earliest == null || due.isBefore(earliest))) {
                earliest = due;
            }
        }
        return Optional.ofNullable(earliest);
    }

    /** The path's dead letters, oldest first. */
    List<EventMeta> deadOf(String pathName, int limit) {
        List<EventMeta> letters = new ArrayList<>();
        for (EventMeta letter : dead.values()) {
            if (letters.size() >= limit) {
                break;
            }
            if (letter.path.equals(pathName)) {
                letters.add(letter);
            }
        }
        return letters;
    }

    /** What the path holds. */
    PathStats stats(String pathName) {
        PathIndex path = paths.get(pathName);
        if (path == null) {
            return PathStats.EMPTY;
        }
        // A scan, not a sorted structure kept per event: stats are read now and then (metrics, the console),
        // while a sorted set of receive times would cost every held event ~60 bytes and every insert a log n.
        Instant oldest = null;
        for (KeyQueue queue : path.keys.values()) {
            for (EventMeta event : queue.events) {
                if (oldest == null || event.receivedAt.isBefore(oldest)) {
                    oldest = event.receivedAt;
                }
            }
        }
        return new PathStats(path.held, path.heldBytes, oldest, path.dead, path.deadBytes);
    }

    private void reindexKeyOf(EventMeta event, Instant now) {
        PathIndex path = paths.get(event.path);
        reindex(path, path.keys.get(event.groupKey), now);
    }

    /** Files the key under what its head waits for: nothing (ready), a time, or nothing at all (empty key). */
    private static void reindex(PathIndex path, KeyQueue queue, Instant now) {
        if (queue.slot != null) {
            path.timed.remove(queue.slot);
            queue.slot = null;
        }
        if (queue.readyId >= 0) {
            path.ready.remove(queue.readyId);
            queue.readyId = -1;
        }
        EventMeta head = queue.events.peekFirst();
        if (head == null) {
            path.keys.remove(queue.key);
            return;
        }
        Instant due = dueAt(head);
        if (due.isAfter(now)) {
            queue.slot = new Slot(due, head.id, queue.key);
            path.timed.add(queue.slot);
        } else {
            queue.readyId = head.id;
            path.ready.put(head.id, queue.key);
        }
    }

    /**
     * When a head may be claimed: a running one when its lease ends, a waiting one when its retry is due and its
     * worker's lease ended, any other when its attempt is due.
     */
    private static Instant dueAt(EventMeta head) {
        if (head.leaseUntil == null) {
            return head.nextAttemptAt;
        }
        if (head.state == EventState.RUNNING) {
            return head.leaseUntil;
        }
        return head.leaseUntil.isAfter(head.nextAttemptAt) ? head.leaseUntil : head.nextAttemptAt;
    }
}
