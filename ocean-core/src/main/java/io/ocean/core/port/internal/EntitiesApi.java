package io.ocean.core.port.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.Entity;
import io.ocean.core.EntityRef;
import io.ocean.core.internal.Json;
import io.ocean.core.port.DeleteResult;
import io.ocean.core.port.EntityOutcome;
import io.ocean.core.port.PortClientConfig;
import io.ocean.core.port.UpsertResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Port's entity endpoints: bulk upsert (at most 20 entities and 1 MiB per request, single upserts when Port says
 * 413), the search that finds which entities this integration owns, and bulk delete.
 */
public final class EntitiesApi {

    /** Entities per bulk upsert request. */
    public static final int MAX_BULK_ENTITIES = 20;
    /** Bytes per bulk upsert request. */
    public static final long MAX_BULK_BYTES = 1024 * 1024;
    /** Identifiers per ownership search. */
    public static final int MAX_SEARCH_IDS = 50;
    /** Identifiers per bulk delete. */
    public static final int MAX_DELETE_IDS = 100;

    private static final byte[] ENVELOPE = "{\"entities\":[]}".getBytes(StandardCharsets.UTF_8);

    private final PortHttp http;
    private final PortClientConfig config;

    /** The API over a transport. */
    public EntitiesApi(PortHttp http, PortClientConfig config) {
        this.http = http;
        this.config = config;
    }

    /** Upserts the entities, grouped by blueprint and batched; per-entity failures are reported, not thrown. */
    public CompletableFuture<UpsertResult> upsert(List<Entity> entities, boolean merge, boolean createMissingRelated) {
        Map<String, List<Entity>> byBlueprint = new LinkedHashMap<>();
        entities.forEach(e -> byBlueprint.computeIfAbsent(e.blueprint(), b -> new ArrayList<>()).add(e));
        List<CompletableFuture<List<EntityOutcome>>> calls = new ArrayList<>();
        String query = "?upsert=true&merge=" + merge + "&create_missing_related_entities=" + createMissingRelated;
        byBlueprint.forEach((blueprint, group) -> {
            List<byte[]> bodies = group.stream().map(PortHttp::json).toList();
            for (List<Integer> batch : Batches.of(bodies.stream().map(b -> b.length).toList(), MAX_BULK_ENTITIES,
                    MAX_BULK_BYTES, ENVELOPE.length)) {
                List<Entity> sent = batch.stream().map(group::get).toList();
                List<byte[]> sentBodies = batch.stream().map(bodies::get).toList();
                calls.add(bulk(blueprint, query, sent, sentBodies));
            }
        });
        return all(calls).thenApply(UpsertResult::new);
    }

    private CompletableFuture<List<EntityOutcome>> bulk(String blueprint, String query, List<Entity> entities,
                                                        List<byte[]> bodies) {
        byte[] body = envelope(bodies);
        String path = "/v1/blueprints/" + PortHttp.segment(blueprint) + "/entities/bulk" + query;
        return http.send(new PortHttp.Request("POST", path, body, true)).thenCompose(response -> {
            if (response.status() == 413) {
                return single(blueprint, query, entities, bodies);
            }
            if (response.status() == 200 || response.status() == 207) {
                return CompletableFuture.completedFuture(outcomes(response, entities));
            }
            return CompletableFuture.completedFuture(allFailed(response, entities));
        });
    }

    private CompletableFuture<List<EntityOutcome>> single(String blueprint, String query, List<Entity> entities,
                                                          List<byte[]> bodies) {
        List<CompletableFuture<List<EntityOutcome>>> calls = new ArrayList<>();
        for (int i = 0; i < entities.size(); i++) {
            Entity entity = entities.get(i);
            String path = "/v1/blueprints/" + PortHttp.segment(blueprint) + "/entities" + query;
            calls.add(http.send(new PortHttp.Request("POST", path, bodies.get(i), true)).thenApply(response ->
                    response.ok() ? List.of(new EntityOutcome(entity, true, response.status() == 201, response.status(),
                            null, null)) : allFailed(response, List.of(entity))));
        }
        return all(calls);
    }

