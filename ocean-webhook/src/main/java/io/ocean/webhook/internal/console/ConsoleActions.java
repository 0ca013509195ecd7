package io.ocean.webhook.internal.console;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ocean.core.internal.Json;
import io.ocean.webhook.internal.run.StoredEvents;
import io.ocean.webhook.store.EventPage;
import io.ocean.webhook.store.EventSummary;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The operators' bulk actions on dead letters, by filter: replay (one job at a time, on its own thread, at a bounded
 * rate, cancellable, with its progress) and discard (only with the count the operator confirmed). Each action is
 * logged with who did it and counted in {@code ocean.console.actions}.
 */
final class ConsoleActions {

    private static final Logger log = LoggerFactory.getLogger(ConsoleActions.class);
    private static final int PAGE = 100;

    private final ConsoleHost host;
    private final RecentEvents events;
    private final MeterRegistry registry;
    private final int replaysPerSecond;
    private final AtomicReference<ReplayJob> job = new AtomicReference<>();

    ConsoleActions(ConsoleHost host, RecentEvents events, MeterRegistry registry, int replaysPerSecond) {
        this.host = host;
        this.events = events;
        this.registry = registry;
        this.replaysPerSecond = replaysPerSecond;
    }

    /** {@code POST /ocean/api/dead-letters/replay?<filter>}: 202 with the job; 409 while one runs. */
    void startReplay(Context ctx) {
        DeadLetterFilter filter;
        try {
            filter = DeadLetterFilter.of(ctx);
        } catch (IllegalArgumentException e) {
            ConsoleApi.error(ctx, 400, "invalid_filter", e.getMessage());
            return;
        }
        String who = who(ctx);
        ReplayJob next = new ReplayJob(filter, who);
        ReplayJob running = job.get();
        if (running != null && running.running() || !job.compareAndSet(running, next)) {
            ConsoleApi.error(ctx, 409, "replay_running", "a bulk replay runs; cancel it or wait for it to end");
            return;
        }
        log.info("console: bulk replay of dead letters ({}) started by {}", filter, who);
        counted("bulk-replay", who);
        Thread thread = new Thread(() -> run(next), "ocean-console-replay");
        thread.setDaemon(true);
        thread.start();
        ConsoleApi.json(ctx, 202, next.toJson());
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
     * {@code POST /ocean/api/dead-letters/discard?<filter>&confirm=<n>}: deletes the matching dead letters for good,
     * only when {@code confirm} is how many match now; otherwise 409 with that count, to be confirmed.
     */
    void discard(Context ctx) {
        DeadLetterFilter filter;
        try {
            filter = DeadLetterFilter.of(ctx);
        } catch (IllegalArgumentException e) {
            ConsoleApi.error(ctx, 400, "invalid_filter", e.getMessage());
            return;
        }
        long matched = count(filter);
        String confirm = Text.param(ctx.queryParam("confirm"));
        if (confirm == null || !confirm.equals(Long.toString(matched))) {
            ConsoleApi.json(ctx, 409, Json.MAPPER.createObjectNode().put("error", "confirm")
                    .put("message", "discarding deletes " + matched + " dead letter(s) for good; send confirm="
                            + matched + " to go ahead").put("matched", matched));
            return;
        }
        String who = who(ctx);
        long discarded = 0;
        long beforeId = Long.MAX_VALUE;
        do {
            EventPage page = host.events(filter.query(beforeId, PAGE));
            for (EventSummary letter : page.events()) {
                if (host.discard(letter.traceId())) {
                    discarded++;
                    try (MDC.MDCCloseable trace = MDC.putCloseable("traceId", letter.traceId())) {
                        log.info("console: dead letter discarded by {}, path={}", who, letter.path());
                    }
                }
            }
            beforeId = page.nextBeforeId();
        } while (beforeId > 0);
        log.info("console: {} dead letter(s) ({}) discarded by {}", discarded, filter, who);
        counted("discard", who);
        ConsoleApi.json(ctx, 200, Json.MAPPER.createObjectNode().put("discarded", discarded));
    }

    /**
     * {@code POST /ocean/api/paths/{path}/pause} and {@code .../resume}: 200 with the path's state; 404 for a path
     * no webhook is registered on. Kept in the event store, so it holds across restarts.
     */
    void setPaused(Context ctx, boolean paused) {
        String path = ConsoleApi.normalize(ctx.pathParam("path"));
        if (!host.setPaused(path, paused)) {
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

    private long count(DeadLetterFilter filter) {
        long count = 0;
        long beforeId = Long.MAX_VALUE;
        do {
            EventPage page = host.events(filter.query(beforeId, io.ocean.webhook.store.EventQuery.MAX_LIMIT));
            count += page.events().size();
            beforeId = page.nextBeforeId();
        } while (beforeId > 0);
        return count;
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
                    // marked before it runs, as a single replay is: a fast run's outcome must not be overwritten
                    host.heldEvent(letter.traceId()).map(StoredEvents::toDeadLetter).ifPresent(events::replayed);
                    if (host.replay(letter.traceId())) {
                        replay.replayedOne();
                    } else {
                        replay.refusedOne();
                    }
                    Thread.sleep(pause); // the bounded rate: the queues and the store are not flooded
                }
                beforeId = page.nextBeforeId();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("console: bulk replay failed after {} replayed", replay.replayed(), e);
            replay.failed(e.getMessage());
        } finally {
            replay.finish();
            log.info("console: bulk replay by {} {}: {} replayed, {} refused", replay.who(),
                    replay.cancelled() ? "cancelled" : "ended", replay.replayed(), replay.refused());
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
