package io.ocean.webhook.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The bounded queue of one path, limited by event count and by raw bytes, with one serial worker that hands
 * each event to the processing callback in arrival order.
 */
public final class PathQueue {

    /** Whether {@link #offer} took the event, and if not, which limit was hit. */
    public enum Offer { ACCEPTED, FULL_COUNT, FULL_BYTES }

    private static final Logger log = LoggerFactory.getLogger(PathQueue.class);

    private final String path;
    private final int capacity;
    private final long maxBytes;
    private final Consumer<QueuedEvent> process;
    private final ArrayDeque<QueuedEvent> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long bytes;
    private boolean busy;
    private boolean stopping;
    private Thread worker;

    /** Creates a queue; {@code process} runs on the worker thread for each event. */
    public PathQueue(String path, int capacity, long maxBytes, Consumer<QueuedEvent> process) {
        this.path = path;
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.process = process;
    }

    /** Starts the worker thread. */
    public void start() {
        worker = new Thread(this::work, "ocean-worker" + path.replace('/', '-'));
        worker.start();
    }

    /** Queues the event unless a limit would be exceeded. */
    public Offer offer(QueuedEvent event) {
        lock.lock();
        try {
            if (queue.size() >= capacity) {
                return Offer.FULL_COUNT;
            }
            if (bytes + event.bytes() > maxBytes) {
                return Offer.FULL_BYTES;
            }
            queue.addLast(event);
            bytes += event.bytes();
            changed.signalAll();
            return Offer.ACCEPTED;
        } finally {
            lock.unlock();
        }
    }

    /** Events waiting, not counting the one being processed. */
    public int depth() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the worker thread is alive. */
    public boolean running() {
        Thread thread = worker;
        return thread != null && thread.isAlive();
    }

    /**
     * Lets the worker finish what is queued for up to {@code drain}, then stops it and returns what was left.
     */
    public List<QueuedEvent> stop(Duration drain) throws InterruptedException {
        long deadline = System.nanoTime() + drain.toNanos();
        lock.lock();
        try {
            while ((!queue.isEmpty() || busy) && System.nanoTime() < deadline) {
                changed.awaitNanos(deadline - System.nanoTime());
            }
            stopping = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (worker != null) {
            worker.interrupt();
            worker.join(Duration.ofSeconds(5).toMillis());
        }
        lock.lock();
        try {
            List<QueuedEvent> left = new ArrayList<>(queue);
            queue.clear();
            bytes = 0;
            return left;
        } finally {
            lock.unlock();
        }
    }

    private void work() {
        while (true) {
            QueuedEvent next;
            lock.lock();
            try {
                while (queue.isEmpty() && !stopping) {
                    changed.await();
                }
                if (stopping) {
                    return;
                }
                next = queue.pollFirst();
                bytes -= next.bytes();
                busy = true;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            MDC.put("traceId", next.event().traceId());
            try {
                process.accept(next);
            } catch (RuntimeException | Error e) {
                log.error("processing crashed on {}", path, e);
            } finally {
                MDC.remove("traceId");
                lock.lock();
                try {
                    busy = false;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }
}