    private static List<EntityOutcome> outcomes(PortResponse response, List<Entity> entities) {
        EntityOutcome[] byIndex = new EntityOutcome[entities.size()];
        for (JsonNode ok : response.body().path("entities")) {
            int index = ok.path("index").asInt(-1);
            if (index >= 0 && index < byIndex.length) {
                byIndex[index] = new EntityOutcome(entities.get(index), true, ok.path("created").asBoolean(false), 200,
                        null, null);
            }
        }
        for (JsonNode error : response.body().path("errors")) {
            int index = error.path("index").asInt(-1);
            if (index >= 0 && index < byIndex.length) {
                byIndex[index] = new EntityOutcome(entities.get(index), false, false,
                        error.path("statusCode").asInt(422), error.path("error").asText(null),
                        error.path("message").asText(null));
            }
        }
        List<EntityOutcome> outcomes = new ArrayList<>(entities.size());
        for (int i = 0; i < byIndex.length; i++) {
            outcomes.add(byIndex[i] != null ? byIndex[i] : response.status() == 200
                    ? new EntityOutcome(entities.get(i), true, false, 200, null, null)
                    : new EntityOutcome(entities.get(i), false, false, response.status(), "unknown",
                    "Port's 207 answer did not mention this entity"));
        }
        return outcomes;
    }

    private static List<EntityOutcome> allFailed(PortResponse response, List<Entity> entities) {
        return entities.stream().map(e -> new EntityOutcome(e, false, false, response.status(), response.error(),
                response.message())).toList();
    }

