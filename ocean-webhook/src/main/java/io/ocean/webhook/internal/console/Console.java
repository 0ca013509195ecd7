package io.ocean.webhook.internal.console;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.ocean.webhook.ConsoleConfig;
import io.ocean.webhook.OceanConfig;
import io.ocean.webhook.internal.run.RuntimeMetrics;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console under {@code /ocean/}: what the Ocean's assembly wires in. Off, it records nothing, passes the metrics through and
 * mounts no route, so {@code /ocean/} is a 404 like any unknown path.
 */
public final class Console {

    /** Where the console is served. */
    public static final String ROOT = "/ocean";

    private static final Logger log = LoggerFactory.getLogger(Console.class);

    private final OceanConfig config;
    private final ConsoleHost host;
    private final RecentEvents events;
    private final ConsoleAccess access;
    private ConsoleMetrics metrics;

    private Console(OceanConfig config, ConsoleHost host) {
        this.config = config;
        this.host = host;
        ConsoleConfig console = config.console;
        this.events = console.enabled ? new RecentEvents(console.recentEvents, (int) console.payloadBytes,
                Clock.systemUTC())
                : null;
        this.access = console.enabled ? new ConsoleAccess(console.token) : null;
    }

    /**
     * The console as {@code config.console} says (on or off), over {@code host}, which it reads only once the
     * server is up (so it may still be being wired).
     */
    public static Console of(OceanConfig config, ConsoleHost host) {
        return new Console(config, host);
    }

    /** What the runtime records into: {@link ConsoleRecorder#OFF} when the console is off. */
    public ConsoleRecorder recorder() {
        return events == null ? ConsoleRecorder.OFF : events;
    }

    /** The runtime's metrics, with the queue gauges also kept for the console when it is on. */
    public RuntimeMetrics metrics(RuntimeMetrics runtime) {
        if (events == null) {
            return runtime;
        }
        metrics = new ConsoleMetrics(runtime);
        return metrics;
    }

    /** Adds the console's routes to the server being built; nothing when off. */
    public void mount(JavalinConfig javalin) {
        if (events == null) {
            return;
        }
        ConsoleMetrics gauges = metrics != null ? metrics : new ConsoleMetrics(RuntimeMetrics.NONE);
        ConsoleStatus status = new ConsoleStatus(config, host, gauges, events, access.tokenRequired());
        ConsoleApi api = new ConsoleApi(host, events, status);
        ConsoleActions actions = new ConsoleActions(host, events, config.metrics.registry(),
                config.console.replaysPerSecond);
        ConsoleAssets assets = new ConsoleAssets();
        ConsoleLogin login = new ConsoleLogin(access, assets);
        // Javalin matches /ocean and /ocean/ alike; the page's relative links need the slash
        javalin.routes.get(ROOT + "/", page(ctx -> {
            if (ctx.path().endsWith("/")) {
                assets.serve(ctx, "index.html");
            } else {
                ctx.redirect(ROOT + "/", HttpStatus.SEE_OTHER);
            }
        }));
        javalin.routes.get(ROOT + "/assets/{name}", page(ctx -> assets.serve(ctx, ctx.pathParam("name"))));
        javalin.routes.get(ROOT + "/login", login::page);
        javalin.routes.post(ROOT + "/login", login::submit);
        javalin.routes.post(ROOT + "/logout", login::logout);
        javalin.routes.get(ROOT + "/api/events", read(api::events));
        javalin.routes.get(ROOT + "/api/events/{traceId}", read(api::event));
        javalin.routes.get(ROOT + "/api/dead-letters", read(api::deadLetters));
        // the bulk routes first: "replay" and "discard" are not trace ids
        javalin.routes.post(ROOT + "/api/dead-letters/replay", write(actions::startReplay));
        javalin.routes.get(ROOT + "/api/dead-letters/replay", read(actions::replayStatus));
        javalin.routes.post(ROOT + "/api/dead-letters/replay/cancel", write(actions::cancelReplay));
        javalin.routes.post(ROOT + "/api/dead-letters/discard", write(actions::discard));
        javalin.routes.get(ROOT + "/api/dead-letters/{traceId}", read(api::deadLetter));
        javalin.routes.post(ROOT + "/api/dead-letters/{traceId}/replay",
                write(ctx -> actions.single(ctx, api.replay(ctx))));
        javalin.routes.post(ROOT + "/api/paths/{path}/pause", write(ctx -> actions.setPaused(ctx, true)));
        javalin.routes.post(ROOT + "/api/paths/{path}/resume", write(ctx -> actions.setPaused(ctx, false)));
        javalin.routes.get(ROOT + "/api/entities", read(api::entities));
        javalin.routes.get(ROOT + "/api/status", read(api::status));
    }

    /** Logs where the console is; the token, if any, is never part of it. */
    public void announce(String host, int port) {
        if (events == null) {
            return;
        }
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
        log.info("Ocean console at http://{}:{}{}/ ({})", shown, port, ROOT, access.tokenRequired()
                ? "token required: sign in with OCEAN__CONSOLE__TOKEN" : "loopback clients only; set a token to open it wider");
    }

    private Handler page(Handler handler) {
        return ctx -> {
            ConsoleAccess.Verdict verdict = access.check(ctx, false);
            if (verdict == ConsoleAccess.Verdict.UNAUTHORIZED) {
                ctx.redirect(ROOT + "/login", HttpStatus.SEE_OTHER);
                return;
            }
            if (refused(ctx, verdict)) {
                return;
            }
            securityHeaders(ctx);
            handler.handle(ctx);
        };
    }

    private Handler read(Handler handler) {
        return guarded(handler, false);
    }

    private Handler write(Handler handler) {
        return guarded(handler, true);
    }

    private Handler guarded(Handler handler, boolean stateChanging) {
        return ctx -> {
            if (!refused(ctx, access.check(ctx, stateChanging))) {
                securityHeaders(ctx);
                handler.handle(ctx);
            }
        };
    }

    /** Answers a refused request and says so; the answers name nothing about the token. */
    static boolean refused(Context ctx, ConsoleAccess.Verdict verdict) {
        switch (verdict) {
            // word for word what Javalin answers for a path it has no route for
            case NOT_FOUND -> ctx.status(404).contentType("text/plain")
                    .result("Endpoint " + ctx.method() + " " + ctx.path() + " not found");
            case UNAUTHORIZED -> ConsoleApi.error(ctx, 401, "unauthorized", "unauthorized");
            case FORBIDDEN -> ConsoleApi.error(ctx, 403, "forbidden", "cross-origin requests are refused");
            default -> {
                return false;
            }
        }
        return true;
    }

    static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' "
                + "'unsafe-inline'; frame-ancestors 'none'; form-action 'self'");
    }
}
