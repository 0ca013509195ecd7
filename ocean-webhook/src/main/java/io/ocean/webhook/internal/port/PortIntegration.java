package io.ocean.webhook.internal.port;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.internal.Json;
import io.ocean.core.port.PortClient;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The integration in Port: created on first start with the default port app config, patched when its version or
 * type changed, left alone otherwise.
 */
public final class PortIntegration {

    private static final Logger log = LoggerFactory.getLogger(PortIntegration.class);

    private PortIntegration() {
    }

    /** Makes sure Port knows the integration as it is now; completes with Port's view of it. */
    public static CompletableFuture<JsonNode> register(PortClient client, String identifier, String type,
                                                       String version, PortAppConfig defaultConfig) {
        return client.getIntegration(identifier).thenCompose(existing -> {
            if (existing.isEmpty()) {
                ObjectNode body = Json.MAPPER.createObjectNode().put("installationId", identifier)
                        .put("installationAppType", type).put("version", version);
                body.set("config", Json.MAPPER.valueToTree(defaultConfig));
                log.info("registering integration {} ({} {}) in Port", identifier, type, version);
                return client.createIntegration(body).thenApply(created -> created.has("integration")
                        ? created.get("integration") : created);
            }
            JsonNode integration = existing.get();
            ObjectNode changes = Json.MAPPER.createObjectNode();
            if (!version.equals(integration.path("version").asText())) {
                changes.put("version", version);
            }
            if (!type.equals(integration.path("installationAppType").asText())) {
                changes.put("installationAppType", type);
            }
            if (changes.isEmpty()) {
                return CompletableFuture.completedFuture(integration);
            }
            log.info("updating integration {} in Port: {}", identifier, changes.fieldNames().hasNext()
                    ? String.join(", ", (Iterable<String>) changes::fieldNames) : "");
            return client.patchIntegration(identifier, changes).thenApply(patched -> patched.has("integration")
                    ? patched.get("integration") : patched);
        });
    }

    /** The port app config an integration holds, if it holds a usable one. */
    public static Optional<PortAppConfig> configOf(JsonNode integration) {
        JsonNode config = integration == null ? null : integration.get("config");
        if (config == null || !config.isObject() || !config.has("resources")) {
            return Optional.empty();
        }
        return Optional.of(io.ocean.core.internal.ConfigReader.read(config.toString(), "the integration's config in Port"));
    }
}
