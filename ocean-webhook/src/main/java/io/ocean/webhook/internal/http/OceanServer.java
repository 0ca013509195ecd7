package io.ocean.webhook.internal.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.ocean.webhook.HttpConfig;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Builds the embedded Javalin server: health checks, error mapping, and the routes the caller adds. */
public final class OceanServer {

    private static final Logger log = LoggerFactory.getLogger(OceanServer.class);
    private static final int ACCEPT_QUEUE = 1024;

    /** Where the server listens and what it may read, and how slowly (see {@link HttpConfig} for each). */
    public record Settings(String host, int port, long maxBodyBytes, long minRequestBytesPerSecond,
                           long bodyReadTimeoutMillis, int maxConcurrentBodyReads) {

        /** Where the server listens and what it may read, with the default limits on slow bodies. */
        public Settings(String host, int port, long maxBodyBytes) {
            this(host, port, maxBodyBytes, HttpConfig.DEFAULT_MIN_REQUEST_BYTES_PER_SECOND,
                    HttpConfig.DEFAULT_BODY_READ_TIMEOUT_MILLIS, HttpConfig.DEFAULT_MAX_CONCURRENT_BODY_READS);
        }

        /** Everything {@code cfg.http} sets. */
        public static Settings of(HttpConfig http) {
            return new Settings(http.host, http.port, http.maxBodyBytes, http.minRequestBytesPerSecond,
                    http.bodyReadTimeoutMillis, http.maxConcurrentBodyReads);
        }
    }

    private OceanServer() {
    }

    /** Creates and starts the server; {@code routes} adds the integration's routes. */
    public static Javalin start(Settings settings, BooleanSupplier ready, Consumer<JavalinConfig> routes) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.http.maxRequestSize = settings.maxBodyBytes();
            // bodies are read whole, without a thread, before Javalin sees the request: see BodyGate
            config.jetty.modifyServer(server -> {
                server.insertHandler(new BodyGate(new BodyGate.Limits(settings.maxBodyBytes(),
                        settings.minRequestBytesPerSecond(), settings.bodyReadTimeoutMillis(),
                        settings.maxConcurrentBodyReads())));
                server.addEventListener(new LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(LifeCycle event) {
                        longerAcceptQueue(server);
                    }
                });
            });
            config.routes.get("/health/live", ctx -> health(ctx, true, "live"));
            config.routes.get("/health/ready", ctx -> health(ctx, ready.getAsBoolean(), "ready"));
            config.routes.exception(ContentTooLargeResponse.class, (e, ctx) -> WebhookEndpoint.respond(ctx,
                    Answer.error(413, "payload_too_large", "the body exceeds " + settings.maxBodyBytes() + " bytes",
                            traceId())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                String traceId = traceId();
                log.error("route {} {} failed [traceId={}]", ctx.method(), ctx.path(), traceId, e);
                WebhookEndpoint.respond(ctx, Answer.error(500, "internal_error", "the handler failed", traceId));
            });
            routes.accept(config);
        });
        return app.start();
    }

    /**
     * The JVM's default accept queue holds 50 connections: while slow senders reconnect by the thousand, the
     * kernel drops a real sender's new connection and TCP tries again only a second later.
     */
    private static void longerAcceptQueue(Server server) {
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector
                    && serverConnector.getAcceptQueueSize() < ACCEPT_QUEUE) {
                serverConnector.setAcceptQueueSize(ACCEPT_QUEUE);
            }
        }
    }

    private static void health(Context ctx, boolean up, String what) {
        ctx.status(up ? 200 : 503).contentType("application/json")
                .result("{\"status\":\"" + (up ? what : "not_" + what) + "\"}");
    }

    private static String traceId() {
        String traceId = MDC.get("traceId");
        return traceId != null ? traceId : io.ocean.core.WebhookEvent.newTraceId();
    }
}
