package io.ocean.webhook.internal.port;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.OceanException;
import io.ocean.core.internal.Json;
import io.ocean.core.port.PortApiException;
import io.ocean.core.port.PortClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates in Port the blueprints of {@code blueprints.json} that Port does not have, at start, as the Python framework
 * does; an existing blueprint is never changed. The missing ones are created without relations first, then given
 * their relations, so that blueprints relating to each other can be created in any order.
 */
public final class BlueprintSetup {

    private static final Logger log = LoggerFactory.getLogger(BlueprintSetup.class);

    private BlueprintSetup() {
    }

    /**
     * Creates the missing blueprints, waiting at most {@code wait} for each call.
     *
     * @return the identifiers created
     * @throws OceanException naming the blueprint and Port's answer when Port refuses one or cannot be reached
     */
    public static List<String> ensure(PortClient client, List<ObjectNode> blueprints, Duration wait) {
        List<ObjectNode> missing = new ArrayList<>();
        for (ObjectNode blueprint : blueprints) {
            String identifier = blueprint.get("identifier").asText();
            Optional<JsonNode> existing = call(() -> client.getBlueprint(identifier).get(wait.toMillis(),
                    TimeUnit.MILLISECONDS), "read blueprint " + identifier);
            if (existing.isEmpty()) {
                missing.add(blueprint);
            }
        }
        for (ObjectNode blueprint : missing) {
            ObjectNode withoutRelations = blueprint.deepCopy();
            withoutRelations.set("relations", Json.MAPPER.createObjectNode());
            String identifier = blueprint.get("identifier").asText();
            call(() -> client.createBlueprint(withoutRelations).get(wait.toMillis(), TimeUnit.MILLISECONDS),
                    "create blueprint " + identifier);
            log.info("created blueprint {} in Port (from {})", identifier, BlueprintsFile.DEFAULT_PATH);
        }
        for (ObjectNode blueprint : missing) {
            JsonNode relations = blueprint.path("relations");
            if (relations.isObject() && !relations.isEmpty()) {
                String identifier = blueprint.get("identifier").asText();
                ObjectNode changes = Json.MAPPER.createObjectNode();
                changes.set("relations", relations);
                call(() -> client.patchBlueprint(identifier, changes).get(wait.toMillis(), TimeUnit.MILLISECONDS),
                        "add the relations of blueprint " + identifier);
            }
        }
        return missing.stream().map(b -> b.get("identifier").asText()).toList();
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws Exception;
    }

    private static <T> T call(Call<T> call, String what) {
        try {
            return call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OceanException("interrupted while trying to " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String detail = cause instanceof PortApiException port ? port.getMessage() : cause.toString();
            throw new OceanException("cannot " + what + " in Port (" + BlueprintsFile.DEFAULT_PATH + "): " + detail,
                    cause);
        } catch (TimeoutException e) {
            throw new OceanException("cannot " + what + " in Port: no answer in time", e);
        } catch (Exception e) {
            throw new OceanException("cannot " + what + " in Port: " + e, e);
        }
    }
}
