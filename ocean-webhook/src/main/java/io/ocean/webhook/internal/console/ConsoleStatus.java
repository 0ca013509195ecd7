package io.ocean.webhook.internal.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.LocalCatalog;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.internal.Json;
import io.ocean.webhook.ResyncOutcome;
import io.ocean.webhook.OceanConfig;
import io.ocean.webhook.internal.port.PortAppConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The health at a glance: queues per path, rates, dead letters, the port app config in force and its source, the
 * last resync.
 */
final class ConsoleStatus {

    private final OceanConfig config;
    private final ConsoleHost host;
    private final ConsoleMetrics metrics;
    private final RecentEvents events;
    private final boolean tokenRequired;
    private final Supplier<String> appConfigSource;

    ConsoleStatus(OceanConfig config, ConsoleHost host, ConsoleMetrics metrics, RecentEvents events,
                  boolean tokenRequired) {
        this.config = config;
        this.host = host;
        this.metrics = metrics;
        this.events = events;
        this.tokenRequired = tokenRequired;
        this.appConfigSource = sourceOf(config);
    }

    ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.putObject("integration").put("identifier", config.integration.identifier)
                .put("type", config.integration.type).put("version", config.integration.version);
        json.put("mode", mode());
        ArrayNode paths = json.putArray("paths");
        java.util.Set<String> paused = host.pausedPaths();
        metrics.queues().forEach((path, queue) -> paths.addObject().put("path", path)
                .put("paused", paused.contains(path))
                .put("queued", queue.events().get().longValue())
                .put("queuedBytes", queue.bytes().get().longValue())
                .put("oldestQueuedSeconds", queue.oldestAgeSeconds().get().doubleValue()));
        json.put("deadLetters", metrics.deadLetters());
        EventRates.Snapshot rates = events.rates();
        ObjectNode series = json.putObject("rates").put("start", rates.startEpochSecond())
                .put("stepSeconds", rates.stepSeconds());
        array(series.putArray("received"), rates.received());
        array(series.putArray("processed"), rates.processed());
        array(series.putArray("deadLettered"), rates.deadLettered());
        ObjectNode appConfig = json.putObject("portAppConfig").put("source", appConfigSource.get());
        PortAppConfig inForce = host.portAppConfig();
        if (inForce != null) {
            appConfig.put("resources", inForce.resources().size());
            try {
                appConfig.set("config", Json.MAPPER.valueToTree(inForce));
            } catch (IllegalArgumentException e) {
                appConfig.put("config", "not shown: " + e.getMessage());
            }
        }
        lastResync(json);
        long[] held = events.held();
        json.putObject("console").put("recentEventsPerPath", config.console.recentEvents)
                .put("eventsHeld", held[0]).put("payloadBytesHeld", held[1])
                .put("payloadBytesBudget", config.console.payloadBytes)
                .put("access", tokenRequired ? "token" : "loopback");
        json.put("now", events.now().toString());
        return json;
    }

    /** {@code local} (the local catalog), {@code port}, or {@code custom} (an entity sink or results handler in code). */
    String mode() {
        if (localCatalog() != null) {
            return "local";
        }
        return config.port.enabled() && config.entitySink() == null && config.resultsHandler() == null
                ? "port" : "custom";
    }

    /** The local catalog, or null when entities go elsewhere (or the Ocean is not started). */
    LocalCatalog localCatalog() {
        try {
            return host.localCatalog();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /**
     * {@code lastResync}: the one running now ({@code status: running}), else the last finished one, else null (none
     * has run: no {@code onResync} handler, or the first has not finished).
     */
    private void lastResync(ObjectNode json) {
        Instant running = host.resyncRunningSince();
        ResyncOutcome last = host.lastResync();
        if (running != null) {
            ObjectNode now = json.putObject("lastResync").put("status", "running").put("startedAt", running.toString());
            if (last != null) {
                now.put("previousStatus", status(last)).put("previousFinishedAt", last.endedAt().toString());
            }
        } else if (last != null) {
            json.putObject("lastResync").put("status", status(last)).put("trigger", last.trigger())
                    .put("startedAt", last.startedAt().toString()).put("finishedAt", last.endedAt().toString())
                    .put("deleted", last.deleted()).put("errors", last.errors().size());
        } else {
            json.putNull("lastResync");
        }
    }

    private static String status(ResyncOutcome outcome) {
        return outcome.status().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static void array(ArrayNode target, long[] values) {
        for (long value : values) {
            target.add(value);
        }
    }

    /** Where the port app config comes from, in the order Ocean looks: code, Port, the file, the resource. */
    private static Supplier<String> sourceOf(OceanConfig config) {
        if (config.portAppConfig() != null) {
            return () -> "code (cfg.portAppConfig)";
        }
        String fallback = Files.isRegularFile(Path.of(PortAppConfigLoader.DEFAULT_PATH)) ? "the file "
                + Path.of(PortAppConfigLoader.DEFAULT_PATH).toAbsolutePath()
                : Thread.currentThread().getContextClassLoader().getResource(PortAppConfigLoader.DEFAULT_PATH) != null
                ? "the classpath resource " + PortAppConfigLoader.DEFAULT_PATH : "none (an empty config)";
        if (config.port.enabled()) {
            return () -> "Port (integration " + config.integration.identifier + ", read again every "
                    + config.port.appConfigCacheSeconds + " s; until Port answers: " + fallback + ")";
        }
        return () -> fallback;
    }
}
