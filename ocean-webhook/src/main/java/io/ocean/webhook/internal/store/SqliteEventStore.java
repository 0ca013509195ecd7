package io.ocean.webhook.internal.store;

import io.ocean.webhook.store.Claim;
import io.ocean.webhook.store.DeadLetterCount;
import io.ocean.webhook.store.EventPage;
import io.ocean.webhook.store.EventQuery;
import io.ocean.webhook.store.EventState;
import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStoreException;
import io.ocean.webhook.store.InsertResult;
import io.ocean.webhook.store.NewEvent;
import io.ocean.webhook.store.PathStats;
import io.ocean.webhook.store.PendingInsert;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The default engine: {@code <stateDir>/events.db}, SQLite in WAL mode. Every answer waits for an {@code fdatasync}
 * of the WAL that started after its commit, so an answered event survives a crash of the process or the machine as
 * with {@code synchronous=FULL}; the connection itself commits with {@code synchronous=NORMAL} and the sync runs on
 * a thread of its own ({@link WalSyncer}), so the writer goes on with the next batch meanwhile. One
 * {@link GroupCommitWriter} thread owns the connection and commits concurrent inserts together. Only this process
 * uses the file (a lock file makes sure), so an in-memory {@link EventIndex} of every event's metadata — no bodies —
 * answers claims and limits without a scan; bodies are read only for claimed events, {@link #find} and dead-letter
 * listings.
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
    private SqliteCheckpointer checkpointer;
    private volatile SqliteReader reader;
    private SqliteStatements sql;
    private volatile boolean closed;
    private final AtomicLong backlogBytes = new AtomicLong();
    /** The paused paths, as the {@code paused_paths} table holds them; written on the writer thread. */
    private final Set<String> paused = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Makes the WAL durable; a test replaces it to hold back or fail the syncs. */
    private final java.util.function.Function<Path, WalSyncer.Sync> syncs;
    private WalSyncer.Sync sync;

    /** The default engine, syncing {@code events.db-wal} itself. */
    public SqliteEventStore() {
        this(WalFile::new);
    }

    /** With another sync of the WAL (given the WAL's path): for tests of what waits for the disk. */
    SqliteEventStore(java.util.function.Function<Path, WalSyncer.Sync> syncs) {
        this.syncs = Objects.requireNonNull(syncs, "syncs");
    }

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
                this.sql = new SqliteStatements(opened);
                this.index = load(opened, settings.clock().instant());
                loadPaused(opened);
                // after the migration: the reader's queries need its indexes
                this.reader = SqliteReader.open(file);
                // From here on a commit does not fsync: the syncer does, before any answer (see WalSyncer). Out of
                // a transaction: SQLite refuses to change the level inside one.
                opened.setAutoCommit(true);
                try (Statement statement = opened.createStatement()) {
                    statement.execute("PRAGMA synchronous = NORMAL");
                }
                opened.setAutoCommit(false);
            } catch (SQLException | RuntimeException e) {
                closeQuietly(reader);
                reader = null;
                opened.close();
                throw e;
            }
            this.connection = opened;
            this.stateDir = dir;
            this.settings = settings;
            this.sync = syncs.apply(dir.path().resolve(FILE + "-wal"));
            this.writer = new GroupCommitWriter(opened, indexLock, this::rebuildIndex,
                    "ocean-event-store-writer", sync);
            try {
                this.checkpointer = new SqliteCheckpointer(file, writer::commits);
            } catch (SQLException | RuntimeException e) {
                writer.close();
                writer = null;
                closeSync();
                closeQuietly(reader);
                reader = null;
                opened.close();
                throw e;
            }
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
            // FULL while the store opens (the migration's commit is synced); NORMAL once the syncer runs.
            statement.execute("PRAGMA synchronous = FULL");
            statement.execute("PRAGMA busy_timeout = 5000");
            // The checkpoints run on their own thread (SqliteCheckpointer); the writer checkpoints itself only as a
            // backstop, when the WAL passes ~40 MB (10 000 pages) because the background one fell behind.
            statement.execute("PRAGMA wal_autocheckpoint = 10000");
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

    /**
     * After a failed write: the index and the paused paths again say exactly what the database holds; tokens never
     * go back.
     */
    private void rebuildIndex() {
        try {
            EventIndex rebuilt = load(connection, settings.clock().instant());
            rebuilt.raiseTokens(index.lastToken());
            Set<String> pausedNow = new java.util.HashSet<>();
            readPaused(connection, pausedNow);
            connection.commit();
            index = rebuilt;
            paused.retainAll(pausedNow);
            paused.addAll(pausedNow);
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
        // The bodies waiting for the writer are bounded like a path's queue: past queueMaxBytes a stalled disk
        // answers 503 at once instead of buffering (a withdrawn insert counts until the writer drops it).
        int bytes = event.body().length;
        if (backlogBytes.addAndGet(bytes) > settings.queueMaxBytes()) {
            backlogBytes.addAndGet(-bytes);
            return CompletableFuture.completedFuture(new InsertResult(InsertResult.Status.FULL_BYTES, event.traceId()));
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
        }, new PendingInsert(), () -> backlogBytes.addAndGet(-bytes));
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
            if (paused.contains(path)) {
                return claims; // held, not handed out: a paused path's events wait for its resume
            }
            for (EventMeta head : index.claimable(path, max, now)) {
                long token = index.nextToken();
                Instant leaseUntil = now.plus(lease);
                sql.claim(head.id, token, leaseUntil, now);
                index.claimed(head, token, leaseUntil, now);
                claims.add(new Claim(sql.event(head.id), token, leaseUntil, head.firstClaimedAt));
            }
            return claims;
        });
    }

    @Override
    public boolean renew(Claim claim, Duration lease) {
        Objects.requireNonNull(lease, "lease");
        return call(connection -> {
            EventMeta event = index.owned(claim);
            if (event == null) {
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
    public Optional<Claim> resume(Claim waiting, Duration lease) {
        Objects.requireNonNull(lease, "lease");
        return call(connection -> {
            EventMeta event = index.owned(waiting);
            if (event == null || event.state != EventState.WAITING) {
                return Optional.<Claim>empty();
            }
            Instant now = settings.clock().instant();
            long token = index.nextToken();
            Instant leaseUntil = now.plus(lease);
            sql.claim(event.id, token, leaseUntil, now);
            index.claimed(event, token, leaseUntil, now);
            return Optional.of(new Claim(sql.event(event.id), token, leaseUntil, event.firstClaimedAt));
        });
    }

    @Override
    public boolean release(Claim claim, boolean ran) {
        return call(connection -> {
            EventMeta event = index.owned(claim);
            if (event == null) {
                return false;
            }
            index.released(event, ran, index.nextToken(), settings.clock().instant());
            sql.release(event);
            return true;
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

    /** From the read-only connection: neither the writer thread nor the index lock is taken. */
    @Override
    public EventPage query(EventQuery query) {
        return requireReader().query(query);
    }

    /** Counted on an index by the read-only connection. */
    @Override
    public List<DeadLetterCount> deadLetterCounts(Collection<String> paths) {
        return requireReader().deadLetterCounts(java.util.List.copyOf(paths));
    }

    @Override
    public boolean discard(String traceId) {
        return call(connection -> {
            Long id = sql.idOf(traceId);
            EventMeta letter = id == null ? null : index.byId(id);
            if (letter == null || letter.state != EventState.DEAD) {
                return false;
            }
            sql.delete(id);
            index.removeDead(letter);
            return true;
        });
    }

    @Override
    public void pausePath(String path) {
        Objects.requireNonNull(path, "path");
        call(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT OR IGNORE INTO paused_paths (path, paused_at) VALUES (?, ?)")) {
                insert.setString(1, path);
                Instant now = settings.clock().instant();
                insert.setLong(2, now.getEpochSecond() * 1_000_000_000L + now.getNano());
                insert.executeUpdate();
            }
            paused.add(path);
            return null;
        });
    }

    @Override
    public void resumePath(String path) {
        Objects.requireNonNull(path, "path");
        call(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM paused_paths WHERE path = ?")) {
                delete.setString(1, path);
                delete.executeUpdate();
            }
            paused.remove(path);
            return null;
        });
    }

    @Override
    public Set<String> pausedPaths() {
        requireOpen();
        return Set.copyOf(paused);
    }

    private void loadPaused(Connection opened) throws SQLException {
        readPaused(opened, paused);
    }

    private static void readPaused(Connection from, Set<String> into) throws SQLException {
        try (Statement statement = from.createStatement();
             ResultSet rows = statement.executeQuery("SELECT path FROM paused_paths")) {
            while (rows.next()) {
                into.add(rows.getString(1));
            }
        }
    }

    private SqliteReader requireReader() {
        SqliteReader open = reader;
        if (open == null || closed) {
            throw notOpen();
        }
        return open;
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
        closeSync();
        if (checkpointer != null) {
            checkpointer.close();
        }
        log.info("event store closed: {}", writer.summary());
        try {
            reader.close();
        } catch (SQLException e) {
            log.warn("closing the event store's reader failed: {}", e.toString());
        }
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

    /** Closes our channel on the WAL, once the syncer has stopped. */
    private void closeSync() {
        if (sync instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("closing the event store's WAL channel failed: {}", e.toString());
            }
        }
    }

    private static void closeQuietly(SqliteReader open) {
        if (open != null) {
            try {
                open.close();
            } catch (SQLException | RuntimeException e) {
                log.warn("closing the event store's reader failed: {}", e.toString());
            }
        }
    }

    /** What the writer and its syncer did so far (transactions, syncs, time); for benchmarks. */
    String summary() {
        return writer == null ? "not open" : writer.summary();
    }

    /** How much work waits for the writer to take it; for tests. */
    int queuedForWriter() {
        return writer == null ? 0 : writer.queued();
    }

    /** How many syncs of the WAL answered batches so far; for tests of the pipelining. */
    long syncs() {
        return writer == null ? 0 : writer.syncs();
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
}
