package io.ocean.webhook.internal.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the WAL back into the database file on its own connection and thread, so that the writer's commits carry
 * only their own WAL append (and the syncer's fsync only their frames). Left to SQLite's auto-checkpoint, every
 * ~1 000 pages (~250 events of 13 KB) one commit on the writer thread also copies the pages and fsyncs the database
 * file, and every insert waiting in that batch waits for it. Durability is unchanged: a commit is answered once its
 * WAL frames are fsynced (by the {@link WalSyncer}); a checkpoint only moves committed pages, syncing the WAL before
 * and the database after, and SQLite makes it crash-safe.
 *
 * <p>The connection is closed by the checkpoint thread itself when it ends, never under a checkpoint it runs.
 */
final class SqliteCheckpointer implements AutoCloseable {

    /** How often the WAL is copied back while commits come in. */
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private static final Logger log = LoggerFactory.getLogger(SqliteCheckpointer.class);

    private final Connection connection;
    private final LongSupplier commits;
    private final Thread thread;
    private volatile boolean closed;

    SqliteCheckpointer(Path file, LongSupplier commits) throws SQLException {
        this.connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        this.commits = commits;
        this.thread = new Thread(this::loop, "ocean-event-store-checkpoint");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        try {
            checkpointWhileOpen();
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing the checkpoint connection failed: {}", e.toString());
            }
        }
    }

    private void checkpointWhileOpen() {
        long checkpointedAt = commits.getAsLong();
        while (!closed) {
            LockSupport.parkNanos(INTERVAL_NANOS);
            long now = commits.getAsLong();
            if (now == checkpointedAt || closed) {
                continue;
            }
            checkpointedAt = now;
            // PASSIVE: copies what no reader still needs and never waits for (or blocks) the writer.
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
            } catch (SQLException e) {
                log.debug("a background WAL checkpoint failed; the writer's auto-checkpoint remains: {}",
                        e.toString());
            }
        }
    }

    /**
     * Stops the thread, which closes its connection on its way out; waits for that a few seconds at most (a
     * checkpoint stuck on a dead disk must not hold up the store's close, and its connection is then closed by the
     * thread when the checkpoint returns, not under it).
     */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("the WAL checkpoint thread did not end within 5 s; its connection is closed when it does");
        }
    }

    /** True once the thread ended and its connection is closed; for tests. */
    boolean stopped() {
        return !thread.isAlive();
    }
}
