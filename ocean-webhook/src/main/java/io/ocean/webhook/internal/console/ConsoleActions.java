package io.ocean.webhook.internal.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ocean.core.internal.Json;
import io.ocean.webhook.DeadLetter;
import io.ocean.webhook.internal.run.StoredEvents;
import io.ocean.webhook.store.EventPage;
import io.ocean.webhook.store.EventQuery;
import io.ocean.webhook.store.EventSummary;
import io.ocean.webhook.store.StoredEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The operators' bulk actions on dead letters, by filter: replay (one job at a time, on its own thread, at a bounded
 * rate, cancellable, with its progress) and discard (at most {@link #DISCARD_AT_MOST} a request, only with the count
 * the operator confirmed). Each action is logged with who did it and counted in {@code ocean.console.actions}.
 */
final class ConsoleActions {

    /**
     * The most dead letters one discard request deletes (the newest that match): it runs on the request's thread,
     * so it is bounded to one page read and this many deletes; a larger set takes several confirmed requests.
     */
    static final int DISCARD_AT_MOST = EventQuery.MAX_LIMIT;

    private static final Logger log = LoggerFactory.getLogger(ConsoleActions.class);
    private static final int PAGE = 100;
    private static final ThreadFactory REPLAY_THREADS = work -> {
        Thread thread = new Thread(work, "ocean-console-replay");
        thread.setDaemon(true);
        return thread;
    };

    private final ConsoleHost host;
    private final RecentEvents events;
    private final MeterRegistry registry;
    private final int replaysPerSecond;
    private final ThreadFactory threads;
    private final int discardAtMost;
    private final AtomicReference<ReplayJob> job = new AtomicReference<>();

    ConsoleActions(ConsoleHost host, RecentEvents events, MeterRegistry registry, int replaysPerSecond) {
        this(host, events, registry, replaysPerSecond, REPLAY_THREADS, DISCARD_AT_MOST);
    }

    /** With the replay's thread factory and the discard bound set, for tests. */
    ConsoleActions(ConsoleHost host, RecentEvents events, MeterRegistry registry, int replaysPerSecond,
            ThreadFactory threads, int discardAtMost) {
        this.host = host;
        this.events = events;
        this.registry = registry;
        this.replaysPerSecond = replaysPerSecond;
        this.threads = threads;
        this.discardAtMost = discardAtMost;
    }

    /** What one discard request did: {@code confirmed} false means nothing was deleted, confirm {@code matched}. */
    record Discarded(boolean confirmed, int matched, boolean more, long discarded) {
    }

    /** {@code POST /ocean/api/dead-letters/replay?<filter>}: 202 with the job; 409 while one runs. */
    void startReplay(Context ctx) {
        DeadLetterFilter filter = filter(ctx);
        if (filter == null) {
            return;
        }
        ReplayJob started;
        try {
            started = start(filter, who(ctx));
        } catch (IllegalStateException e) {
            ConsoleApi.error(ctx, 503, "replay_not_started", e.getMessage());
            return;
        }
        if (started == null) {
            ConsoleApi.error(ctx, 409, "replay_running", "a bulk replay runs; cancel it or wait for it to end");
            return;
        }
        ConsoleApi.json(ctx, 202, started.toJson());
    }

    /**
     * Starts a bulk replay on its own thread; null while another runs.
     *
     * @throws IllegalStateException when its thread cannot be started; the job then reads {@code failed}, so the
     *                               next start is not refused
     */
    ReplayJob start(DeadLetterFilter filter, String who) {
        ReplayJob next = new ReplayJob(filter, who);
        ReplayJob running = job.get();
        if (running != null && running.running() || !job.compareAndSet(running, next)) {
            return null;
        }
        try {
            threads.newThread(() -> run(next)).start();
        } catch (RuntimeException | OutOfMemoryError e) {
            // a job that never runs must not hold the slot: every later replay would be a 409 for good
            next.failed("its thread could not start: " + e);
            next.finish();
            log.warn("console: bulk replay of dead letters ({}) by {} could not start", filter, who, e);
            throw new IllegalStateException("the bulk replay could not start (" + e + "); try again", e);
        }
        log.info("console: bulk replay of dead letters ({}) started by {}", filter, who);
        counted("bulk-replay", who);
        return next;
    }

    /** The last bulk replay, or null when none ran. */
    ReplayJob lastReplay() {
        return job.get();
    }

    /** {@code GET /ocean/api/dead-letters/replay}: the last job's progress; 404 when none ran. */
    void replayStatus(Context ctx) {
        ReplayJob current = job.get();
        if (current == null) {
            ConsoleApi.error(ctx, 404, "not_found", "no bulk replay has run");
            return;
        }
        ConsoleApi.json(ctx, 200, current.toJson());
    }

    /** {@code POST /ocean/api/dead-letters/replay/cancel}: stops the running job after the event it is at. */
    void cancelReplay(Context ctx) {
        ReplayJob current = job.get();
        if (current == null || !current.running()) {
            ConsoleApi.error(ctx, 404, "not_found", "no bulk replay runs");
            return;
        }
        current.cancel();
        String who = who(ctx);
        log.info("console: bulk replay cancelled by {} after {} replayed", who, current.replayed());
        counted("bulk-replay-cancel", who);
        ConsoleApi.json(ctx, 202, current.toJson());
    }

    /**
     * {@code POST /ocean/api/dead-letters/discard?<filter>&confirm=<n>}: deletes the newest matching dead letters
     * (at most {@link #DISCARD_AT_MOST}) for good, only when {@code confirm} is how many that is now; otherwise 409
     * with that count, to be confirmed. {@code more} says whether others match beyond them.
     */
    void discard(Context ctx) {
        DeadLetterFilter filter = filter(ctx);
        if (filter == null) {
            return;
        }
        Discarded result;
        try {
            result = discard(filter, Text.param(ctx.queryParam("confirm")), who(ctx));
        } catch (UnsupportedOperationException e) {
            ConsoleApi.error(ctx, 501, "not_supported", "the event store cannot discard: " + e.getMessage());
            return;
        }
        if (!result.confirmed()) {
            String which = result.more() ? "the newest " + result.matched() + " matching dead letters (more match: "
                    + "discard again for the next)" : result.matched() + " dead letter(s)";
            ConsoleApi.json(ctx, 409, Json.MAPPER.createObjectNode().put("error", "confirm")
                    .put("message", "discarding deletes " + which + " for good; send confirm=" + result.matched()
                            + " to go ahead")
                    .put("matched", result.matched()).put("more", result.more()));
            return;
        }
        ObjectNode body = Json.MAPPER.createObjectNode().put("discarded", result.discarded())
                .put("more", result.more());
        ConsoleApi.json(ctx, 200, body);
    }

    /** The discard itself: one page read and at most {@code discardAtMost} deletes, on the caller's thread. */
    Discarded discard(DeadLetterFilter filter, String confirm, String who) {
        EventPage page = host.events(filter.query(Long.MAX_VALUE, discardAtMost));
        List<EventSummary> batch = page.events();
        boolean more = page.nextBeforeId() > 0;
        if (confirm == null || !confirm.equals(Integer.toString(batch.size()))) {
            return new Discarded(false, batch.size(), more, 0);
        }
        long discarded = 0;
        for (EventSummary letter : batch) {
            if (host.discard(letter.traceId())) {
                discarded++;
                try (MDC.MDCCloseable trace = MDC.putCloseable("traceId", letter.traceId())) {
                    log.info("console: dead letter discarded by {}, path={}", who, letter.path());
                }
            }
        }
        log.info("console: {} dead letter(s) ({}) discarded by {}{}", discarded, filter, who,
                more ? "; more match" : "");
        counted("discard", who);
        return new Discarded(true, batch.size(), more, discarded);
    }

    /**
     * {@code POST /ocean/api/paths/{path}/pause} and {@code .../resume}: 200 with the path's state; 404 for a path
     * no webhook is registered on; 501 when the event store cannot pause. Kept in the event store, so it holds
     * across restarts.
     */
    void setPaused(Context ctx, boolean paused) {
        String path = ConsoleApi.normalize(ctx.pathParam("path"));
        boolean known;
        try {
            known = host.setPaused(path, paused);
        } catch (UnsupportedOperationException e) {
            ConsoleApi.error(ctx, 501, "not_supported", "the event store cannot pause paths: " + e.getMessage());
            return;
        }
        if (!known) {
            ConsoleApi.error(ctx, 404, "not_found", "no webhook is registered on " + path);
            return;
        }
        String who = who(ctx);
        log.info("console: path {} {} by {}", path, paused ? "paused" : "resumed", who);
        counted(paused ? "pause" : "resume", who);
        ConsoleApi.json(ctx, 200, Json.MAPPER.createObjectNode().put("path", path).put("paused", paused));
    }

    /** A single replay from the page or a script, for the same log and count. */
    void single(Context ctx, String action) {
        counted(action, who(ctx));
    }

    /** Who asked: the bearer token, the login page's session, or a loopback client of a console without token. */
    static String who(Context ctx) {
        if (ctx.header("Authorization") != null) {
            return "token";
        }
        return ctx.cookie(ConsoleAccess.COOKIE) != null ? "session" : "loopback " + ctx.req().getRemoteAddr();
    }

    /** The request's filter, or null after answering 400. */
    private static DeadLetterFilter filter(Context ctx) {
        try {
            return DeadLetterFilter.of(ctx);
        } catch (IllegalArgumentException e) {
            ConsoleApi.error(ctx, 400, "invalid_filter", e.getMessage());
            return null;
        }
    }

    private void run(ReplayJob replay) {
        long pause = Math.max(1, 1_000 / Math.max(1, replaysPerSecond));
        long beforeId = Long.MAX_VALUE;
        try {
            // a replayed event gets a new, higher id: paging down from where it started never meets it again
            while (!replay.cancelled() && beforeId > 0) {
                EventPage page = host.events(replay.filter().query(beforeId, PAGE));
                for (EventSummary letter : page.events()) {
                    if (replay.cancelled()) {
                        break;
                    }
                    replay.matched();
                    replayOne(replay, letter.traceId());
                    Thread.sleep(pause); // the bounded rate: the queues and the store are not flooded
                }
                beforeId = page.nextBeforeId();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            replay.failed("its thread was interrupted"); // not cancelled by an operator: it must not read "done"
        } catch (RuntimeException e) {
            log.warn("console: bulk replay failed after {} replayed", replay.replayed(), e);
            // an exception without a message (a NullPointerException) must still read "failed", not "done"
            replay.failed(e.getMessage() != null ? e.getMessage() : e.toString());
        } finally {
            replay.finish();
            log.info("console: bulk replay by {} {}: {} replayed, {} refused, {} gone", replay.who(),
                    replay.cancelled() ? "cancelled" : "ended", replay.replayed(), replay.refused(), replay.gone());
        }
    }

    /** Replays one listed dead letter; one that is no longer a dead letter is counted apart, not as refused. */
    private void replayOne(ReplayJob replay, String traceId) {
        Optional<StoredEvent> held = host.heldDeadLetter(traceId);
        if (held.isEmpty()) {
            replay.goneOne(); // replayed or discarded since the page was read
            return;
        }
        // marked before it runs, as a single replay is: a fast run's outcome must not be overwritten
        DeadLetter letter = StoredEvents.toDeadLetter(held.get());
        events.replayed(letter);
        if (host.replay(traceId)) {
            replay.replayedOne();
        } else if (host.heldDeadLetter(traceId).isEmpty()) {
            replay.goneOne();
        } else {
            // kept as a dead letter: the recent events must not go on showing it queued (as a single replay does)
            events.replayRefused(traceId, letter.reason());
            replay.refusedOne();
        }
    }

    private void counted(String action, String who) {
        if (registry != null) {
            Counter.builder("ocean.console.actions").description("Operator actions in the console")
                    .tag("action", action).tag("by", who.startsWith("loopback") ? "loopback" : who)
                    .register(registry).increment();
        }
    }
}
