package io.ocean.webhook.internal.run;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one event run's stages one at a time, in submission order, on the path's worker threads, with the event's
 * trace id in the MDC: the single owner of the run's state (like a Netty channel's event loop), whichever thread
 * (timer, HTTP client, worker) asked for the next stage.
 */
final class SerialExecutor implements Executor {

    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor workers;
    private final String traceId;
    private final ArrayDeque<Runnable> stages = new ArrayDeque<>();
    private boolean scheduled;

    SerialExecutor(Executor workers, String traceId) {
        this.workers = workers;
        this.traceId = traceId;
    }

    @Override
    public void execute(Runnable stage) {
        synchronized (this) {
            stages.addLast(stage);
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        try {
            workers.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                stages.clear();
                scheduled = false;
            }
            log.debug("stage of {} dropped: the workers are stopped", traceId);
        }
    }

    private void drain() {
        MDC.put("traceId", traceId);
        try {
            while (true) {
                Runnable next;
                synchronized (this) {
                    next = stages.pollFirst();
                    if (next == null) {
                        scheduled = false;
                        return;
                    }
                }
                try {
                    next.run();
                } catch (RuntimeException | Error e) {
                    // stages catch their own failures; this is a bug of ours, logged rather than killing the thread
                    log.error("a stage of the event run crashed", e);
                }
                // an interrupt meant for a cancelled handleEvent must not reach the next stage
                Thread.interrupted();
            }
        } finally {
            MDC.remove("traceId");
        }
    }
}
