package io.ocean.webhook.internal.store;

import io.ocean.webhook.store.Claim;
import io.ocean.webhook.store.EventState;
import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStoreException;
import io.ocean.webhook.store.InsertResult;
import io.ocean.webhook.store.NewEvent;
import io.ocean.webhook.store.PathStats;
import io.ocean.webhook.store.ReplayResult;
import io.ocean.webhook.store.StoreSettings;
import io.ocean.webhook.store.StoredEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The default engine: {@code <stateDir>/events.db}, SQLite in WAL mode with {@code synchronous=FULL}, so a
 * committed event survives a crash of the process or the machine. One {@link GroupCommitWriter} thread owns the
 * connection and commits concurrent inserts together. Only this process uses the file (a lock file makes sure), so
 * an in-memory {@link EventIndex} of every event's metadata — no bodies — answers claims and limits without a scan;
 * bodies are read only for claimed events, {@link #find} and dead-letter listings.
 */
public final class SqliteEventStore implements EventStore {

    /** The database file's name inside the state directory. */
    public static final String FILE = "events.db";
    /** Where the SQLite native library is extracted, inside the state directory. */
    static final String NATIVE_DIR = "native";

    private static final Logger log = LoggerFactory.getLogger(SqliteEventStore.class);

    private final Object indexLock = new Object();
    private EventIndex index = new EventIndex();
    private StoreSettings settings;
    private StateDirectory stateDir;
    private Connection connection;
    private GroupCommitWriter writer;
    private Statements sql;
    private volatile boolean closed;

    @Override
    public void open(StoreSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (this.settings != null) {
            throw new EventStoreException("the SQLite event store is already open; a store is opened once");
        }
        StateDirectory dir = StateDirectory.acquire(settings.stateDir());
        Path file = dir.path().resolve(FILE);
        try {
            useNativeLibraryUnder(dir.path());
            StateDirectory.createPrivateFile(file);
            Connection opened = DriverManager.getConnection("jdbc:sqlite:" + file);
            try {
                configure(opened);
                SqliteSchema.migrate(opened, file);
                StateDirectory.restrict(dir.path().resolve(FILE + "-wal"));
                StateDirectory.restrict(dir.path().resolve(FILE + "-shm"));
                this.sql = new Statements(opened);
                this.index = load(opened, settings.clock().instant());
            } catch (SQLException | RuntimeException e) {
                opened.close();
                throw e;
            }
            this.connection = opened;
            this.stateDir = dir;
            this.settings = settings;
            this.writer = new GroupCommitWriter(opened, indexLock, this::rebuildIndex,
                    "ocean-event-store-writer");
            log.info("event store open: {} ({} events held, {} dead letters)", file, heldCount(), deadCount());
        } catch (SQLException e) {
            dir.close();
            throw new EventStoreException("cannot open the event store " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    /**
     * sqlite-jdbc extracts its native library to {@code org.sqlite.tmpdir} (else {@code java.io.tmpdir}, which may
     * be mounted {@code noexec}). The property is JVM-global and read once, when the driver first loads: the first
     * store opened in a JVM decides, and a value the user set is kept.
     */
    private static void useNativeLibraryUnder(Path stateDir) {
        if (System.getProperty("org.sqlite.tmpdir") == null && System.getProperty("org.sqlite.lib.path") == null) {
            Path nativeDir = stateDir.resolve(NATIVE_DIR);
            StateDirectory.createPrivateDirectory(nativeDir);
            System.setProperty("org.sqlite.tmpdir", nativeDir.toString());
        }
    }

    private static void configure(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            // FULL: the WAL is fsynced at every commit, so a committed event survives a power cut, not only a crash.
            statement.execute("PRAGMA synchronous = FULL");
            statement.execute("PRAGMA busy_timeout = 5000");
        }
        connection.setAutoCommit(false);
    }

    private static EventIndex load(Connection from, Instant now) throws SQLException {
        EventIndex loaded = new EventIndex();
        Map<String, String> paths = new HashMap<>();
        try (Statement statement = from.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT " + SqliteRows.META_COLUMNS
                    + " FROM events WHERE state <> 'DEAD' ORDER BY id")) {
                while (rows.next()) {
                    loaded.add(SqliteRows.meta(rows, paths), now);
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT " + SqliteRows.META_COLUMNS
                    + " FROM events WHERE state = 'DEAD' ORDER BY failed_at, id")) {
                while (rows.next()) {
                    loaded.add(SqliteRows.meta(rows, paths), now);
                }
            }
        }
        from.commit();
        return loaded;
    }

    /** After a failed write: the index again says exactly what the database holds; tokens never go back. */
    private void rebuildIndex() {
        try {
            EventIndex rebuilt = load(connection, settings.clock().instant());
            rebuilt.raiseTokens(index.lastToken());
            index = rebuilt;
        } catch (SQLException e) {
            throw new EventStoreException("cannot reload the event store index: " + e.getMessage(), e);
        }
    }

    @Override
    public CompletionStage<InsertResult> insert(NewEvent event) {
        Objects.requireNonNull(event, "event");
        if (writer == null) {
            return CompletableFuture.failedFuture(notOpen());
        }
        // Written as JSON on the caller's thread: the one writer thread is what every insert waits for.
        String headers;
        try {
            headers = SqliteRows.headers(event.headers());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return writer.submit(connection -> {
            Instant now = settings.clock().instant();
            if (event.deliveryId() != null) {
                String first = sql.firstTraceId(event.path(), event.deliveryId(), now,
                        settings.deduplicationWindow());
                if (first != null) {
                    return new InsertResult(InsertResult.Status.DUPLICATE, first);
                }
            }
            InsertResult.Status refusal = index.refusal(event.path(), event.body().length,
                    settings.queueCapacity(), settings.queueMaxBytes());
            if (refusal != null) {
                return new InsertResult(refusal, event.traceId());
            }
            EventMeta meta = new EventMeta(index.nextId(), null, event.path(), event.groupKey(), null,
                    event.receivedAt(), event.body().length, 0, event.receivedAt(), EventState.QUEUED, null, null, 0,
                    null);
            sql.insert(meta, event.traceId(), event.deliveryId(), null, headers, event.body());
            if (event.deliveryId() != null) {
                sql.rememberDeliveryId(event.path(), event.deliveryId(), event.traceId(), now);
            }
            index.add(meta, now);
            return new InsertResult(InsertResult.Status.ACCEPTED, event.traceId());
        });
    }

    @Override
    public void restore(StoredEvent event) {
        restoreAll(List.of(event));
    }

    /** Restores the events in one transaction. */
    @Override
    public void restoreAll(List<StoredEvent> events) {
        List<StoredEvent> all = List.copyOf(events);
        call(connection -> {
            Instant now = settings.clock().instant();
            for (StoredEvent event : all) {
                // A restored running event has no live worker: it is held, and claimable at once.
                EventState state = event.state() == EventState.RUNNING ? EventState.QUEUED : event.state();
                EventMeta meta = new EventMeta(index.nextId(), null, event.path(), event.groupKey(), null,
                        event.receivedAt(), event.body().length, event.attempts(), event.nextAttemptAt(), state, null,
                        event.failedAt(), 0, null);
                sql.insert(meta, event.traceId(), event.deliveryId(), event.lastError(),
                        SqliteRows.headers(event.headers()), event.body());
                if (state != EventState.DEAD && event.deliveryId() != null) {
                    sql.rememberDeliveryId(event.path(), event.deliveryId(), event.traceId(), now);
                }
                index.add(meta, now);
            }
            evictDead();
            return null;
        });
    }

    @Override
    public List<Claim> claim(String path, int max, Duration lease) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(lease, "lease");
        return call(connection -> {
            Instant now = settings.clock().instant();
            List<Claim> claims = new ArrayList<>();
            for (EventMeta head : index.claimable(path, max, now)) {
                long token = index.nextToken();
                Instant leaseUntil = now.plus(lease);
                sql.claim(head.id, token, leaseUntil);
                index.claimed(head, token, leaseUntil, now);
                claims.add(new Claim(sql.event(head.id), token, leaseUntil));
            }
            return claims;
        });
    }

    @Override
    public boolean renew(Claim claim, Duration lease) {
        Objects.requireNonNull(lease, "lease");
        return call(connection -> {
            EventMeta event = index.owned(claim);
            if (event == null || event.state != EventState.RUNNING) {
                return false;
            }
            Instant now = settings.clock().instant();
            sql.renew(event.id, now.plus(lease));
            index.renewed(event, now.plus(lease), now);
            return true;
        });
    }

    @Override
    public boolean complete(Claim claim) {
        return call(connection -> {
            EventMeta event = index.owned(claim);
            if (event == null) {
                return false;
            }
            sql.delete(event.id);
            index.removeHeld(event, settings.clock().instant());
            return true;
        });
    }

    @Override
    public boolean waitForRetry(Claim claim, int attempts, Instant nextAttemptAt, String error) {
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        return call(connection -> {
            EventMeta event = index.owned(claim);
            if (event == null) {
                return false;
            }
            sql.waiting(event.id, attempts, nextAttemptAt, error);
            index.waiting(event, attempts, nextAttemptAt, error, settings.clock().instant());
            return true;
        });
    }

    @Override
    public boolean deadLetter(Claim claim, String reason) {
        return call(connection -> {
            EventMeta event = index.owned(claim);
            if (event == null) {
                return false;
            }
            Instant now = settings.clock().instant();
            sql.forgetDeliveryIdOf(event.id);
            sql.dead(event.id, reason, now);
            index.died(event, null, now, now);
            evictDead();
            return true;
        });
    }

    @Override
    public int recover() {
        return call(connection -> {
            Instant now = settings.clock().instant();
            List<EventMeta> interrupted = index.interrupted();
            sql.requeueInterrupted();
            interrupted.forEach(event -> index.requeued(event, now));
            return interrupted.size();
        });
    }

    @Override
    public Optional<Instant> nextDue(String path) {
        requireOpen();
        synchronized (indexLock) {
            return index.nextDue(path, settings.clock().instant());
        }
    }

    @Override
    public List<StoredEvent> deadLetters(String path, int limit) {
        return call(connection -> {
            List<StoredEvent> letters = new ArrayList<>();
            for (EventMeta letter : index.deadOf(path, limit)) {
                letters.add(sql.event(letter.id));
            }
            return letters;
        });
    }

    @Override
    public Optional<StoredEvent> find(String traceId) {
        return call(connection -> {
            Long id = sql.idOf(traceId);
            return id == null ? Optional.<StoredEvent>empty() : Optional.of(sql.event(id));
        });
    }

    @Override
    public ReplayResult replay(String traceId) {
        return call(connection -> {
            Instant now = settings.clock().instant();
            Long held = sql.idOf(traceId);
            EventMeta letter = held == null ? null : index.byId(held);
            if (letter == null || letter.state != EventState.DEAD) {
                return ReplayResult.NOT_FOUND;
            }
            if (index.refusal(letter.path, letter.bytes, settings.queueCapacity(), settings.queueMaxBytes())
                    != null) {
                return ReplayResult.FULL;
            }
            long id = index.nextId();
            sql.replay(letter.id, id, now);
            index.removeDead(letter);
            index.add(new EventMeta(id, null, letter.path, letter.groupKey, null, letter.receivedAt, letter.bytes, 0,
                    now, EventState.QUEUED, null, null, 0, null), now);
            return ReplayResult.REPLAYED;
        });
    }

    @Override
    public PathStats stats(String path) {
        requireOpen();
        synchronized (indexLock) {
            return index.stats(path);
        }
    }

    @Override
    public long purgeDeliveryIds() {
        return call(connection -> sql.purgeDeliveryIds(settings.clock().instant(), settings.deduplicationWindow()));
    }

    /** Commits what was queued, stops the writer, closes the database and releases the state directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (writer == null) {
            return;
        }
        writer.close();
        log.info("event store closed: {}", writer.summary());
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing the event store database failed: {}", e.toString());
        }
        stateDir.close();
    }

    /** Evicts the oldest dead letters past the bounds; on the writer thread, inside the caller's work. */
    private void evictDead() throws SQLException {
        for (EventMeta letter : index.overflowingDead(settings.deadLetterCapacity(),
                settings.deadLetterMaxBytes())) {
            String traceId = sql.traceIdOf(letter.id);
            sql.delete(letter.id);
            index.removeDead(letter);
            try (MDC.MDCCloseable trace = MDC.putCloseable("traceId", traceId)) {
                log.warn("dead letters are over their bounds ({} letters, {} bytes); evicted the oldest, path={} "
                                + "traceId={}", settings.deadLetterCapacity(), settings.deadLetterMaxBytes(),
                        letter.path, traceId);
            }
        }
    }

    private <T> T call(GroupCommitWriter.Work<T> work) {
        requireOpen();
        try {
            return writer.submit(work).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EventStoreException failure) {
                throw failure;
            }
            throw new EventStoreException("the event store failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreException("interrupted while waiting for the event store", e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new EventStoreException("the SQLite event store is closed");
        }
        if (writer == null) {
            throw notOpen();
        }
    }

    private static EventStoreException notOpen() {
        return new EventStoreException("the SQLite event store is not open; call open(settings) first");
    }

    /** How many transactions the writer committed so far; for tests and benchmarks of group commit. */
    long commits() {
        return writer == null ? 0 : writer.commits();
    }

    private long heldCount() {
        return index.heldTotal();
    }

    private long deadCount() {
        return index.deadTotal();
    }

    /** The prepared statements, made once and used by the writer thread only. */
    private static final class Statements {
        private final PreparedStatement insert;
        private final PreparedStatement selectById;
        private final PreparedStatement claim;
        private final PreparedStatement renew;
        private final PreparedStatement delete;
        private final PreparedStatement waiting;
        private final PreparedStatement dead;
        private final PreparedStatement requeue;
        private final PreparedStatement replay;
        private final PreparedStatement seenDeliveryId;
        private final PreparedStatement rememberDeliveryId;
        private final PreparedStatement forgetDeliveryId;
        private final PreparedStatement purgeDeliveryIds;
        private final PreparedStatement idOf;
        private final PreparedStatement keysOf;

        Statements(Connection connection) throws SQLException {
            insert = connection.prepareStatement("INSERT INTO events (id, trace_id, path, group_key, delivery_id, "
                    + "received_at, headers, body, body_bytes, attempts, next_attempt_at, state, last_error, "
                    + "failed_at, token, lease_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL)");
            selectById = connection.prepareStatement("SELECT " + SqliteRows.EVENT_COLUMNS
                    + " FROM events WHERE id = ?");
            claim = connection.prepareStatement("UPDATE events SET state = 'RUNNING', attempts = attempts + 1, "
                    + "token = ?, lease_until = ? WHERE id = ?");
            renew = connection.prepareStatement("UPDATE events SET lease_until = ? WHERE id = ?");
            delete = connection.prepareStatement("DELETE FROM events WHERE id = ?");
            waiting = connection.prepareStatement("UPDATE events SET state = 'WAITING', attempts = ?, "
                    + "next_attempt_at = ?, last_error = ?, lease_until = NULL WHERE id = ?");
            dead = connection.prepareStatement("UPDATE events SET state = 'DEAD', last_error = ?, failed_at = ?, "
                    + "lease_until = NULL WHERE id = ?");
            requeue = connection.prepareStatement("UPDATE events SET state = 'QUEUED', lease_until = NULL "
                    + "WHERE state IN ('RUNNING', 'WAITING')");
            replay = connection.prepareStatement("UPDATE events SET id = ?, state = 'QUEUED', attempts = 0, "
                    + "next_attempt_at = ?, last_error = NULL, failed_at = NULL, token = 0, lease_until = NULL "
                    + "WHERE id = ?");
            seenDeliveryId = connection.prepareStatement("SELECT trace_id, seen_at FROM delivery_ids "
                    + "WHERE path = ? AND delivery_id = ?");
            rememberDeliveryId = connection.prepareStatement("INSERT OR REPLACE INTO delivery_ids "
                    + "(path, delivery_id, trace_id, seen_at) VALUES (?, ?, ?, ?)");
            forgetDeliveryId = connection.prepareStatement("DELETE FROM delivery_ids "
                    + "WHERE path = ? AND delivery_id = ? AND trace_id = ?");
            purgeDeliveryIds = connection.prepareStatement("DELETE FROM delivery_ids WHERE seen_at <= ?");
            idOf = connection.prepareStatement("SELECT id FROM events WHERE trace_id = ?");
            keysOf = connection.prepareStatement("SELECT trace_id, path, delivery_id FROM events WHERE id = ?");
        }

        void insert(EventMeta meta, String traceId, String deliveryId, String lastError,
                    String headersJson, byte[] body) throws SQLException {
            insert.setLong(1, meta.id);
            insert.setString(2, traceId);
            insert.setString(3, meta.path);
            insert.setString(4, meta.groupKey);
            insert.setString(5, deliveryId);
            SqliteRows.setInstant(insert, 6, meta.receivedAt);
            insert.setString(7, headersJson);
            insert.setBytes(8, body);
            insert.setLong(9, meta.bytes);
            insert.setInt(10, meta.attempts);
            SqliteRows.setInstant(insert, 11, meta.nextAttemptAt);
            insert.setString(12, meta.state.name());
            insert.setString(13, lastError);
            SqliteRows.setInstant(insert, 14, meta.failedAt);
            insert.executeUpdate();
        }

        StoredEvent event(long id) throws SQLException {
            selectById.setLong(1, id);
            try (ResultSet row = selectById.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("event " + id + " is in the index but not in the database");
                }
                return SqliteRows.event(row);
            }
        }

        void claim(long id, long token, Instant leaseUntil) throws SQLException {
            claim.setLong(1, token);
            SqliteRows.setInstant(claim, 2, leaseUntil);
            claim.setLong(3, id);
            expectOne(claim.executeUpdate(), id);
        }

        void renew(long id, Instant leaseUntil) throws SQLException {
            SqliteRows.setInstant(renew, 1, leaseUntil);
            renew.setLong(2, id);
            expectOne(renew.executeUpdate(), id);
        }

        void delete(long id) throws SQLException {
            delete.setLong(1, id);
            expectOne(delete.executeUpdate(), id);
        }

        void waiting(long id, int attempts, Instant nextAttemptAt, String error) throws SQLException {
            waiting.setInt(1, attempts);
            SqliteRows.setInstant(waiting, 2, nextAttemptAt);
            waiting.setString(3, error);
            waiting.setLong(4, id);
            expectOne(waiting.executeUpdate(), id);
        }

        void dead(long id, String reason, Instant failedAt) throws SQLException {
            dead.setString(1, reason);
            SqliteRows.setInstant(dead, 2, failedAt);
            dead.setLong(3, id);
            expectOne(dead.executeUpdate(), id);
        }

        void requeueInterrupted() throws SQLException {
            requeue.executeUpdate();
        }

        void replay(long oldId, long newId, Instant now) throws SQLException {
            replay.setLong(1, newId);
            SqliteRows.setInstant(replay, 2, now);
            replay.setLong(3, oldId);
            expectOne(replay.executeUpdate(), oldId);
        }

        String firstTraceId(String path, String deliveryId, Instant now, Duration window) throws SQLException {
            seenDeliveryId.setString(1, path);
            seenDeliveryId.setString(2, deliveryId);
            try (ResultSet row = seenDeliveryId.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                Instant seenAt = SqliteRows.instant(row.getLong(2));
                return seenAt.plus(window).isAfter(now) ? row.getString(1) : null;
            }
        }

        void rememberDeliveryId(String path, String deliveryId, String traceId, Instant now) throws SQLException {
            rememberDeliveryId.setString(1, path);
            rememberDeliveryId.setString(2, deliveryId);
            rememberDeliveryId.setString(3, traceId);
            SqliteRows.setInstant(rememberDeliveryId, 4, now);
            rememberDeliveryId.executeUpdate();
        }

        /** Forgets the event's delivery id, if it has one and no later delivery took it over. */
        void forgetDeliveryIdOf(long id) throws SQLException {
            keysOf.setLong(1, id);
            try (ResultSet row = keysOf.executeQuery()) {
                if (!row.next() || row.getString(3) == null) {
                    return;
                }
                forgetDeliveryId.setString(1, row.getString(2));
                forgetDeliveryId.setString(2, row.getString(3));
                forgetDeliveryId.setString(3, row.getString(1));
            }
            forgetDeliveryId.executeUpdate();
        }

        /** The id of the event with this trace id, or null. */
        Long idOf(String traceId) throws SQLException {
            idOf.setString(1, traceId);
            try (ResultSet row = idOf.executeQuery()) {
                return row.next() ? row.getLong(1) : null;
            }
        }

        String traceIdOf(long id) throws SQLException {
            keysOf.setLong(1, id);
            try (ResultSet row = keysOf.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }

        long purgeDeliveryIds(Instant now, Duration window) throws SQLException {
            SqliteRows.setInstant(purgeDeliveryIds, 1, now.minus(window));
            return purgeDeliveryIds.executeUpdate();
        }

        private static void expectOne(int updated, long id) throws SQLException {
            if (updated != 1) {
                throw new SQLException("event " + id + " is in the index but not in the database");
            }
        }
    }
}
