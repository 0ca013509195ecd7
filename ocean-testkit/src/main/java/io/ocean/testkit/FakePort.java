package io.ocean.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ocean.core.Entity;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.internal.Json;
import io.ocean.testkit.internal.FakePortApi;
import io.ocean.testkit.internal.FakePortFaults;
import io.ocean.testkit.internal.FakePortState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A stateful stand-in for Port's API, on WireMock: {@code try (FakePort port = FakePort.start()) { ... }}. It issues
 * tokens for {@link #clientId()} and {@link #clientSecret()}, stores upserted entities (recording the User-Agent as
 * their datasource, like Port), answers searches and deletes, keeps the integration, and fails on request.
 */
public final class FakePort implements AutoCloseable {

    private final WireMockServer server;
    private final FakePortState state = new FakePortState();
    private final FakePortFaults faults = new FakePortFaults();
    private final FakePortApi api;
    private final String clientId = "fake-client-id";
    private final String clientSecret = "fake-client-secret";

    private FakePort() {
        api = new FakePortApi(state, faults, clientId, clientSecret);
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .disableRequestJournal().extensions(api).containerThreads(32));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ok()));
    }

    /** Starts a fake Port on a free port. */
    public static FakePort start() {
        return new FakePort();
    }

    /** The base URL to give the Port client ({@code OCEAN__PORT__BASE_URL}). */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** The client id it accepts. */
    public String clientId() {
        return clientId;
    }

    /** The client secret it accepts. */
    public String clientSecret() {
        return clientSecret;
    }

    /** Serves this config as the integration's config (an edit in Port: the integration's {@code updatedAt} moves). */
    public FakePort withPortAppConfig(PortAppConfig config) {
        state.portAppConfig(Json.MAPPER.valueToTree(config));
        state.touchIntegration();
        return this;
    }

    /**
     * Asks the integration for a resync, as Port's UI does: the integration's {@code updatedAt} moves, which the
     * integration's poll notices.
     *
     * @throws IllegalStateException when the integration has not registered yet
     */
    public FakePort requestResync() {
        if (!state.touchIntegration()) {
            throw new IllegalStateException("the integration has not registered in this FakePort yet");
        }
        return this;
    }

    /**
     * Every resync state the integration reported ({@code PATCH /v1/integration/{id}/resync-state}), in order: each
     * with {@code status}, {@code lastResyncStart}, {@code lastResyncEnd}, {@code nextResync}, {@code intervalInMinuets}.
     */
    public List<com.fasterxml.jackson.databind.JsonNode> resyncStates() {
        return state.resyncStates();
    }

    /**
     * Declares a blueprint, as if it existed in Port ({@code identifier}, {@code title}, {@code schema.properties}
     * with {@code type}s, {@code schema.required}, {@code relations} with {@code target} and {@code required}).
     * Without any blueprint, declared here or created by the integration ({@code POST /v1/blueprints}), FakePort
     * accepts every entity; once one is known it refuses what Port would: an unknown blueprint, an undeclared or
     * mistyped property, a missing required property or relation, a relation to an entity that does not exist.
     */
    public FakePort withBlueprint(com.fasterxml.jackson.databind.JsonNode blueprint) {
        if (!blueprint.isObject() || !blueprint.path("identifier").isTextual()) {
            throw new IllegalArgumentException("a blueprint is an object with a string identifier, got " + blueprint);
        }
        state.blueprint((com.fasterxml.jackson.databind.node.ObjectNode) blueprint);
        return this;
    }

    /** Every blueprint known: declared with {@link #withBlueprint} or created through the API, in order. */
    public List<com.fasterxml.jackson.databind.JsonNode> blueprints() {
        return List.copyOf(state.blueprints());
    }

    /** The blueprint with this identifier, if known. */
    public Optional<com.fasterxml.jackson.databind.JsonNode> blueprint(String identifier) {
        return Optional.ofNullable(state.blueprint(identifier));
    }

    /** Stops recording requests, so that a long load test does not fill the heap. */
    public FakePort withoutJournal() {
        api.stopRecording();
        return this;
    }

    /** Every entity held, in the order first written. */
    public List<Entity> entities() {
        return state.all().stream().map(stored -> toEntity(stored.entity())).toList();
    }

    /** The entity with this blueprint and identifier, if held. */
    public Optional<Entity> entity(String blueprint, String identifier) {
        return state.all().stream()
                .filter(s -> s.entity().path("blueprint").asText().equals(blueprint)
                        && s.entity().path("identifier").asText().equals(identifier))
                .findFirst().map(stored -> toEntity(stored.entity()));
    }

    /** How many entities it holds, without copying them (for load tests). */
    public int entityCount() {
        return state.size();
    }

    /** When ({@link System#nanoTime()}) an entity was last written, if held: for end-to-end latency measurements. */
    public java.util.OptionalLong writtenAtNanos(String blueprint, String identifier) {
        FakePortState.Stored stored = state.stored(blueprint, identifier);
        return stored == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(stored.writtenAtNanos());
    }

    /** The datasource (the User-Agent that wrote it last) of an entity, if held. */
    public Optional<String> datasource(String blueprint, String identifier) {
        return state.all().stream()
                .filter(s -> s.entity().path("blueprint").asText().equals(blueprint)
                        && s.entity().path("identifier").asText().equals(identifier))
                .findFirst().map(FakePortState.Stored::datasource);
    }

    /** Stores an entity as if another integration, with this User-Agent, had written it. */
    public FakePort putEntity(Entity entity, String datasource) {
        com.fasterxml.jackson.databind.node.ObjectNode json = Json.MAPPER.valueToTree(entity);
        json.put("blueprint", entity.blueprint());
        state.put(entity.blueprint(), entity.identifierText(), json, datasource);
        return this;
    }

    /**
     * Stores an entity as if {@code ocean} had written it: its {@code $datasource} is the User-Agent that Ocean's
     * Port client sends ({@code port-ocean/<type>/<version>/<identifier>/exporter}), so the integration owns it
     * (its deletes and resyncs may remove it). Works before or after {@code ocean.start()}.
     */
    public FakePort putOwnedEntity(Entity entity, io.ocean.webhook.Ocean ocean) {
        io.ocean.webhook.IntegrationConfig integration = ocean.config().integration;
        return putEntity(entity, datasource(integration.type, integration.version, integration.identifier));
    }

    /**
     * Stores an entity owned by the integration registered in this FakePort (the one {@code OceanExtension} or
     * {@code OceanTest} started against it).
     *
     * @throws IllegalStateException when no integration has registered yet; use {@link #putOwnedEntity(Entity,
     *                               io.ocean.webhook.Ocean)} before start
     */
    public FakePort putOwnedEntity(Entity entity) {
        com.fasterxml.jackson.databind.JsonNode integration = state.integration();
        if (integration == null) {
            throw new IllegalStateException("no integration has registered in this FakePort yet: "
                    + "use putOwnedEntity(entity, ocean) before ocean.start()");
        }
        return putEntity(entity, datasource(integration.path("installationAppType").asText(),
                integration.path("version").asText(), integration.path("identifier").asText()));
    }

    /** The {@code $datasource} Port records for entities written by this integration (its Port client's User-Agent). */
    public static String datasource(String type, String version, String identifier) {
        return "port-ocean/" + type + "/" + version + "/" + identifier + "/exporter";
    }

    /** The integration as created and patched, if any. */
    public Optional<com.fasterxml.jackson.databind.JsonNode> integration() {
        return Optional.ofNullable(state.integration());
    }

    /** Every request received, unless {@link #withoutJournal()} was called. */
    public List<PortRequest> requests() {
        return api.requests();
    }

    /** The next {@code times} API requests (all but the token endpoint) get {@code status}. */
    public FakePort failNext(int status, int times) {
        faults.failNext(status, times);
        return this;
    }

    /** The next API request gets 429 with {@code Retry-After}. */
    public FakePort rateLimitNext(int retryAfterSeconds) {
        faults.rateLimitNext(retryAfterSeconds);
        return this;
    }

    /** Each API request fails with probability {@code rate} with one of the statuses. */
    public FakePort failRandomly(double rate, int... statuses) {
        faults.failRandomly(rate, statuses);
        return this;
    }

    /** Upserts of this identifier fail (422 in a 207 answer) until the FakePort is closed. */
    public FakePort partialFailure(String identifier) {
        faults.partialFailure(identifier);
        return this;
    }

    /** The next bulk upsert gets 413. */
    public FakePort tooLarge() {
        faults.tooLarge();
        return this;
    }

    /** Every request whose path starts with {@code prefix} gets {@code status}, until {@link #heal(String)}. */
    public FakePort failRequestsTo(String prefix, int status) {
        faults.failPath(prefix, status);
        return this;
    }

    /** Ends {@link #failRequestsTo(String, int)} for the prefix. */
    public FakePort heal(String prefix) {
        faults.heal(prefix);
        return this;
    }

    /** Every answer waits this long. */
    public FakePort delay(Duration delay) {
        faults.delay(delay);
        return this;
    }

    @Override
    public void close() {
        server.stop();
    }

    private static Entity toEntity(com.fasterxml.jackson.databind.JsonNode json) {
        try {
            return Json.MAPPER.treeToValue(json, Entity.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the fake Port holds an entity that is not one: " + json, e);
        }
    }
}
