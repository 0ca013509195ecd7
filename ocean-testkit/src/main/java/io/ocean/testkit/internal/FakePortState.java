package io.ocean.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** What the fake Port holds: entities with their datasource, the integration, and issued tokens. Synchronised. */
public final class FakePortState {

    /** An entity as stored, with the User-Agent that wrote it last and when ({@link System#nanoTime()}). */
    public record Stored(ObjectNode entity, String datasource, long writtenAtNanos) {
    }

    private final Map<String, Stored> entities = new LinkedHashMap<>();
    private final List<String> tokens = new ArrayList<>();
    private ObjectNode integration;
    private JsonNode portAppConfig;
    private final List<JsonNode> resyncStates = new ArrayList<>();
    private final Map<String, ObjectNode> blueprints = new LinkedHashMap<>();
    private java.time.Instant lastTouch = java.time.Instant.EPOCH;

    static String key(String blueprint, String identifier) {
        return blueprint + "\u0000" + identifier;
    }

    /** Stores an entity as written by {@code datasource}. */
    public synchronized void put(String blueprint, String identifier, ObjectNode entity, String datasource) {
        entities.put(key(blueprint, identifier), new Stored(entity, datasource, System.nanoTime()));
    }

    /**
     * Replaces the entity with what {@code update} makes of the stored one (null when there is none), as one step
     * under the lock; true when there was none.
     */
    synchronized boolean upsert(String blueprint, String identifier, UnaryOperator<ObjectNode> update,
                                String datasource) {
        Stored existing = entities.get(key(blueprint, identifier));
        put(blueprint, identifier, update.apply(existing == null ? null : existing.entity()), datasource);
        return existing == null;
    }

    synchronized Stored get(String blueprint, String identifier) {
        return entities.get(key(blueprint, identifier));
    }

    synchronized boolean remove(String blueprint, String identifier) {
        return entities.remove(key(blueprint, identifier)) != null;
    }

    /** Every stored entity, in the order first written. */
    public synchronized List<Stored> all() {
        return List.copyOf(entities.values());
    }

    /** How many entities are stored. */
    public synchronized int size() {
        return entities.size();
    }

    /** The stored entity, or null. */
    public synchronized Stored stored(String blueprint, String identifier) {
        return entities.get(key(blueprint, identifier));
    }

    synchronized void issue(String token) {
        tokens.add(token);
    }

    synchronized boolean valid(String token) {
        return tokens.contains(token);
    }

    /** The integration as created and patched, or null. */
    public synchronized ObjectNode integration() {
        return integration == null ? null : integration.deepCopy();
    }

    synchronized void integration(ObjectNode value) {
        integration = value;
    }

    /** The port app config served as the integration's config, or null. */
    public synchronized JsonNode portAppConfig() {
        return portAppConfig;
    }

    /** Serves this config as the integration's config. */
    public synchronized void portAppConfig(JsonNode config) {
        portAppConfig = config;
    }

    /** A new {@code updatedAt} for the integration: now, and always later than the previous one. */
    public synchronized String touch() {
        java.time.Instant now = java.time.Instant.now();
        lastTouch = now.isAfter(lastTouch) ? now : lastTouch.plusMillis(1);
        return lastTouch.toString();
    }

    /** Changes the integration's {@code updatedAt}, as an edit in Port's UI does; false when there is none yet. */
    public synchronized boolean touchIntegration() {
        if (integration == null) {
            return false;
        }
        integration.put("updatedAt", touch());
        return true;
    }

    /** Declares or replaces a blueprint; entities are validated against known blueprints once there is one. */
    public synchronized void blueprint(ObjectNode blueprint) {
        blueprints.put(blueprint.path("identifier").asText(), blueprint.deepCopy());
    }

    /** The blueprint, or null. */
    public synchronized ObjectNode blueprint(String identifier) {
        ObjectNode blueprint = blueprints.get(identifier);
        return blueprint == null ? null : blueprint.deepCopy();
    }

    /** Every known blueprint, in the order first declared. */
    public synchronized List<ObjectNode> blueprints() {
        return blueprints.values().stream().map(ObjectNode::deepCopy).toList();
    }

    synchronized boolean validates() {
        return !blueprints.isEmpty();
    }

    synchronized void recordResyncState(JsonNode state) {
        resyncStates.add(state);
    }

    /** Every resync state reported, in order. */
    public synchronized List<JsonNode> resyncStates() {
        return resyncStates.stream().<JsonNode>map(JsonNode::deepCopy).toList();
    }
}
