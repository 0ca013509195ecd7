package io.ocean.webhook.internal.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.LocalCatalog;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.internal.Json;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.OceanConfig;
import io.ocean.webhook.internal.port.PortAppConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** The health at a glance: queues per path, rates, dead letters, the port app config in force and its source. */
final class ConsoleStatus {

    private final Ocean ocean;
    private final ConsoleMetrics metrics;
    private final RecentEvents events;
    private final boolean tokenRequired;
    private final Supplier<String> appConfigSource;

    ConsoleStatus(Ocean ocean, ConsoleMetrics metrics, RecentEvents events, boolean tokenRequired) {
        this.ocean = ocean;
        this.metrics = metrics;
        this.events = events;
        this.tokenRequired = tokenRequired;
        this.appConfigSource = sourceOf(ocean.config());
    }

    ObjectNode toJson() {
        OceanConfig config = ocean.config();
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.putObject("integration").put("identifier", config.integration.identifier)
                .put("type", config.integration.type).put("version", config.integration.version);
        json.put("mode", mode());
        ArrayNode paths = json.putArray("paths");
        metrics.queues().forEach((path, queue) -> paths.addObject().put("path", path)
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
        PortAppConfig inForce = ocean.portAppConfig();
        if (inForce != null) {
            appConfig.put("resources", inForce.resources().size());
            try {
                appConfig.set("config", Json.MAPPER.valueToTree(inForce));
            } catch (IllegalArgumentException e) {
                appConfig.put("config", "not shown: " + e.getMessage());
            }
        }
        // resync lands separately; until it does, the page says it is not available
        json.putNull("lastResync");
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
        OceanConfig config = ocean.config();
        return config.port.enabled() && config.entitySink() == null && config.resultsHandler() == null
                ? "port" : "custom";
    }

    /** The local catalog, or null when entities go elsewhere (or the Ocean is not started). */
    LocalCatalog localCatalog() {
        try {
            return ocean.localCatalog();
        } catch (IllegalStateException e) {
            return null;
        }
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