    /**
     * Deletes the entities this integration owns — found by a search on {@code $identifier}, {@code $blueprint} and
     * the {@code $datasource} this client's User-Agent left — and leaves the others alone. A 404 means already gone.
     */
    public CompletableFuture<DeleteResult> deleteOwned(List<EntityRef> refs, boolean deleteDependents) {
        Map<String, List<String>> byBlueprint = new LinkedHashMap<>();
        refs.forEach(r -> byBlueprint.computeIfAbsent(r.blueprint(), b -> new ArrayList<>()).add(r.identifier()));
        List<CompletableFuture<DeleteResult>> calls = new ArrayList<>();
        byBlueprint.forEach((blueprint, ids) -> calls.add(deleteOwned(blueprint, List.copyOf(new java.util.LinkedHashSet<>(ids)),
                deleteDependents)));
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<EntityRef> deleted = new ArrayList<>();
            List<EntityRef> notOwned = new ArrayList<>();
            calls.forEach(call -> {
                deleted.addAll(call.join().deleted());
                notOwned.addAll(call.join().notOwned());
            });
            return new DeleteResult(deleted, notOwned);
        });
    }

    private CompletableFuture<DeleteResult> deleteOwned(String blueprint, List<String> ids, boolean deleteDependents) {
        List<CompletableFuture<List<String>>> searches = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += MAX_SEARCH_IDS) {
            searches.add(owned(blueprint, ids.subList(from, Math.min(ids.size(), from + MAX_SEARCH_IDS))));
        }
        return all(searches).thenCompose(owned -> {
            List<CompletableFuture<Void>> deletes = new ArrayList<>();
            for (int from = 0; from < owned.size(); from += MAX_DELETE_IDS) {
                deletes.add(bulkDelete(blueprint, owned.subList(from, Math.min(owned.size(), from + MAX_DELETE_IDS)),
                        deleteDependents));
            }
            Set<String> ownedSet = new HashSet<>(owned);
            return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new)).thenApply(done -> new DeleteResult(
                    owned.stream().map(id -> new EntityRef(blueprint, id)).toList(),
                    ids.stream().filter(id -> !ownedSet.contains(id)).map(id -> new EntityRef(blueprint, id)).toList()));
        });
    }

    private CompletableFuture<List<String>> owned(String blueprint, List<String> ids) {
        ObjectNode query = Json.MAPPER.createObjectNode().put("combinator", "and");
        ArrayNode rules = query.putArray("rules");
        ObjectNode identifiers = rules.addObject().put("property", "$identifier").put("operator", "in");
        ids.forEach(identifiers.putArray("value")::add);
        rules.addObject().put("property", "$blueprint").put("operator", "=").put("value", blueprint);
        addDatasourceRules(rules);
        return search(query).thenApply(found -> found.stream().map(EntityRef::identifier).toList());
    }

    /**
     * Every entity this integration owns, across blueprints: the same {@code $datasource} search the deletes use,
     * without the identifier rule, asking Port for the identifier and blueprint only.
     */
    public CompletableFuture<List<EntityRef>> allOwned() {
        ObjectNode query = Json.MAPPER.createObjectNode().put("combinator", "and");
        addDatasourceRules(query.putArray("rules"));
        return search(query);
    }

    /**
     * The entities of {@code blueprint} with these identifiers as Port holds them, whoever owns them: one search per
     * {@value #MAX_SEARCH_IDS} identifiers.
     */
    public CompletableFuture<List<JsonNode>> byIdentifiers(String blueprint, List<String> ids) {
        List<CompletableFuture<List<JsonNode>>> searches = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += MAX_SEARCH_IDS) {
            ObjectNode query = Json.MAPPER.createObjectNode().put("combinator", "and");
            ArrayNode rules = query.putArray("rules");
            ObjectNode identifiers = rules.addObject().put("property", "$identifier").put("operator", "in");
            ids.subList(from, Math.min(ids.size(), from + MAX_SEARCH_IDS)).forEach(identifiers.putArray("value")::add);
            rules.addObject().put("property", "$blueprint").put("operator", "=").put("value", blueprint);
            searches.add(http.send(new PortHttp.Request("POST", "/v1/entities/search", PortHttp.json(query), true))
                    .thenApply(response -> {
                        List<JsonNode> found = new ArrayList<>();
                        response.orThrow().body().path("entities").forEach(found::add);
                        return found;
                    }));
        }
        return all(searches);
    }

    private void addDatasourceRules(ArrayNode rules) {
        rules.addObject().put("property", "$datasource").put("operator", "contains")
                .put("value", "port-ocean/" + config.integrationType() + "/");
        rules.addObject().put("property", "$datasource").put("operator", "contains")
                .put("value", "/" + config.integrationIdentifier() + "/exporter");
    }

    private CompletableFuture<List<EntityRef>> search(ObjectNode query) {
        return http.send(new PortHttp.Request("POST", "/v1/entities/search?include=%24identifier&include=%24blueprint",
                PortHttp.json(query), true)).thenApply(response -> {
                    response.orThrow();
                    List<EntityRef> found = new ArrayList<>();
                    response.body().path("entities").forEach(e -> found.add(new EntityRef(e.path("blueprint").asText(),
                            e.path("identifier").asText())));
                    return found;
                });
    }

    private CompletableFuture<Void> bulkDelete(String blueprint, List<String> ids, boolean deleteDependents) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ids.forEach(body.putArray("entities")::add);
        String path = "/v1/blueprints/" + PortHttp.segment(blueprint) + "/bulk/entities/delete?delete_dependents="
                + deleteDependents;
        return http.send(new PortHttp.Request("POST", path, PortHttp.json(body), true)).thenAccept(response -> {
            if (response.status() != 404) {
                response.orThrow();
            }
        });
    }

    private static byte[] envelope(List<byte[]> bodies) {
        int size = ENVELOPE.length + bodies.stream().mapToInt(b -> b.length + 1).sum();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(size);
        out.writeBytes("{\"entities\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < bodies.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(bodies.get(i));
        }
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static <T> CompletableFuture<List<T>> all(List<CompletableFuture<List<T>>> calls) {
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<T> joined = new ArrayList<>();
            calls.forEach(call -> joined.addAll(call.join()));
            return joined;
        });
    }
}
