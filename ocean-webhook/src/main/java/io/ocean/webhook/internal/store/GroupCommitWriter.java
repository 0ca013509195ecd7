package io.ocean.webhook.internal.store;

import io.ocean.webhook.store.EventStoreException;
import io.ocean.webhook.store.PendingInsert;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that touches the database: it takes every piece of work queued since its last commit, runs them
 * in one transaction and commits once. The connection commits with {@code synchronous=NORMAL} (no fsync); the batch
 * then goes to the {@link WalSyncer}, which completes its futures only after a sync of the WAL that started after
 * the commit, while this thread already runs the next batch (pipelined group commit). While a sync runs, the
 * transaction stays open and takes in what arrives, and commits once the syncer is free: one commit per sync, each
 * holding everything that came in during the previous sync. Under load a hundred concurrent inserts cost one fsync
 * instead of a hundred, and the writer never waits for the disk.
 *
 * <p>A piece of work is taken from the queue for good when its batch starts: a {@link PendingInsert} withdrawn
 * before then is dropped, never run; once its batch started it can no longer be withdrawn, and its caller waits for
 * the outcome.
 *
 * <p>A piece of work that fails fails alone: the transaction is rolled back and the others run again without it.
 * Work changes the in-memory index after its SQL; whenever a transaction is rolled back, the index is rebuilt from
 * the database by {@code onFailure}, so it never believes what the disk does not hold.
 */
final class GroupCommitWriter {

    /** Work against the connection, run on the writer thread inside the batch's transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** {@code released} runs once the writer lets go of the task (answered or dropped), for backlog accounting. */
    private record Task<T>(Work<T> work, CompletableFuture<T> future, Runnable released) {

        /** An insert the caller withdrew before its batch started: it must not be run or committed. */
        boolean withdrawn() {
            return future instanceof PendingInsert pending && !pending.startCommit();
        }
    }

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_BATCH = 1_024;
    private static final Task<Void> STOP = new Task<>(connection -> null, new CompletableFuture<>(), () -> { });
    /** Put by the syncer when it has answered everything handed to it: a transaction waiting for that commits. */
    private static final Task<Void> WAKE = new Task<>(connection -> null, new CompletableFuture<>(), () -> { });

    private final Connection connection;
    private final Object indexLock;
    private final Runnable onFailure;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;
    /** The writer thread took STOP: it finishes the batch at hand and ends. Writer thread only. */
    private boolean stopping;
    private final WalSyncer syncer;
    private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();
    // Written by the writer thread only; read for the summary at close.
    private volatile long pieces;
    private volatile long workNanos;
    private volatile long commitNanos;
    private volatile long gatherNanos;

    /**
     * Starts the writer thread.
     *
     * @param connection the connection, used by the writer thread only from now on
     * @param indexLock  held while a piece of work runs, so that readers of the index see whole changes
     * @param onFailure  rebuilds the index from what is committed; run on the writer thread under the lock
     * @param sync       makes what the connection committed durable (the WAL's fdatasync); run on the syncer thread
     */
    GroupCommitWriter(Connection connection, Object indexLock, Runnable onFailure, String name, WalSyncer.Sync sync) {
        this.connection = connection;
        this.indexLock = indexLock;
        this.onFailure = onFailure;
        this.syncer = new WalSyncer(sync, name + "-sync", () -> queue.add(WAKE));
        this.thread = new Thread(this::loop, name);
        // Daemon: a JVM that exits without close() loses only work nobody was answered for yet.
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** How many transactions were committed, for tests and benchmarks of the grouping. */
    long commits() {
        return commits.get();
    }

    /** How much work waits in the queue, not yet taken by the writer; for tests. */
    int queued() {
        return queue.size();
    }

    /** How many syncs of the WAL answered committed batches, for tests and benchmarks of the pipelining. */
    long syncs() {
        return syncer.syncs();
    }

    /** What the writer and its syncer did, for the log at close: how well they grouped, and where the time went. */
    String summary() {
        long count = commits.get();
        long syncs = syncer.syncs();
        return String.format(java.util.Locale.ROOT, "%d transactions, %d pieces of work (%.1f per commit), "
                + "%d syncs (%.1f pieces per sync), %d ms running work, %d ms committing, %d ms with a transaction "
                + "open waiting for the syncer, %d ms syncing", count, pieces,
                count == 0 ? 0.0 : (double) pieces / count, syncs, syncs == 0 ? 0.0 : (double) syncer.pieces() / syncs,
                workNanos / 1_000_000, commitNanos / 1_000_000, gatherNanos / 1_000_000,
                syncer.syncNanos() / 1_000_000);
    }

    /** Queues work; the future completes after the transaction that ran it committed and was synced to disk. */
    <T> CompletableFuture<T> submit(Work<T> work) {
        return submit(work, new CompletableFuture<>(), () -> { });
    }

    /**
     * Queues work answered through the given future; a {@link PendingInsert} the caller withdraws before its batch
     * starts is dropped, never run. {@code released} runs once the task is answered (after its sync) or dropped.
     */
    <T, F extends CompletableFuture<T>> F submit(Work<T> work, F future, Runnable released) {
        if (closing) {
            future.completeExceptionally(new EventStoreException("the event store is closed"));
            released.run();
            return future;
        }
        EventStoreException syncFailure = syncer.failure();
        if (syncFailure != null) {
            future.completeExceptionally(syncFailure);
            released.run();
            return future;
        }
        queue.add(new Task<>(work, future, released));
        return future;
    }

    /**
     * Runs the work queued before this call, stops the thread, fails whatever came in after, and returns once the
     * syncer answered every committed batch.
     */
    void close() {
        closing = true;
        queue.add(STOP);
        // Not cut short by an interrupt: failRemaining could take STOP from under the running writer, and a batch
        // it commits after syncer.close() would never be answered (nor its backlog released).
        WalSyncer.joinUninterruptibly(thread);
        failRemaining();
        syncer.close();
    }

    private void loop() {
        List<Task<?>> batch = new ArrayList<>(MAX_BATCH);
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() ends the writer: queued work must not be left unanswered
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            stopping = batch.remove(STOP);
            batch.removeIf(task -> task == WAKE);
            dropWithdrawn(batch);
            EventStoreException syncFailure = syncer.failure();
            if (syncFailure != null) {
                // After a failed fsync nothing more is written: what is on disk can no longer be known.
                batch.forEach(task -> complete(task, null, syncFailure));
                batch.forEach(task -> task.released().run());
            } else if (!batch.isEmpty()) {
                runBatch(batch);
            }
            batch.clear();
        }
    }

