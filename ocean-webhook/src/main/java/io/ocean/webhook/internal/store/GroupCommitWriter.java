package io.ocean.webhook.internal.store;

import io.ocean.webhook.store.EventStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that touches the database: it takes every piece of work queued since its last commit, runs them
 * in one transaction, commits once, and only then completes their futures. Under load a hundred concurrent
 * inserts cost one fsync instead of a hundred (group commit); alone, an insert costs one commit as before.
 *
 * <p>Each piece of work runs inside a savepoint, so one that fails is rolled back alone and fails alone. Work
 * changes the in-memory index after its SQL; when a piece fails half-way or the commit fails, the index is rebuilt
 * from the database by {@code onFailure}, so it never believes what the disk does not hold.
 */
final class GroupCommitWriter {

    /** Work against the connection, run on the writer thread inside the batch's transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private record Task<T>(Work<T> work, CompletableFuture<T> future) {
    }

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_BATCH = 1_024;
    private static final Task<Void> STOP = new Task<>(connection -> null, new CompletableFuture<>());

    private final Connection connection;
    private final Object indexLock;
    private final Runnable onFailure;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;
    private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Starts the writer thread.
     *
     * @param connection the connection, used by the writer thread only from now on
     * @param indexLock  held while a piece of work runs, so that readers of the index see whole changes
     * @param onFailure  rebuilds the index from what is committed; run on the writer thread under the lock
     */
    GroupCommitWriter(Connection connection, Object indexLock, Runnable onFailure, String name) {
        this.connection = connection;
        this.indexLock = indexLock;
        this.onFailure = onFailure;
        this.thread = new Thread(this::loop, name);
        // Daemon: a JVM that exits without close() loses only work nobody was answered for yet.
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** How many transactions were committed, for tests and benchmarks of the grouping. */
    long commits() {
        return commits.get();
    }

    /** Queues work; the future completes after the transaction that ran it committed. */
    <T> CompletableFuture<T> submit(Work<T> work) {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (closing) {
            future.completeExceptionally(new EventStoreException("the event store is closed"));
            return future;
        }
        queue.add(new Task<>(work, future));
        return future;
    }

    /** Runs the work queued before this call, stops the thread, and fails whatever came in after. */
    void close() {
        closing = true;
        queue.add(STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failRemaining();
    }

    private void loop() {
        List<Task<?>> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() ends the writer: queued work must not be left unanswered
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            boolean stop = batch.remove(STOP);
            if (!batch.isEmpty()) {
                runBatch(batch);
            }
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    private void runBatch(List<Task<?>> batch) {
        Object[] results = new Object[batch.size()];
        Throwable[] failures = new Throwable[batch.size()];
        boolean indexStale = false;
        try {
            for (int i = 0; i < batch.size(); i++) {
                try {
                    results[i] = runOne(batch.get(i));
                } catch (Exception e) {
                    failures[i] = e;
                    indexStale = true;
                }
            }
            connection.commit();
            commits.incrementAndGet();
        } catch (SQLException | RuntimeException | Error e) {
            log.error("the event store could not commit {} writes; they failed and nothing of them was kept: {}",
                    batch.size(), e.toString());
            rollbackQuietly();
            EventStoreException failure = new EventStoreException("the event store could not commit: "
                    + e.getMessage(), e);
            java.util.Arrays.fill(failures, failure);
            indexStale = true;
        }
        if (indexStale) {
            rebuildIndex();
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results[i], failures[i]);
        }
    }

    private <T> T runOne(Task<T> task) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            T result;
            synchronized (indexLock) {
                result = task.work().run(connection);
            }
            connection.releaseSavepoint(savepoint);
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Task<T> task, Object result, Throwable failure) {
        if (failure == null) {
            task.future().complete((T) result);
        } else if (failure instanceof EventStoreException) {
            task.future().completeExceptionally(failure);
        } else {
            task.future().completeExceptionally(new EventStoreException("the event store failed: "
                    + failure.getMessage(), failure));
        }
    }

    private void rebuildIndex() {
        try {
            synchronized (indexLock) {
                onFailure.run();
            }
        } catch (RuntimeException e) {
            log.error("the event store could not rebuild its index after a failed write: {}", e.toString());
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.error("the event store could not roll back: {}", e.toString());
        }
    }

    private void failRemaining() {
        List<Task<?>> left = new ArrayList<>();
        queue.drainTo(left);
        left.remove(STOP);
        left.forEach(task -> task.future().completeExceptionally(
                new EventStoreException("the event store is closed")));
    }
}
