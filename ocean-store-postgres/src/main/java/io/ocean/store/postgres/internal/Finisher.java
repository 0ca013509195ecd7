package io.ocean.store.postgres.internal;

import io.ocean.webhook.store.Claim;
import io.ocean.webhook.store.EventStoreException;
import io.ocean.webhook.store.StoreSettings;
import io.ocean.webhook.store.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Group commit for the writes that end a run: completions, retries, dead letters and hand-backs. Workers queue their
 * write and wait; a writer thread commits whatever gathered in one transaction of array-parameter statements (a handful
 * of round trips per batch instead of five per event), and answers each worker after the commit. Every row names
 * its claim's fencing token, so a write whose claim was taken over changes nothing and answers false, exactly as
 * when it ran alone.
 */
final class Finisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Finisher.class);

    /** Writes one transaction takes at most; {@code -Docean.store.postgres.finishBatch=1} writes each alone. */
    static final int MAX_BATCH = Integer.getInteger("ocean.store.postgres.finishBatch", 256);

    /**
     * Writer threads. Two, so that a worker's write starts at once while the other batch is on its way (these commits
     * do not wait for the disk, so a worker would otherwise wait for a whole batch's round trips before its own);
     * both lock keys in the same order, so they never deadlock each other.
     */
    private static final int WRITERS = Integer.getInteger("ocean.store.postgres.finishers", 2);

    /** A deadlock or serialization failure is retried this often, each write then alone. */
    private static final Set<String> RETRIED_STATES = Set.of("40P01", "40001");

    private static final Comparator<Finish> BY_KEY = Comparator.<Finish, String>comparing(f -> f.event().path())
            .thenComparing(f -> f.event().groupKey());

    enum Kind {
        COMPLETE("complete it"), WAIT("schedule its retry"), DEAD("dead-letter it"), RELEASE(null);

        /** What the warning about a refused write says; none for a hand-back, which is refused quietly. */
        private final String refusal;

        Kind(String refusal) {
            this.refusal = refusal;
        }
    }

    /** One worker's write; {@code at} is the retry time, {@code text} the error or reason. */
    record Finish(Kind kind, Claim claim, int attempts, Instant at, String text, boolean ran,
                  CompletableFuture<Boolean> answer) {

        Finish(Kind kind, Claim claim, int attempts, Instant at, String text, boolean ran) {
            this(kind, claim, attempts, at, text, ran, new CompletableFuture<>());
        }

        StoredEvent event() {
            return claim.event();
        }
    }

    private final Database database;
    private final Sql sql;
    private final StoreSettings settings;
    private final DatabaseClock clock;
    private final String instanceId;
    private final BlockingQueue<Finish> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong batches = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean closed;

    Finisher(Database database, Sql sql, StoreSettings settings, DatabaseClock clock, String instanceId) {
        this.database = database;
        this.sql = sql;
        this.settings = settings;
        this.clock = clock;
        this.instanceId = instanceId;
        for (int i = 0; i < WRITERS; i++) {
            Thread writer = new Thread(this::writeLoop, "ocean-store-finisher-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /** Queues the write and waits for its commit: true when written, false when the claim no longer holds. */
    boolean finish(Finish finish) {
        if (closed) {
            throw new EventStoreException("the event store is closed");
        }
        waiting.add(finish);
        if (closed && waiting.remove(finish)) {
            throw new EventStoreException("the event store is closed");
        }
        try {
            return finish.answer().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    private void writeLoop() {
        List<Finish> batch = new ArrayList<>();
        while (!closed || !waiting.isEmpty()) {
            try {
                Finish first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, MAX_BATCH - 1);
                write(batch, true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                // The writer must never die: every write of the batch gets the failure and the loop goes on. An
                // Error too (a driver's LinkageError, an OutOfMemoryError): uncaught, it ended the thread, and the
                // workers waiting for this batch's answers waited for good.
                fail(batch, e);
            } finally {
                batch.clear();
            }
        }
        List<Finish> left = new ArrayList<>();
        waiting.drainTo(left);
        fail(left, new EventStoreException("the event store is closed"));
    }

    /** Transactions written so far (for tests). */
    long batches() {
        return batches.get();
    }

    /** Writes waiting for the writer now (for tests). */
    int queued() {
        return waiting.size();
    }

    private void write(List<Finish> batch, boolean mayRetry) {
        batches.incrementAndGet();
        Set<Long> written;
        List<String[]> evicted = new ArrayList<>();
        try (Connection connection = database.connection()) {
            try {
                written = writeBatch(connection, batch, evicted);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                Database.rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            if (mayRetry && batch.size() > 1 && RETRIED_STATES.contains(e.getSQLState())) {
                LOG.debug("A batch of {} finishes met another transaction ({}); writing each alone", batch.size(),
                        Database.rootMessage(e));
                for (Finish finish : batch) {
                    write(List.of(finish), false);
                }
                return;
            }
            fail(batch, new EventStoreException("could not write " + batch.size() + " finished event(s) to "
                    + "PostgreSQL: " + Database.rootMessage(e), e));
            return;
        }
        PostgresEventStore.logEvicted(evicted, settings);
        for (Finish finish : batch) {
            boolean done = written.contains(finish.claim().token());
            if (!done && finish.kind().refusal != null) {
                refused(finish);
            }
            finish.answer().complete(done);
        }
    }

    /** Writes the batch; returns the tokens of the claims whose write took effect. The caller commits. */
    private Set<Long> writeBatch(Connection connection, List<Finish> batch, List<String[]> evicted)
            throws SQLException {
        List<Finish> sorted = new ArrayList<>(batch);
        sorted.sort(BY_KEY);
        // The lock statement also sets the commit not to wait for the WAL flush (Sql.RELAXED), as before the batching:
        // losing these in a crash of the PostgreSQL server can do no more than run an event once more.
        Set<Long> holding = lockKeys(connection, sorted);
        List<Finish> complete = new ArrayList<>();
        List<Finish> waits = new ArrayList<>();
        List<Finish> dead = new ArrayList<>();
        List<Finish> release = new ArrayList<>();
        for (Finish finish : sorted) {
            if (holding.contains(finish.claim().token())) {
                switch (finish.kind()) {
                    case COMPLETE -> complete.add(finish);
                    case WAIT -> waits.add(finish);
                    case DEAD -> dead.add(finish);
                    case RELEASE -> release.add(finish);
                }
            }
        }
        Set<Long> written = new HashSet<>();
        List<Finish> freed = new ArrayList<>();
        if (!complete.isEmpty()) {
            freed.addAll(written(complete, eventWrite(connection, sql.deleteEvents, complete), written));
        }
        List<Finish> deadWritten = List.of();
        if (!dead.isEmpty()) {
            deadWritten = written(dead, deadEvents(connection, dead), written);
            freed.addAll(deadWritten);
        }
        if (!waits.isEmpty()) {
            // The retry times are on this process's clock; leases and claims compare them on the database's.
            Duration offset = clock.offset(connection);
            waitKeys(connection, written(waits, waitEvents(connection, waits, offset), written), offset);
        }
        if (!release.isEmpty()) {
            List<Finish> released = written(release, releaseEvents(connection, release), written);
            if (!released.isEmpty()) {
                keyUpdate(connection, sql.releaseHeldKeys, released);
                Set<String> paths = new TreeSet<>();
                released.forEach(finish -> paths.add(finish.event().path()));
                Inserter.notifyPaths(connection, sql, instanceId, paths);
            }
        }
        if (!freed.isEmpty()) {
            freed.sort(BY_KEY);
            releaseKeys(connection, freed);
        }
        if (!deadWritten.isEmpty()) {
            forgetDeliveryIds(connection, deadWritten);
            PostgresEventStore.evictDeadLetters(connection, sql, settings, evicted);
        }
        return written;
    }

    /** Locks, in the given order, the keys still held by the batch's claims; returns those claims' tokens. */
    private Set<Long> lockKeys(Connection connection, List<Finish> sorted) throws SQLException {
        Set<Long> holding = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(sql.lockKeysHeldBy)) {
            ps.setArray(1, texts(connection, sorted, f -> f.event().path()));
            ps.setArray(2, texts(connection, sorted, f -> f.event().groupKey()));
            ps.setArray(3, tokens(connection, sorted));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    holding.add(rs.getLong(3));
                }
            }
        }
        return holding;
    }

    /** The finishes whose event the statement changed (their ids returned), their tokens added to written. */
    private static List<Finish> written(List<Finish> finishes, Set<Long> eventIds, Set<Long> written) {
        List<Finish> done = new ArrayList<>();
        for (Finish finish : finishes) {
            if (eventIds.contains(finish.event().id())) {
                done.add(finish);
                written.add(finish.claim().token());
            }
        }
        return done;
    }

    private Set<Long> eventWrite(Connection connection, String statement, List<Finish> finishes)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(statement)) {
            ps.setArray(1, ids(connection, finishes));
            ps.setArray(2, tokens(connection, finishes));
            return returnedIds(ps);
        }
    }

    private Set<Long> deadEvents(Connection connection, List<Finish> dead) throws SQLException {
        Instant now = Rows.micros(clock.instant(connection));
        try (PreparedStatement ps = connection.prepareStatement(sql.deadEvents)) {
            Rows.setInstant(ps, 1, now);
            ps.setArray(2, ids(connection, dead));
            ps.setArray(3, tokens(connection, dead));
            ps.setArray(4, texts(connection, dead, Finish::text));
            return returnedIds(ps);
        }
    }

    private Set<Long> waitEvents(Connection connection, List<Finish> waits, Duration offset) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.waitEvents)) {
            ps.setArray(1, ids(connection, waits));
            ps.setArray(2, tokens(connection, waits));
            ps.setArray(3, connection.createArrayOf("int4", waits.stream().map(Finish::attempts).toArray()));
            ps.setArray(4, times(connection, waits, offset));
            ps.setArray(5, texts(connection, waits, Finish::text));
            return returnedIds(ps);
        }
    }

    private void waitKeys(Connection connection, List<Finish> waited, Duration offset) throws SQLException {
        if (waited.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.waitKeys)) {
            ps.setArray(1, texts(connection, waited, f -> f.event().path()));
            ps.setArray(2, texts(connection, waited, f -> f.event().groupKey()));
            ps.setArray(3, tokens(connection, waited));
            ps.setArray(4, times(connection, waited, offset));
            ps.executeUpdate();
        }
    }

    private Set<Long> releaseEvents(Connection connection, List<Finish> release) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.releaseEvents)) {
            ps.setArray(1, ids(connection, release));
            ps.setArray(2, tokens(connection, release));
            // A run that never called handleEvent does not count as an attempt.
            ps.setArray(3, connection.createArrayOf("int4", release.stream().map(f -> f.ran() ? 0 : 1).toArray()));
            return returnedIds(ps);
        }
    }

    private void keyUpdate(Connection connection, String statement, List<Finish> finishes) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(statement)) {
            ps.setArray(1, texts(connection, finishes, f -> f.event().path()));
            ps.setArray(2, texts(connection, finishes, f -> f.event().groupKey()));
            ps.setArray(3, tokens(connection, finishes));
            ps.executeUpdate();
        }
    }

    private void releaseKeys(Connection connection, List<Finish> freed) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.releaseKeys)) {
            ps.setArray(1, texts(connection, freed, f -> f.event().path()));
            ps.setArray(2, texts(connection, freed, f -> f.event().groupKey()));
            ps.executeUpdate();
        }
    }

    /** A dead letter's delivery id is forgotten, so that the sender's re-delivery is accepted as new. */
    private void forgetDeliveryIds(Connection connection, List<Finish> dead) throws SQLException {
        List<Finish> withIds = dead.stream().filter(f -> f.event().deliveryId() != null).toList();
        if (withIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.forgetRefusedDeliveryIds)) {
            ps.setArray(1, texts(connection, withIds, f -> f.event().path()));
            ps.setArray(2, texts(connection, withIds, f -> f.event().deliveryId()));
            ps.setArray(3, texts(connection, withIds, f -> f.event().traceId()));
            ps.executeUpdate();
        }
    }

    private static Set<Long> returnedIds(PreparedStatement ps) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static java.sql.Array texts(Connection connection, List<Finish> finishes, Function<Finish, String> field)
            throws SQLException {
        return connection.createArrayOf("text", finishes.stream().map(field).toArray());
    }

    private static java.sql.Array ids(Connection connection, List<Finish> finishes) throws SQLException {
        return connection.createArrayOf("int8", finishes.stream().map(f -> f.event().id()).toArray());
    }

    private static java.sql.Array tokens(Connection connection, List<Finish> finishes) throws SQLException {
        return connection.createArrayOf("int8", finishes.stream().map(f -> f.claim().token()).toArray());
    }

    /** The finishes' retry times moved onto the database's clock by {@code offset}. */
    private static java.sql.Array times(Connection connection, List<Finish> finishes, Duration offset)
            throws SQLException {
        return connection.createArrayOf("text",
                finishes.stream().map(f -> Rows.micros(f.at().plus(offset)).toString()).toArray());
    }

    private static void refused(Finish finish) {
        try (var ignored = MDC.putCloseable("traceId", finish.claim().traceId())) {
            LOG.warn("Refused to {}: its claim (token {}) was taken over by another worker after its lease ran out",
                    finish.kind().refusal, finish.claim().token());
        }
    }

    private static void fail(List<Finish> batch, Throwable error) {
        for (Finish finish : batch) {
            finish.answer().completeExceptionally(error);
        }
    }

    /** Writes what is waiting, then stops the writers. */
    @Override
    public void close() {
        closed = true;
        Database.joinWriters(writers);
    }
}
