package io.ocean.store.postgres.internal;

import io.ocean.webhook.store.EventStoreException;
import io.ocean.webhook.store.InsertResult;
import io.ocean.webhook.store.InsertResult.Status;
import io.ocean.webhook.store.NewEvent;
import io.ocean.webhook.store.PendingInsert;
import io.ocean.webhook.store.StoreSettings;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Writes accepted events: requests hand their event to a queue, and writer threads commit whatever has gathered in
 * one transaction (group commit), so concurrent requests share the round trips and the WAL flush. A request's stage
 * completes after the commit.
 */
final class Inserter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Inserter.class);

    /** Events one transaction takes at most; {@code -Docean.store.postgres.batch=1} writes each alone (to measure). */
    static final int MAX_BATCH = Integer.getInteger("ocean.store.postgres.batch", 256);

    /** Writer threads: two keep one transaction filling while the other commits. */
    private static final int WRITERS = Integer.getInteger("ocean.store.postgres.writers", 2);

    /** Requests waiting beyond this are refused at once rather than queued behind a database that is not keeping up. */
    private static final int MAX_WAITING = 20_000;

    /** One request's event; {@code released} once its body no longer counts against the backlog (writer only). */
    private static final class Pending {
        private final NewEvent event;
        private final PendingInsert result;
        private boolean released;

        Pending(NewEvent event, PendingInsert result) {
            this.event = event;
            this.result = result;
        }

        NewEvent event() {
            return event;
        }

        PendingInsert result() {
            return result;
        }
    }

    private final Database database;
    private final Sql sql;
    private final StoreSettings settings;
    private final DatabaseClock clock;
    private final Consumer<Collection<String>> notifier;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
    /** Body bytes queued or being written, bounded by queueMaxBytes: a stalled database buffers no more. */
    private final AtomicLong waitingBytes = new AtomicLong();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    /** {@code notifier} is told the paths that got events, after each commit. */
    Inserter(Database database, Sql sql, StoreSettings settings, DatabaseClock clock,
             Consumer<Collection<String>> notifier) {
        this.database = database;
        this.sql = sql;
        this.settings = settings;
        this.clock = clock;
        this.notifier = notifier;
        for (int i = 0; i < WRITERS; i++) {
            Thread writer = new Thread(this::writeLoop, "ocean-store-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    CompletionStage<InsertResult> insert(NewEvent event) {
        PendingInsert result = new PendingInsert();
        int bytes = event.body().length;
        if (closed) {
            result.completeExceptionally(new EventStoreException("the event store is closed"));
        } else if (waitingBytes.addAndGet(bytes) > settings.queueMaxBytes()) {
            waitingBytes.addAndGet(-bytes);
            result.complete(new InsertResult(Status.FULL_BYTES, event.traceId()));
        } else {
            Pending pending = new Pending(event, result);
            if (!waiting.offer(pending)) {
                waitingBytes.addAndGet(-bytes);
                result.completeExceptionally(new EventStoreException(
                        "the event store is not keeping up: " + MAX_WAITING + " inserts are waiting"));
            } else if (closed && waiting.remove(pending)) {
                // Closed while it was queued, and the writers may have stopped already: nobody would answer it.
                waitingBytes.addAndGet(-bytes);
                result.completeExceptionally(new EventStoreException("the event store is closed"));
            }
        }
        return result;
    }

    /**
     * The writer is done with these: their bodies no longer count against the backlog. Each counts once, however many
     * of the writer's failure paths release it (otherwise the backlog would read low and let more in than the limit).
     */
    private void release(List<Pending> done) {
        long bytes = 0;
        for (Pending pending : done) {
            if (!pending.released) {
                pending.released = true;
                bytes += pending.event().body().length;
            }
        }
        waitingBytes.addAndGet(-bytes);
    }

    /** Body bytes queued or being written now (for tests). */
    long backlogBytes() {
        return waitingBytes.get();
    }

    /** Removes (and releases) the inserts their callers withdrew; true when there were any. */
    private boolean dropWithdrawn(List<Pending> batch) {
        List<Pending> withdrawn = new ArrayList<>();
        for (Pending pending : batch) {
            if (!pending.result().startCommit()) {
                withdrawn.add(pending);
            }
        }
        batch.removeAll(withdrawn);
        release(withdrawn);
        return !withdrawn.isEmpty();
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (!closed || !waiting.isEmpty()) {
            try {
                Pending first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, MAX_BATCH - 1);
                batch.removeIf(pending -> {
                    boolean drop = pending.result().withdrawn();
                    if (drop) {
                        release(List.of(pending));
                    }
                    return drop;
                });
                if (!batch.isEmpty()) {
                    write(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                // A writer must never die: every request in the batch gets the failure and the loop goes on (an
                // Error too: uncaught, it ended the thread with its batch's requests unanswered until their timeout).
                fail(batch, e);
                release(batch);
            } finally {
                batch.clear();
            }
        }
        // Taken off the queue, so that two writers stopping at once do not both answer and release the same ones.
        List<Pending> left = new ArrayList<>();
        waiting.drainTo(left);
        fail(left, new EventStoreException("the event store is closed"));
        release(left);
    }

    private void write(List<Pending> batch) {
        Map<Pending, InsertResult> results;
        try (Connection connection = database.connection()) {
            try {
                results = writeBatch(connection, batch);
                // Withdrawn while the batch was written (the sender was answered 503): it must not commit.
                while (dropWithdrawn(batch)) {
                    connection.rollback();
                    if (batch.isEmpty()) {
                        return;
                    }
                    results = writeBatch(connection, batch);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                Database.rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            EventStoreException failure = new EventStoreException("could not write " + batch.size()
                    + " event(s) to PostgreSQL: " + Database.rootMessage(e), e);
            fail(batch, failure);
            release(batch);
            if (isConnectionFailure(e)) {
                // The requests that queued up while this batch waited for a connection would wait as long again
                // for theirs: fail them now, so that a sender hears 503 within about one connection timeout.
                List<Pending> queued = new ArrayList<>();
                waiting.drainTo(queued);
                fail(queued, failure);
                release(queued);
            }
            return;
        }
        release(batch);
        Set<String> paths = new TreeSet<>();
        for (Pending pending : batch) {
            InsertResult result = results.get(pending);
            if (result.status() == Status.ACCEPTED) {
                paths.add(pending.event().path());
            }
            pending.result().complete(result);
        }
        if (!paths.isEmpty()) {
            notifier.accept(paths);
        }
    }

    /** Decides each event's outcome and writes the accepted ones; the caller commits. */
    private Map<Pending, InsertResult> writeBatch(Connection connection, List<Pending> batch) throws SQLException {
        // Delivery ids are dated on the database's clock, as the purge compares them: every process sees one window.
        Instant now = Rows.micros(clock.instant(connection));
        Map<Pending, InsertResult> results = new HashMap<>();
        List<Pending> candidates = firstOfEachDelivery(batch);
        // Duplicates first: a sender re-delivering to a full path hears "duplicate", not "full".
        Map<List<String>, String> duplicates = rememberDeliveryIds(connection, candidates, now);
        List<Pending> fresh = new ArrayList<>(candidates.size());
        for (Pending pending : candidates) {
            NewEvent event = pending.event();
            String first = event.deliveryId() == null ? null
                    : duplicates.get(List.of(event.path(), event.deliveryId()));
            if (first != null) {
                results.put(pending, new InsertResult(Status.DUPLICATE, first));
            } else {
                fresh.add(pending);
            }
        }
        List<Pending> accepted = withinLimits(connection, fresh, results);
        forgetRefused(connection, fresh, results);
        for (Pending pending : accepted) {
            results.put(pending, new InsertResult(Status.ACCEPTED, pending.event().traceId()));
        }
        if (!accepted.isEmpty()) {
            writeAccepted(connection, accepted);
        }
        // Later deliveries of an id that came twice in this batch share the first one's outcome.
        for (Pending pending : batch) {
            if (!results.containsKey(pending)) {
                InsertResult first = results.get(firstWithSameDelivery(batch, pending));
                results.put(pending, first.status() == Status.ACCEPTED
                        ? new InsertResult(Status.DUPLICATE, first.traceId()) : first);
            }
        }
        return results;
    }

    /** The delivery ids of events refused by a limit were remembered above; they must not count as seen. */
    private void forgetRefused(Connection connection, List<Pending> fresh, Map<Pending, InsertResult> results)
            throws SQLException {
        List<NewEvent> refused = new ArrayList<>();
        for (Pending pending : fresh) {
            if (results.containsKey(pending) && pending.event().deliveryId() != null) {
                refused.add(pending.event());
            }
        }
        if (refused.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.forgetRefusedDeliveryIds)) {
            ps.setArray(1, connection.createArrayOf("text", refused.stream().map(NewEvent::path).toArray()));
            ps.setArray(2, connection.createArrayOf("text", refused.stream().map(NewEvent::deliveryId).toArray()));
            ps.setArray(3, connection.createArrayOf("text", refused.stream().map(NewEvent::traceId).toArray()));
            ps.executeUpdate();
        }
    }

    private static List<Pending> firstOfEachDelivery(List<Pending> batch) {
        Map<List<String>, Pending> firsts = new LinkedHashMap<>();
        List<Pending> candidates = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            NewEvent event = pending.event();
            if (event.deliveryId() == null || firsts.putIfAbsent(List.of(event.path(), event.deliveryId()), pending) == null) {
                candidates.add(pending);
            }
        }
        return candidates;
    }

    private static Pending firstWithSameDelivery(List<Pending> batch, Pending later) {
        for (Pending pending : batch) {
            if (later.event().path().equals(pending.event().path())
                    && later.event().deliveryId().equals(pending.event().deliveryId())) {
                return pending;
            }
        }
        throw new IllegalStateException("no first delivery");
    }

    /**
     * Counts what each path holds now and lets events in while they fit. Other processes' uncommitted inserts are
     * not seen, so a path can overshoot its limits by what is being written concurrently (documented).
     */
    private List<Pending> withinLimits(Connection connection, List<Pending> candidates,
                                       Map<Pending, InsertResult> results) throws SQLException {
        if (candidates.isEmpty()) {
            return List.of();
        }
        Map<String, long[]> held = new HashMap<>();
        for (Pending pending : candidates) {
            held.put(pending.event().path(), new long[2]);
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.countHeld)) {
            ps.setArray(1, connection.createArrayOf("text", held.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] counts = held.get(rs.getString(1));
                    counts[0] = rs.getLong(2);
                    counts[1] = rs.getLong(3);
                }
            }
        }
        List<Pending> fit = new ArrayList<>(candidates.size());
        for (Pending pending : candidates) {
            long[] counts = held.get(pending.event().path());
            int bytes = pending.event().body().length;
            if (counts[0] >= settings.queueCapacity()) {
                results.put(pending, new InsertResult(Status.FULL_COUNT, pending.event().traceId()));
            } else if (counts[1] + bytes > settings.queueMaxBytes()) {
                results.put(pending, new InsertResult(Status.FULL_BYTES, pending.event().traceId()));
            } else {
                counts[0]++;
                counts[1] += bytes;
                fit.add(pending);
            }
        }
        return fit;
    }

    /**
     * Remembers the delivery ids of the batch; returns, for those already known within the window, the trace id of
     * their first delivery. A concurrent insert of the same id in another process waits for this one's commit and
     * then finds it.
     */
    private Map<List<String>, String> rememberDeliveryIds(Connection connection, List<Pending> events, Instant now)
            throws SQLException {
        List<NewEvent> withIds = new ArrayList<>();
        for (Pending pending : events) {
            if (pending.event().deliveryId() != null) {
                withIds.add(pending.event());
            }
        }
        // Sorted, like the keys: two writers with the same ids in another order would each hold one and wait for
        // the other's (a deadlock, and 503 for both batches).
        withIds.sort(Comparator.comparing(NewEvent::path).thenComparing(NewEvent::deliveryId));
        if (withIds.isEmpty()) {
            return Map.of();
        }
        int n = withIds.size();
        String[] paths = new String[n];
        String[] ids = new String[n];
        String[] traceIds = new String[n];
        String[] seenAt = new String[n];
        for (int i = 0; i < n; i++) {
            NewEvent event = withIds.get(i);
            paths[i] = event.path();
            ids[i] = event.deliveryId();
            traceIds[i] = event.traceId();
            seenAt[i] = now.toString();
        }
        Map<List<String>, String> known = new HashMap<>();
        for (NewEvent event : withIds) {
            known.put(List.of(event.path(), event.deliveryId()), "");
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.rememberDeliveryIds)) {
            ps.setArray(1, connection.createArrayOf("text", paths));
            ps.setArray(2, connection.createArrayOf("text", ids));
            ps.setArray(3, connection.createArrayOf("text", traceIds));
            ps.setArray(4, connection.createArrayOf("text", seenAt));
            Rows.setInstant(ps, 5, now.minus(settings.deduplicationWindow()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    known.remove(List.of(rs.getString(1), rs.getString(2)));
                }
            }
        }
        if (known.isEmpty()) {
            return Map.of();
        }
        Array duplicatePaths = connection.createArrayOf("text", known.keySet().stream().map(k -> k.get(0)).toArray());
        Array duplicateIds = connection.createArrayOf("text", known.keySet().stream().map(k -> k.get(1)).toArray());
        try (PreparedStatement ps = connection.prepareStatement(sql.firstDeliveries)) {
            ps.setArray(1, duplicatePaths);
            ps.setArray(2, duplicateIds);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    known.put(List.of(rs.getString(1), rs.getString(2)), rs.getString(3));
                }
            }
        }
        return known;
    }

    private void writeAccepted(Connection connection, List<Pending> accepted) throws SQLException {
        TreeSet<List<String>> keys = new TreeSet<>((a, b) -> {
            int byPath = a.get(0).compareTo(b.get(0));
            return byPath != 0 ? byPath : a.get(1).compareTo(b.get(1));
        });
        for (Pending pending : accepted) {
            keys.add(List.of(pending.event().path(), pending.event().groupKey()));
        }
        String[] keyPaths = keys.stream().map(k -> k.get(0)).toArray(String[]::new);
        String[] keyGroups = keys.stream().map(k -> k.get(1)).toArray(String[]::new);
        // The keys' rows first: an event's id is drawn after its key is locked, so within a key ids follow commits.
        try (PreparedStatement ps = connection.prepareStatement(sql.lockKeysForInsert)) {
            ps.setArray(1, connection.createArrayOf("text", keyPaths));
            ps.setArray(2, connection.createArrayOf("text", keyGroups));
            ps.executeUpdate();
        }
        // One statement for the whole batch: its events, and the head of each key this transaction created. Arrival
        // times are the runtime's; the time an event is first due is on the database's clock, which claims compare.
        Duration offset = clock.offset(connection);
        int n = accepted.size();
        Object[] traceIds = new Object[n];
        Object[] paths = new Object[n];
        Object[] groups = new Object[n];
        Object[] deliveryIds = new Object[n];
        Object[] receivedAt = new Object[n];
        Object[] headers = new Object[n];
        byte[][] bodies = new byte[n][];
        Object[] sizes = new Object[n];
        Object[] due = new Object[n];
        for (int i = 0; i < n; i++) {
            NewEvent event = accepted.get(i).event();
            traceIds[i] = event.traceId();
            paths[i] = event.path();
            groups[i] = event.groupKey();
            deliveryIds[i] = event.deliveryId();
            receivedAt[i] = Rows.micros(event.receivedAt()).toString();
            headers[i] = Rows.headersJson(event.headers());
            bodies[i] = event.body();
            sizes[i] = event.body().length;
            due[i] = Rows.micros(event.receivedAt().plus(offset)).toString();
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.insertEvents)) {
            ps.setArray(1, connection.createArrayOf("text", traceIds));
            ps.setArray(2, connection.createArrayOf("text", paths));
            ps.setArray(3, connection.createArrayOf("text", groups));
            ps.setArray(4, connection.createArrayOf("text", deliveryIds));
            ps.setArray(5, connection.createArrayOf("text", receivedAt));
            ps.setArray(6, connection.createArrayOf("text", headers));
            ps.setArray(7, connection.createArrayOf("bytea", bodies));
            ps.setArray(8, connection.createArrayOf("int4", sizes));
            ps.setArray(9, connection.createArrayOf("text", due));
            ps.executeUpdate();
        }
        for (Pending pending : accepted) {
            try (var ignored = MDC.putCloseable("traceId", pending.event().traceId())) {
                LOG.debug("Event committed to PostgreSQL on {}", pending.event().path());
            }
        }
    }

    /** Tells the other processes' listeners which paths got events; sent by PostgreSQL at commit. */
    static void notifyPaths(Connection connection, Sql sql, String instanceId, Collection<String> paths)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.notify)) {
            ps.setString(1, sql.channel);
            ps.setString(2, instanceId);
            ps.setArray(3, connection.createArrayOf("text", paths.toArray()));
            ps.executeQuery().close();
        }
    }

    /** No connection could be had, or it broke: SQLSTATE class 08, or the pool's timeout. */
    private static boolean isConnectionFailure(SQLException e) {
        return e instanceof SQLTransientConnectionException
                || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
    }

    private static void fail(List<Pending> batch, Throwable error) {
        for (Pending pending : batch) {
            pending.result().completeExceptionally(error);
        }
    }

    /** Writes what is waiting, then stops the writers. */
    @Override
    public void close() {
        closed = true;
        Database.joinWriters(writers);
    }
}