    /**
     * Runs the batch in one transaction. When a piece of work fails, the whole transaction is rolled back (the
     * index rebuilt to match), that piece fails alone, and the others run again without it: failures are rare, so
     * the common case pays for no savepoints.
     */
    private void runBatch(List<Task<?>> batch) {
        List<Task<?>> pending = new ArrayList<>(batch);
        while (!pending.isEmpty()) {
            List<Object> results = new ArrayList<>(pending.size());
            int failed = -1;
            Exception failure = null;
            long started = System.nanoTime();
            long gathering = 0;
            try {
                for (int i = 0; i < pending.size() && failed < 0; i++) {
                    try {
                        results.add(runOne(pending.get(i)));
                    } catch (Exception e) {
                        failed = i;
                        failure = e;
                    }
                }
                // While the syncer still syncs an earlier commit, committing now would only queue a second sync
                // behind it: this transaction takes in the work that arrives meanwhile, and commits once the
                // syncer is free (it sends WAKE), so that one commit and one sync answer all of it.
                while (failed < 0 && !stopping && syncer.busy() && pending.size() < MAX_BATCH) {
                    long waiting = System.nanoTime();
                    Task<?> next;
                    try {
                        next = queue.take();
                    } catch (InterruptedException e) {
                        break; // commit what there is
                    } finally {
                        gathering += System.nanoTime() - waiting;
                    }
                    if (next == STOP) {
                        stopping = true;
                    } else if (next != WAKE && !next.withdrawn()) {
                        pending.add(next);
                        try {
                            results.add(runOne(next));
                        } catch (Exception e) {
                            failed = pending.size() - 1;
                            failure = e;
                        }
                    } else if (next != WAKE) {
                        next.released().run(); // withdrawn: dropped, never run
                    }
                }
                if (failed < 0) {
                    EventStoreException syncFailure = syncer.failure();
                    if (syncFailure != null) {
                        // A sync failed while this ran: nothing more may be committed (see WalSyncer).
                        rollbackQuietly();
                        rebuildIndex();
                        pending.forEach(task -> complete(task, null, syncFailure));
                        pending.forEach(task -> task.released().run());
                        return;
                    }
                    long committing = System.nanoTime();
                    connection.commit();
                    commits.incrementAndGet();
                    pieces += pending.size();
                    workNanos += committing - started - gathering;
                    gatherNanos += gathering;
                    commitNanos += System.nanoTime() - committing;
                    // Answered (and their bodies released from the backlog) once durable, by the syncer.
                    syncer.handOff(new Batch(pending, results.toArray()));
                    return;
                }
            } catch (SQLException | RuntimeException | Error e) {
                log.error("the event store could not commit {} writes; they failed and nothing of them was kept: {}",
                        pending.size(), e.toString());
                rollbackQuietly();
                rebuildIndex();
                EventStoreException commitFailure = new EventStoreException("the event store could not commit: "
                        + e.getMessage(), e);
                pending.forEach(task -> complete(task, null, commitFailure));
                pending.forEach(task -> task.released().run());
                return;
            }
            rollbackQuietly();
            rebuildIndex();
            Task<?> alone = pending.remove(failed);
            complete(alone, null, failure);
            alone.released().run();
        }
    }

    /** Removes (and lets go of) the tasks whose caller withdrew them; the others can no longer be withdrawn. */
    private static void dropWithdrawn(List<Task<?>> tasks) {
        for (var it = tasks.iterator(); it.hasNext(); ) {
            Task<?> task = it.next();
            if (task.withdrawn()) {
                it.remove();
                task.released().run();
            }
        }
    }

    /** A committed batch and its results, answered by the syncer. */
    private record Batch(List<Task<?>> tasks, Object[] results) implements WalSyncer.Committed {

        @Override
        public int size() {
            return tasks.size();
        }

        @Override
        public void durable() {
            for (int i = 0; i < tasks.size(); i++) {
                complete(tasks.get(i), results[i], null);
            }
            tasks.forEach(task -> task.released().run());
        }

        @Override
        public void failed(EventStoreException failure) {
            tasks.forEach(task -> complete(task, null, failure));
            tasks.forEach(task -> task.released().run());
        }
    }

    private <T> T runOne(Task<T> task) throws SQLException {
        synchronized (indexLock) {
            return task.work().run(connection);
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
        left.forEach(task -> {
            task.future().completeExceptionally(new EventStoreException("the event store is closed"));
            task.released().run();
        });
    }
}
