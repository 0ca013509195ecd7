package io.ocean.core.port;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.Entity;
import io.ocean.core.EntityRef;
import io.ocean.core.port.internal.EntitiesApi;
import io.ocean.core.port.internal.IntegrationsApi;
import io.ocean.core.port.internal.PortHttp;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Port's API, asynchronous: {@code PortClient.create(config)}. One token and one limit on requests in flight are
 * shared by every call; retries wait on a scheduler. Close it to stop its scheduler.
 */
public final class PortClient implements AutoCloseable {

    private final PortClientConfig config;
    private final ScheduledThreadPoolExecutor scheduler;
    private final EntitiesApi entities;
    private final IntegrationsApi integrations;
    private final io.ocean.core.port.internal.BlueprintsApi blueprints;

    private PortClient(PortClientConfig config) {
        this.config = config;
        this.scheduler = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "ocean-port-client");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.requestTimeout()).build();
        PortHttp http = new PortHttp(config, client, scheduler);
        this.entities = new EntitiesApi(http, config);
        this.integrations = new IntegrationsApi(http);
        this.blueprints = new io.ocean.core.port.internal.BlueprintsApi(http);
    }

    /** A client for the config. */
    public static PortClient create(PortClientConfig config) {
        return new PortClient(java.util.Objects.requireNonNull(config, "config"));
    }

    /** The config, secret included (its {@code toString} hides it). */
    public PortClientConfig config() {
        return config;
    }

    /**
     * Upserts entities: grouped by blueprint, at most 20 entities and 1 MiB per request, single upserts when Port
     * answers 413. Entities Port refuses are in {@link UpsertResult#failed()} with Port's reason.
     */
    public CompletableFuture<UpsertResult> upsertEntities(List<Entity> entities, boolean merge,
                                                          boolean createMissingRelatedEntities) {
        return this.entities.upsert(entities, merge, createMissingRelatedEntities);
    }

    /** Deletes those of the entities this integration owns; others' entities with the same identifiers survive. */
    public CompletableFuture<DeleteResult> deleteOwnedEntities(List<EntityRef> refs, boolean deleteDependents) {
        return entities.deleteOwned(refs, deleteDependents);
    }

    /**
     * Every entity this integration owns in Port (its {@code $datasource} is this client's User-Agent), as
     * blueprint and identifier: what a resync compares with what it produced to find stale entities.
     */
    public CompletableFuture<List<EntityRef>> ownedEntities() {
        return entities.allOwned();
    }

    /**
     * The entities of {@code blueprint} with these identifiers as Port holds them now (whoever owns them): what a
     * resync compares its entities with, to leave unchanged ones alone.
     */
    public CompletableFuture<List<JsonNode>> searchEntities(String blueprint, List<String> identifiers) {
        return entities.byIdentifiers(blueprint, identifiers);
    }

    /**
     * Reports a resync's progress to Port ({@code PATCH /v1/integration/{identifier}/resync-state}); completes with
     * the integration as Port shows it afterwards.
     */
    public CompletableFuture<JsonNode> patchResyncState(String identifier, JsonNode state) {
        return integrations.patchResyncState(identifier, state);
    }

    /** The blueprint as Port knows it ({@code GET /v1/blueprints/{identifier}}), or empty when Port has none. */
    public CompletableFuture<Optional<JsonNode>> getBlueprint(String identifier) {
        return blueprints.get(identifier);
    }

    /** Creates a blueprint ({@code POST /v1/blueprints}); fails with Port's error when Port refuses it. */
    public CompletableFuture<JsonNode> createBlueprint(JsonNode blueprint) {
        return blueprints.create(blueprint);
    }

    /** Changes fields of a blueprint ({@code PATCH /v1/blueprints/{identifier}}). */
    public CompletableFuture<JsonNode> patchBlueprint(String identifier, JsonNode changes) {
        return blueprints.patch(identifier, changes);
    }

    /** The integration as Port knows it, or empty. */
    public CompletableFuture<Optional<JsonNode>> getIntegration(String identifier) {
        return integrations.get(identifier);
    }

    /** Creates the integration. */
    public CompletableFuture<JsonNode> createIntegration(JsonNode integration) {
        return integrations.create(integration);
    }

    /** Changes fields of the integration. */
    public CompletableFuture<JsonNode> patchIntegration(String identifier, JsonNode changes) {
        return integrations.patch(identifier, changes);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
