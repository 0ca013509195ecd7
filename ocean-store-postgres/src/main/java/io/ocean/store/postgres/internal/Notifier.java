package io.ocean.store.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the NOTIFY for committed inserts from a transaction of its own, after the insert committed. A transaction
 * that notifies holds PostgreSQL's global notification lock through its commit; inside the insert transaction that
 * would serialize every insert commit of every process, each waiting for its own WAL flush (measured: the
 * group-commit gain gone). Here the lock is held for a commit that does not wait for the disk, and paths that come
 * in while a NOTIFY is on its way are sent together in the next one. A lost notification only delays: workers poll.
 */
final class Notifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    private final Database database;
    private final Sql sql;
    private final String instanceId;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread notifier = new Thread(runnable, "ocean-store-notify");
        notifier.setDaemon(true);
        return notifier;
    });

    Notifier(Database database, Sql sql, String instanceId) {
        this.database = database;
        this.sql = sql;
        this.instanceId = instanceId;
    }

    /** Tells the other processes, soon, that these paths have new events. */
    void notifyPaths(Collection<String> paths) {
        pending.addAll(paths);
        if (scheduled.compareAndSet(false, true)) {
            try {
                thread.execute(this::send);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // Closing.
            }
        }
    }

    private void send() {
        scheduled.set(false);
        List<String> paths = new ArrayList<>(pending);
        pending.removeAll(paths);
        if (paths.isEmpty()) {
            return;
        }
        try (Connection connection = database.connection()) {
            try (PreparedStatement ps = connection.prepareStatement(sql.notifyRelaxed)) {
                ps.setString(1, sql.channel);
                ps.setString(2, instanceId);
                ps.setArray(3, connection.createArrayOf("text", paths.toArray()));
                ps.executeQuery().close();
            }
            connection.commit();
        } catch (SQLException e) {
            LOG.debug("Could not notify other processes of new events on {} (they poll): {}", paths,
                    Database.rootMessage(e));
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
