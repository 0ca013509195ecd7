package io.ocean.webhook.internal.run;

import io.ocean.core.EventResultsHandler;
import io.ocean.core.WebhookEvent;
import io.ocean.core.config.PortAppConfig;
import io.ocean.webhook.DeadLetter;
import io.ocean.webhook.internal.console.ConsoleRecorder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The scheduler of one path. Events are held in groups by key: one group's events run one at a time in arrival
 * order, different groups run in parallel on the path's workers. A group is released when its event has finished
 * (results applied or dead-lettered). What the path holds — queued, running, or waiting for a retry — is bounded by
 * event count and by raw bytes.
 */
public final class PathScheduler {

    /** Whether {@link #offer} took the event, and if not, why. */
    public enum Offer { ACCEPTED, FULL_COUNT, FULL_BYTES, STOPPED }

    /** What every path shares: settings, the timer, and where results, dead letters and metrics go. */
    public record Shared(int queueCapacity, long queueMaxBytes, int workers, int maxProcessingSeconds,
                         ScheduledExecutorService timer, Supplier<PortAppConfig> portAppConfig,
                         EventResultsHandler resultsHandler, Consumer<DeadLetter> deadLetters,
                         RuntimeMetrics metrics, InFlight inFlight,
                         ConsoleRecorder console) {
    }

    private static final Logger log = LoggerFactory.getLogger(PathScheduler.class);

    /** One key's events; the head is running while {@code active} is set. */
    private static final class Group {
        final ArrayDeque<QueuedEvent> events = new ArrayDeque<>();
        EventRun active;
    }

    private final String path;
    private final Shared shared;
    private final ExecutorService workers;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private int held;
    private long heldBytes;
    private boolean draining;
    private boolean stopped;

    /** Creates the scheduler and its worker threads. */
    public PathScheduler(String path, Shared shared) {
        this.path = path;
        this.shared = shared;
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(shared.workers(), shared.workers(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "ocean-worker" + path.replace('/', '-') + "-" + threads.incrementAndGet());
                    thread.setDaemon(false);
                    return thread;
                });
        shared.metrics().bindQueue(path, this::held, this::heldBytes, this::oldestAgeSeconds);
    }

    /**
     * Takes the event into its key's group, or refuses it when a limit would be exceeded; {@code force} skips the
     * limits (for events restored at start, which were accepted once already).
     */
    public synchronized Offer offer(QueuedEvent event, String key, boolean force) {
        if (draining || stopped) {
            return Offer.STOPPED;
        }
        if (!force && held >= shared.queueCapacity()) {
            return Offer.FULL_COUNT;
        }
        if (!force && heldBytes + event.bytes() > shared.queueMaxBytes()) {
            return Offer.FULL_BYTES;
        }
        Group group = groups.computeIfAbsent(key == null ? "" : key, k -> new Group());
        group.events.addLast(event);
        held++;
        heldBytes += event.bytes();
        shared.inFlight().begin();
        if (group.active == null) {
            startHead(key == null ? "" : key, group);
        }
        return Offer.ACCEPTED;
    }

    private void startHead(String key, Group group) {
        EventRun run = new EventRun(group.events.peekFirst(), key, this);
        group.active = run;
        execute(run.traceId(), run::start);
    }

    /** Releases the event's group and starts the group's next event, if any. */
    synchronized void complete(EventRun run) {
        shared.inFlight().end();
        if (stopped) {
            return;
        }
        Group group = groups.get(run.key());
        group.events.pollFirst();
        group.active = null;
        held--;
        heldBytes -= run.queued().bytes();
        if (group.events.isEmpty()) {
            groups.remove(run.key());
        } else {
            startHead(run.key(), group);
        }
        notifyAll();
    }

    /** Runs a task on a worker with the event's trace id in the MDC. */
    void execute(String traceId, Runnable task) {
        try {
            workers.execute(() -> {
                MDC.put("traceId", traceId);
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    log.error("a worker task crashed on {}", path, e);
                } finally {
                    MDC.remove("traceId");
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("worker task for {} refused: {} is stopping", traceId, path);
        }
    }

    /**
     * Stops taking events, waits up to {@code drain} for what is held to finish, then cancels what is still running
     * and returns every unfinished event, in arrival order per group.
     */
    public List<WebhookEvent> stop(Duration drain) throws InterruptedException {
        List<WebhookEvent> unfinished = new ArrayList<>();
        synchronized (this) {
            long deadline = System.nanoTime() + drain.toNanos();
            draining = true;
            while (held > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            stopped = true;
            for (Group group : groups.values()) {
                for (QueuedEvent event : group.events) {
                    boolean running = group.active != null && event == group.active.queued();
                    if (!running || group.active.abandon()) {
                        unfinished.add(event.event());
                        shared.inFlight().end();
                    }
                }
            }
            groups.clear();
            held = 0;
            heldBytes = 0;
        }
        workers.shutdownNow();
        if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
            log.warn("workers of {} did not stop within 5 s (a processor ignores interrupts)", path);
        }
        return unfinished;
    }

    /** Closes the gate without waiting: events offered from now on are refused. */
    public synchronized void beginDrain() {
        draining = true;
    }

    public synchronized int held() {
        return held;
    }

    synchronized long heldBytes() {
        return heldBytes;
    }

    private synchronized double oldestAgeSeconds() {
        long now = System.nanoTime();
        long oldest = now;
        for (Group group : groups.values()) {
            QueuedEvent head = group.events.peekFirst();
            if (head != null && head.queuedAtNanos() < oldest) {
                oldest = head.queuedAtNanos();
            }
        }
        return (now - oldest) / 1e9;
    }

    /** Whether the workers are running. */
    public boolean running() {
        return !workers.isShutdown();
    }

    String path() {
        return path;
    }

    ScheduledExecutorService timer() {
        return shared.timer();
    }

    int maxProcessingSeconds() {
        return shared.maxProcessingSeconds();
    }

    PortAppConfig portAppConfig() {
        return shared.portAppConfig().get();
    }

    EventResultsHandler resultsHandler() {
        return shared.resultsHandler();
    }

    RuntimeMetrics metrics() {
        return shared.metrics();
    }

    ConsoleRecorder console() {
        return shared.console();
    }

    void deadLetter(DeadLetter letter) {
        shared.metrics().outcome(path, Outcome.DEAD_LETTERED);
        shared.deadLetters().accept(letter);
    }
}
