package io.ocean.core.port.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Port's blueprint endpoints: read, create and patch a blueprint ({@code /v1/blueprints}). */
public final class BlueprintsApi {

    private final PortHttp http;

    /** The API over a transport. */
    public BlueprintsApi(PortHttp http) {
        this.http = http;
    }

    /** The blueprint, or empty when Port does not know it. */
    public CompletableFuture<Optional<JsonNode>> get(String identifier) {
        return http.send(new PortHttp.Request("GET", "/v1/blueprints/" + PortHttp.segment(identifier), null, true))
                .thenApply(response -> {
                    if (response.status() == 404) {
                        return Optional.empty();
                    }
                    JsonNode body = response.orThrow().body();
                    return Optional.of(body.has("blueprint") ? body.get("blueprint") : body);
                });
    }

    /** Creates a blueprint. */
    public CompletableFuture<JsonNode> create(JsonNode blueprint) {
        return http.send(new PortHttp.Request("POST", "/v1/blueprints", PortHttp.json(blueprint), true))
                .thenApply(response -> response.orThrow().body());
    }

    /** Changes fields of a blueprint (the relations, once every target exists). */
    public CompletableFuture<JsonNode> patch(String identifier, JsonNode changes) {
        return http.send(new PortHttp.Request("PATCH", "/v1/blueprints/" + PortHttp.segment(identifier),
                PortHttp.json(changes), true)).thenApply(response -> response.orThrow().body());
    }
}
