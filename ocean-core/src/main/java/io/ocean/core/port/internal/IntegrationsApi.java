package io.ocean.core.port.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Port's integration endpoints: read, create, and patch the integration this client runs as. */
public final class IntegrationsApi {

    private final PortHttp http;

    /** The API over a transport. */
    public IntegrationsApi(PortHttp http) {
        this.http = http;
    }

    /** The integration, or empty when Port does not know it. */
    public CompletableFuture<Optional<JsonNode>> get(String identifier) {
        return http.send(new PortHttp.Request("GET", "/v1/integration/" + PortHttp.segment(identifier), null, true))
                .thenApply(response -> {
                    if (response.status() == 404) {
                        return Optional.empty();
                    }
                    JsonNode body = response.orThrow().body();
                    return Optional.of(body.has("integration") ? body.get("integration") : body);
                });
    }

    /** Creates an integration. */
    public CompletableFuture<JsonNode> create(JsonNode integration) {
        return http.send(new PortHttp.Request("POST", "/v1/integration", PortHttp.json(integration), true))
                .thenApply(response -> response.orThrow().body());
    }

    /** Changes fields of an integration. */
    public CompletableFuture<JsonNode> patch(String identifier, JsonNode changes) {
        return http.send(new PortHttp.Request("PATCH", "/v1/integration/" + PortHttp.segment(identifier),
                PortHttp.json(changes), true)).thenApply(response -> response.orThrow().body());
    }

    /**
     * Reports the progress of a resync: {@code PATCH /v1/integration/{identifier}/resync-state} with
     * {@code status}, {@code lastResyncStart}, {@code lastResyncEnd}, {@code nextResync} and
     * {@code intervalInMinuets} (Port's spelling).
     */
    public CompletableFuture<JsonNode> patchResyncState(String identifier, JsonNode state) {
        return http.send(new PortHttp.Request("PATCH", "/v1/integration/" + PortHttp.segment(identifier)
                + "/resync-state", PortHttp.json(state), true)).thenApply(response -> {
                    JsonNode body = response.orThrow().body();
                    return body.has("integration") ? body.get("integration") : body;
                });
    }
}
