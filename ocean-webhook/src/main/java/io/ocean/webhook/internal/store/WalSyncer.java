package io.ocean.webhook.internal.store;

import io.ocean.webhook.store.EventStoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second half of pipelined group commit: the writer commits with {@code synchronous=NORMAL} (no fsync) and hands
 * each committed batch here; this thread syncs the WAL once for every batch handed over since its last sync and only
 * then answers them, in commit order. The writer runs the next batch meanwhile, so the disk's sync time is no longer
 * time in which nothing is written.
 *
 * <p>A batch is answered only after a sync that started after its commit: every answer is on disk exactly as with
 * {@code synchronous=FULL}. A sync that fails leaves every commit since the last good one in doubt, and after a failed
 * fsync the kernel may have dropped the dirty pages and report the next fsync as a success (PostgreSQL's
 * "fsyncgate"): so those batches fail, and so does every later one — the store refuses writes until it is reopened.
 */
final class WalSyncer {

    /** Makes everything committed so far durable; replaced in tests. */
    @FunctionalInterface
    interface Sync {
        void sync() throws IOException;
    }

    /** A committed batch waiting for its sync. */
    interface Committed {
        /** How many pieces of work the batch held, for the summary. */
        int size();

        /** Its commit is on disk: answer its callers. */
        void durable();

        /** Its commit may not be on disk: fail its callers. */
        void failed(EventStoreException failure);
    }

    private static final Logger log = LoggerFactory.getLogger(WalSyncer.class);
    private static final Committed STOP = new Committed() {
        @Override
        public int size() {
            return 0;
        }

        @Override
        public void durable() {
        }

        @Override
        public void failed(EventStoreException failure) {
        }
    };

    private final Sync sync;
    private final Runnable onIdle;
    /** Batches handed over and not answered yet. */
    private final AtomicInteger outstanding = new AtomicInteger();
    private final BlockingQueue<Committed> handed = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile EventStoreException failure;
    private final AtomicLong syncs = new AtomicLong();
    // Written by the syncer thread only; read for the summary at close.
    private volatile long pieces;
    private volatile long syncNanos;

    /** {@code onIdle} runs whenever everything handed over is answered (the writer may commit again). */
    WalSyncer(Sync sync, String name, Runnable onIdle) {
        this.sync = sync;
        this.onIdle = onIdle;
        this.thread = new Thread(this::loop, name);
        // Daemon like the writer: a JVM that exits without close() loses only what nobody was answered for.
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Called by the writer right after a commit; the batch is answered once a later sync succeeded. */
    void handOff(Committed batch) {
        outstanding.incrementAndGet();
        handed.add(batch);
    }

    /** True while a batch handed over is not answered yet: a sync is running or about to. */
    boolean busy() {
        return outstanding.get() > 0;
    }

    /** Non-null once a sync failed: from then on every write is refused with it. */
    EventStoreException failure() {
        return failure;
    }

    long syncs() {
        return syncs.get();
    }

    long pieces() {
        return pieces;
    }

    long syncNanos() {
        return syncNanos;
    }

    /** Syncs and answers what was handed over before this call (the writer is stopped first), then stops. */
    void close() {
        handed.add(STOP);
        joinUninterruptibly(thread); // every handed batch must be answered before the database is closed
    }

    /** Waits for the thread to end even if the caller is interrupted meanwhile, and keeps the interrupt for it. */
    static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        List<Committed> batches = new ArrayList<>();
        while (true) {
            try {
                batches.add(handed.take());
            } catch (InterruptedException e) {
                continue; // only close() ends the syncer: handed batches must not be left unanswered
            }
            handed.drainTo(batches);
            boolean stop = batches.remove(STOP);
            if (!batches.isEmpty()) {
                syncAndAnswer(batches);
            }
            batches.clear();
            if (stop) {
                return;
            }
        }
    }

    private void syncAndAnswer(List<Committed> batches) {
        if (failure == null) {
            long started = System.nanoTime();
            try {
                sync.sync();
                syncs.incrementAndGet();
                syncNanos += System.nanoTime() - started;
            } catch (IOException | RuntimeException | Error e) {
                // Error too: a syncer thread that died would leave every batch, and every later one, unanswered.
                failure = new EventStoreException("the event store could not sync its write-ahead log to disk, so "
                        + "writes since the last sync may be lost; it refuses every write until it is reopened: "
                        + e.getMessage(), e);
                log.error("the event store could not sync its write-ahead log ({}): the {} batch(es) committed since "
                        + "the last sync failed, and every later write is refused until the store is reopened",
                        e.toString(), batches.size());
            }
        }
        int count = 0;
        for (Committed batch : batches) {
            count += batch.size();
            try {
                if (failure == null) {
                    batch.durable();
                } else {
                    batch.failed(failure);
                }
            } catch (RuntimeException e) {
                log.error("answering a synced batch failed: {}", e.toString()); // the syncer must go on
            }
        }
        pieces += count;
        if (outstanding.addAndGet(-batches.size()) == 0) {
            onIdle.run();
        }
    }
}
