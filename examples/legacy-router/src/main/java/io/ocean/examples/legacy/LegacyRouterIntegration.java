package io.ocean.examples.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.EntityChanges;
import io.ocean.webhook.Ocean;
import java.util.List;
import java.util.Map;

/**
 * The legacy style, before processors: a plain route under {@code /integration} that maps and applies items
 * itself with {@code registerRaw} / {@code unregisterRaw}. It answers only after the changes are applied, and does
 * no signature check, no queueing and no retries — the processor style does (see examples/github).
 */
public final class LegacyRouterIntegration {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LegacyRouterIntegration() {
    }

    /** Starts with the process environment. */
    public static void main(String[] args) {
        create(System.getenv()).start();
    }

    /** The integration, configured from {@code environment}; not started. */
    public static Ocean create(Map<String, String> environment) {
        Ocean ocean = Ocean.create(environment, cfg -> { });
        ocean.router().post("/webhook", ctx -> {
            JsonNode payload = JSON.readTree(ctx.bodyAsBytes());
            ObjectNode issue = ((ObjectNode) payload.path("issue").deepCopy()).set("repository",
                    payload.path("repository"));
            EntityChanges changes = "deleted".equals(payload.path("action").asText())
                    ? ocean.unregisterRaw("issue", List.of(issue))
                    : ocean.registerRaw("issue", List.of(issue));
            ctx.json(Map.of("upserted", changes.upserts().size(), "deleted", changes.deletes().size()));
        });
        return ocean;
    }
}
