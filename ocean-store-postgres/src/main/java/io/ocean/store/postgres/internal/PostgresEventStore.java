package io.ocean.store.postgres.internal;

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
import io.ocean.webhook.store.ReplayResult;
import io.ocean.webhook.store.StoreSettings;
import io.ocean.webhook.store.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The event store on PostgreSQL, shared by every process of an integration. Claims lock the key's row in
 * {@code keys} (see {@link Sql}), hand out a fencing token from a sequence and a lease; every later write about the
 * event names its token and is refused once another claim took the event over. Crashed processes are recovered by
 * their leases running out, not by {@link #recover()}.
 */
public final class PostgresEventStore implements EventStore {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresEventStore.class);

    /** Workers look for events of other processes at least this often, even when no notification came. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private final PostgresSettings connectionSettings;
    private final Sql sql;
    private final PostgresReads reads;
    private final String instanceId = UUID.randomUUID().toString();
    private final List<Consumer<String>> pendingListeners = new ArrayList<>();
    private StoreSettings settings;
    private Database database;
    private Inserter inserter;
    private Finisher finisher;
    private Notifier notifier;
    private Listener listener;
    private DatabaseClock clock;

    /** A store on the given database; nothing is opened until {@link #open}. */
    public PostgresEventStore(PostgresSettings connectionSettings) {
        this.connectionSettings = connectionSettings;
        this.sql = new Sql(connectionSettings.schema());
        this.reads = new PostgresReads(connectionSettings.schema());
    }

    @Override
    public synchronized void open(StoreSettings storeSettings) {
        if (database != null) {
            throw new IllegalStateException("the event store is open already");
        }
        this.settings = storeSettings;
        this.database = Database.open(connectionSettings);
        this.clock = new DatabaseClock(storeSettings.clock());
        this.notifier = new Notifier(database, sql, instanceId);
        this.inserter = new Inserter(database, sql, storeSettings, clock, notifier::notifyPaths);
        this.finisher = new Finisher(database, sql, storeSettings, clock, instanceId);
        this.listener = new Listener(database, sql.channel, instanceId);
        pendingListeners.forEach(listener::add);
        pendingListeners.clear();
        LOG.info("Event store: PostgreSQL at {}, schema '{}'", connectionSettings.redactedUrl(),
                connectionSettings.schema());
    }

    @Override
    public CompletionStage<InsertResult> insert(NewEvent event) {
        Inserter writing = inserter;
        if (writing == null) {
            return CompletableFuture.failedFuture(new EventStoreException("the event store is not open"));
        }
        return writing.insert(event);
    }

    @Override
    public void restore(StoredEvent event) {
        restoreAll(List.of(event));
    }

    /** Restores the events in one transaction. */
    @Override
    public void restoreAll(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<String[]> evicted = new ArrayList<>();
        transaction("restore " + events.size() + " event(s)", connection -> {
            Set<String> paths = new TreeSet<>();
            boolean anyDead = false;
            for (StoredEvent event : events) {
                restore(connection, event);
                if (event.state() == EventState.DEAD) {
                    anyDead = true;
                } else {
                    paths.add(event.path());
                }
            }
            if (anyDead) {
                evictDeadLetters(connection, evicted);
            }
            if (!paths.isEmpty()) {
                Inserter.notifyPaths(connection, sql, instanceId, paths);
            }
            return null;
        });
        logEvicted(evicted);
    }

    private void restore(Connection connection, StoredEvent event) throws SQLException {
        boolean dead = event.state() == EventState.DEAD;
        if (!dead) {
            lockKeysForInsert(connection, event.path(), event.groupKey());
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.restoreEvent)) {
            ps.setString(1, event.traceId());
            ps.setString(2, event.path());
            ps.setString(3, event.groupKey());
            ps.setString(4, event.deliveryId());
            Rows.setInstant(ps, 5, event.receivedAt());
            ps.setString(6, Rows.headersJson(event.headers()));
            ps.setBytes(7, event.body());
            ps.setInt(8, event.body().length);
            ps.setInt(9, event.attempts());
            Rows.setInstant(ps, 10, event.nextAttemptAt());
            // A restored event is held by no one: a running one is claimed again, a waiting one when due.
            ps.setString(11, event.state() == EventState.RUNNING ? "QUEUED" : event.state().name());
            ps.setString(12, event.lastError());
            Rows.setInstant(ps, 13, event.failedAt());
            ps.executeUpdate();
        }
        if (!dead) {
            setNewHead(connection, event.path(), event.groupKey());
            if (event.deliveryId() != null) {
                rememberRestoredDeliveryId(connection, event);
            }
        }
    }

    /** Seen from now, so that the window starts again for an id whose event is held once more. */
    private void rememberRestoredDeliveryId(Connection connection, StoredEvent event) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.rememberDeliveryIds)) {
            ps.setArray(1, connection.createArrayOf("text", new String[] {event.path()}));
            ps.setArray(2, connection.createArrayOf("text", new String[] {event.deliveryId()}));
            ps.setArray(3, connection.createArrayOf("text", new String[] {event.traceId()}));
            ps.setArray(4, connection.createArrayOf("text", new String[] {now(connection).toString()}));
            Rows.setInstant(ps, 5, Instant.parse("9999-01-01T00:00:00Z"));
            ps.executeQuery().close();
        }
    }

    @Override
    public List<Claim> claim(String path, int max, Duration lease) {
        if (max <= 0) {
            return List.of();
        }
        // Relaxed like the other worker writes, by the statement itself (Sql.RELAXED): one round trip fewer per claim.
        return transaction("claim events of " + path, connection -> {
            Instant now = now(connection);
            List<Claim> claims = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(sql.claim)) {
                ps.setString(1, path);
                Rows.setInstant(ps, 2, now);
                Rows.setInstant(ps, 3, now);
                ps.setInt(4, max);
                Rows.setInstant(ps, 5, now.plus(lease));
                ps.setLong(6, lease.toMillis());
                Rows.setInstant(ps, 7, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claims.add(Rows.claim(rs));
                    }
                }
            }
            return claims;
        });
    }

    @Override
    public boolean renew(Claim claim, Duration lease) {
        StoredEvent event = claim.event();
        return relaxedTransaction("renew the lease of " + event.traceId(), connection -> {
            Instant until = now(connection).plus(lease);
            try (PreparedStatement ps = connection.prepareStatement(sql.renewKey)) {
                Rows.setInstant(ps, 1, until);
                ps.setString(2, event.path());
                ps.setString(3, event.groupKey());
                ps.setLong(4, claim.token());
                if (ps.executeUpdate() == 0) {
                    // A renewal racing the run's own completion finds the event gone: nothing was taken over.
                    return exists(connection, event.id()) && refused(claim, "renew its lease");
                }
            }
            try (PreparedStatement ps = connection.prepareStatement(sql.renewEvent)) {
                Rows.setInstant(ps, 1, until);
                ps.setLong(2, lease.toMillis());
                ps.setLong(3, event.id());
                ps.setLong(4, claim.token());
                if (ps.executeUpdate() == 0) {
                    connection.rollback();
                    return false;
                }
                return true;
            }
        });
    }

    @Override
    public boolean complete(Claim claim) {
        return finisher().finish(new Finisher.Finish(Finisher.Kind.COMPLETE, claim, 0, null, null, false));
    }

    /** The time is the runtime's (this process's clock); the finisher moves it onto the database's clock. */
    @Override
    public boolean waitForRetry(Claim claim, int attempts, Instant nextAttemptAt, String error) {
        return finisher().finish(new Finisher.Finish(Finisher.Kind.WAIT, claim, attempts, nextAttemptAt, error, false));
    }

    @Override
    public boolean deadLetter(Claim claim, String reason) {
        return finisher().finish(new Finisher.Finish(Finisher.Kind.DEAD, claim, 0, null, reason, false));
    }

    /** The finisher of the open store (for tests). */
    Finisher finisherForTests() {
        return finisher();
    }

    private Finisher finisher() {
        Finisher open = finisher;
        if (open == null) {
            throw new EventStoreException("the event store is not open");
        }
        return open;
    }

    private void evictDeadLetters(Connection connection, List<String[]> evicted) throws SQLException {
        evictDeadLetters(connection, sql, settings, evicted);
    }

    /** Drops the oldest dead letters beyond the limits; their trace ids and paths go to {@code evicted}. */
    static void evictDeadLetters(Connection connection, Sql sql, StoreSettings settings, List<String[]> evicted)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.evictDeadLetters)) {
            ps.setLong(1, settings.deadLetterCapacity());
            ps.setLong(2, settings.deadLetterMaxBytes());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    evicted.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
    }

    private void logEvicted(List<String[]> evicted) {
        logEvicted(evicted, settings);
    }

    static void logEvicted(List<String[]> evicted, StoreSettings settings) {
        for (String[] letter : evicted) {
            try (var ignored = MDC.putCloseable("traceId", letter[0])) {
                LOG.warn("Dead letter of {} evicted: more than {} dead letters or {} bytes are kept", letter[1],
                        settings.deadLetterCapacity(), settings.deadLetterMaxBytes());
            }
        }
    }

    /** Shared by several processes: a dead process's events come back when their leases run out. */
    @Override
    public int recover() {
        return 0;
    }

    @Override
    public Optional<Claim> resume(Claim waiting, Duration lease) {
        StoredEvent event = waiting.event();
        return relaxedTransaction("resume " + event.traceId() + " for its retry", connection -> {
            if (!lockKeyHeldBy(connection, waiting)) {
                return Optional.<Claim>empty();
            }
            Instant until = now(connection).plus(lease);
            Claim resumed;
            try (PreparedStatement ps = connection.prepareStatement(sql.resumeEvent)) {
                Rows.setInstant(ps, 1, until);
                ps.setLong(2, lease.toMillis());
                ps.setLong(3, event.id());
                ps.setLong(4, waiting.token());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        connection.rollback();
                        return Optional.<Claim>empty();
                    }
                    resumed = Rows.claim(rs);
                }
            }
            try (PreparedStatement ps = connection.prepareStatement(sql.holdKey)) {
                ps.setLong(1, resumed.token());
                Rows.setInstant(ps, 2, until);
                ps.setString(3, event.path());
                ps.setString(4, event.groupKey());
                ps.executeUpdate();
            }
            return Optional.of(resumed);
        });
    }

    @Override
    public boolean release(Claim claim, boolean ran) {
        return finisher().finish(new Finisher.Finish(Finisher.Kind.RELEASE, claim, 0, null, null, ran));
    }

    @Override
    public Optional<Instant> nextDue(String path) {
        return transaction("read when " + path + " is next due", connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql.nextDue)) {
                ps.setString(1, path);
                Rows.setInstant(ps, 2, now(connection));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Optional.ofNullable(Rows.instant(rs, 1));
                }
            }
        });
    }

    @Override
    public List<StoredEvent> deadLetters(String path, int limit) {
        return transaction("read the dead letters of " + path, connection -> {
            List<StoredEvent> letters = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(sql.deadLetters)) {
                ps.setString(1, path);
                ps.setInt(2, Math.max(0, limit));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        letters.add(Rows.event(rs));
                    }
                }
            }
            return letters;
        });
    }

    @Override
    public Optional<StoredEvent> find(String traceId) {
        return transaction("find " + traceId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql.find)) {
                ps.setString(1, traceId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Rows.event(rs)) : Optional.<StoredEvent>empty();
                }
            }
        });
    }

    @Override
    public ReplayResult replay(String traceId) {
        return transaction("replay " + traceId, connection -> {
            String path;
            String groupKey;
            int bytes;
            try (PreparedStatement ps = connection.prepareStatement(sql.findDead)) {
                ps.setString(1, traceId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return ReplayResult.NOT_FOUND;
                    }
                    path = rs.getString(1);
                    groupKey = rs.getString(2);
                    bytes = rs.getInt(3);
                }
            }
            PathStats held = stats(connection, path);
            if (held.held() >= settings.queueCapacity() || held.heldBytes() + bytes > settings.queueMaxBytes()) {
                return ReplayResult.FULL;
            }
            lockKeysForInsert(connection, path, groupKey);
            try (PreparedStatement ps = connection.prepareStatement(sql.requeueDead)) {
                Rows.setInstant(ps, 1, now(connection));
                ps.setString(2, traceId);
                if (ps.executeUpdate() == 0) {
                    // Replayed by another process meanwhile.
                    connection.rollback();
                    return ReplayResult.NOT_FOUND;
                }
            }
            setNewHead(connection, path, groupKey);
            Inserter.notifyPaths(connection, sql, instanceId, List.of(path));
            return ReplayResult.REPLAYED;
        });
    }

    @Override
    public PathStats stats(String path) {
        return transaction("read the stats of " + path, connection -> stats(connection, path));
    }

    private PathStats stats(Connection connection, String path) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.stats)) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new PathStats(rs.getLong(1), rs.getLong(2), Rows.instant(rs, 3), rs.getLong(4), rs.getLong(5));
            }
        }
    }

    @Override
    public long purgeDeliveryIds() {
        return transaction("forget old delivery ids", connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql.purgeDeliveryIds)) {
                Rows.setInstant(ps, 1, now(connection).minus(settings.deduplicationWindow()));
                return (long) ps.executeUpdate();
            }
        });
    }

    /** Every process polls this often for events that arrived at other processes. */
    @Override
    public Optional<Duration> pollInterval() {
        return Optional.of(POLL_INTERVAL);
    }

    @Override
    public synchronized void onNewEvents(Consumer<String> newEvents) {
        if (listener == null) {
            pendingListeners.add(newEvents);
        } else {
            listener.add(newEvents);
        }
    }

    @Override
    public EventPage query(EventQuery query) {
        return transaction("list the events", connection -> reads.query(connection, query));
    }

    @Override
    public List<DeadLetterCount> deadLetterCounts(java.util.Collection<String> paths) {
        java.util.List<String> wanted = java.util.List.copyOf(paths);
        return transaction("count the dead letters", connection -> reads.deadLetterCounts(connection, wanted));
    }

    @Override
    public boolean discard(String traceId) {
        return transaction("discard " + traceId, connection -> reads.discard(connection, traceId));
    }

    @Override
    public void pausePath(String path) {
        java.util.Objects.requireNonNull(path, "path");
        transaction("pause " + path, connection -> update(connection, sql.pausePath, path));
    }

    @Override
    public void resumePath(String path) {
        java.util.Objects.requireNonNull(path, "path");
        transaction("resume " + path, connection -> update(connection, sql.resumePath, path));
    }

    @Override
    public java.util.Set<String> pausedPaths() {
        return transaction("list paused paths", connection -> {
            java.util.Set<String> paths = new java.util.TreeSet<>();
            try (PreparedStatement ps = connection.prepareStatement(sql.pausedPaths);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    paths.add(rs.getString(1));
                }
            }
            return java.util.Collections.unmodifiableSet(paths);
        });
    }

    private static Integer update(Connection connection, String statement, String path) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(statement)) {
            ps.setString(1, path);
            return ps.executeUpdate();
        }
    }

    @Override
    public synchronized void close() {
        if (inserter != null) {
            inserter.close();
        }
        if (finisher != null) {
            finisher.close();
        }
        if (notifier != null) {
            notifier.close();
        }
        if (listener != null) {
            listener.close();
        }
        if (database != null) {
            database.close();
        }
        inserter = null;
        finisher = null;
        notifier = null;
        listener = null;
    }

    private void lockKeysForInsert(Connection connection, String path, String groupKey) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.lockKeysForInsert)) {
            ps.setArray(1, connection.createArrayOf("text", new String[] {path}));
            ps.setArray(2, connection.createArrayOf("text", new String[] {groupKey}));
            ps.executeUpdate();
        }
    }

    private void setNewHead(Connection connection, String path, String groupKey) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.setNewHeads)) {
            ps.setArray(1, connection.createArrayOf("text", new String[] {path}));
            ps.setArray(2, connection.createArrayOf("text", new String[] {groupKey}));
            ps.executeUpdate();
        }
    }

    /** Locks the key's row if the claim still holds the key; false when another claim took it over. */
    private boolean lockKeyHeldBy(Connection connection, Claim claim) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.lockKeyHeldBy)) {
            ps.setString(1, claim.event().path());
            ps.setString(2, claim.event().groupKey());
            ps.setLong(3, claim.token());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private boolean exists(Connection connection, long id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.exists)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean refused(Claim claim, String what) {
        try (var ignored = MDC.putCloseable("traceId", claim.traceId())) {
            LOG.warn("Refused to {}: its claim (token {}) was taken over by another worker after its lease ran out",
                    what, claim.token());
        }
        return false;
    }

    /**
     * The database's clock (or the test's, when one is set): leases, retries, dead letters and delivery ids mean the
     * same in every process.
     */
    private Instant now(Connection connection) throws SQLException {
        return Rows.micros(clock.instant(connection));
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * A transaction whose commit does not wait for the WAL to reach the disk. Only for writes whose loss in a crash
     * of the PostgreSQL server (not of an Ocean process) can do no more than run an event once more: lease renewals
     * and resumes here; claims and the finisher's batches set the same in their first statement ({@link Sql#RELAXED}).
     * A commit waiting for the disk costs a flush (5-10 ms on this project's machines). Inserts, restores and replays
     * always wait.
     */
    private <T> T relaxedTransaction(String what, Work<T> work) {
        return transaction(what, connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL synchronous_commit TO OFF");
            }
            return work.run(connection);
        });
    }

    /** Runs the work in one transaction and commits it; a database failure becomes an {@link EventStoreException}. */
    private <T> T transaction(String what, Work<T> work) {
        Database open = database;
        if (open == null) {
            throw new EventStoreException("the event store is not open");
        }
        try (Connection connection = open.connection()) {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new EventStoreException("could not " + what + " in PostgreSQL: " + Database.rootMessage(e), e);
        }
    }
}
