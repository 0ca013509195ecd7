package io.ocean.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.ocean.core.internal.Json;
import io.ocean.core.internal.blueprint.BlueprintRules;
import io.ocean.testkit.PortRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fake Port API: every request WireMock receives is answered here from {@link FakePortState}. */
public final class FakePortApi implements ResponseDefinitionTransformerV2 {

    /** The transformer's name in WireMock. */
    public static final String NAME = "ocean-fake-port";
    private static final long MAX_BULK_BYTES = 1024 * 1024;
    private static final Pattern BULK = Pattern.compile("/v1/blueprints/([^/]+)/entities/bulk");
    private static final Pattern SINGLE = Pattern.compile("/v1/blueprints/([^/]+)/entities");
    private static final Pattern ONE = Pattern.compile("/v1/blueprints/([^/]+)/entities/([^/]+)");
    private static final Pattern BULK_DELETE = Pattern.compile("/v1/blueprints/([^/]+)/bulk/entities/delete");
    private static final Pattern INTEGRATION = Pattern.compile("/v1/integration/([^/]+)");
    private static final Pattern RESYNC_STATE = Pattern.compile("/v1/integration/([^/]+)/resync-state");
    private static final int MAX_DELETE_IDS = 100;
    private static final Pattern BLUEPRINT = Pattern.compile("/v1/blueprints/([^/]+)");

    private final FakePortState state;
    private final FakePortFaults faults;
    private final String clientId;
    private final String clientSecret;
    private final List<PortRequest> journal = new CopyOnWriteArrayList<>();
    private volatile boolean recording = true;

    /** The API over this state and these faults, accepting these credentials. */
    public FakePortApi(FakePortState state, FakePortFaults faults, String clientId, String clientSecret) {
        this.state = state;
        this.faults = faults;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    /** The requests received so far, unless recording was turned off. */
    public List<PortRequest> requests() {
        return List.copyOf(journal);
    }

    /** Stops recording requests, for load tests. */
    public void stopRecording() {
        recording = false;
        journal.clear();
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String url = request.getUrl();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        String method = request.getMethod().getName();
        JsonNode body = Json.readOrMissing(request.getBody());
        if (recording) {
            journal.add(new PortRequest(method, url, request.getHeader("User-Agent"), body));
        }
        ResponseDefinitionBuilder response = answer(method, path, url, body, request);
        long delay = faults.delay().toMillis();
        if (delay > 0) {
            response.withFixedDelay((int) delay);
        }
        return response.build();
    }

    private ResponseDefinitionBuilder answer(String method, String path, String url, JsonNode body, Request request) {
        if (path.equals("/v1/auth/access_token") && method.equals("POST")) {
            return token(body);
        }
        String authorization = request.containsHeader("Authorization") ? request.getHeader("Authorization") : "";
        if (!authorization.startsWith("Bearer ") || !state.valid(authorization.substring(7))) {
            return error(401, "unauthorized", "invalid or expired token");
        }
        Integer down = faults.pathFailure(path);
        if (down != null) {
            return error(down, "fake_outage", "FakePort answers " + down + " for " + path);
        }
        FakePortFaults.Fault fault = faults.take();
        if (fault != null) {
            ResponseDefinitionBuilder failed = error(fault.status(), "fake_fault", "a fault scripted in FakePort");
            if (fault.retryAfterSeconds() != null) {
                failed.withHeader("Retry-After", String.valueOf(fault.retryAfterSeconds()));
            }
            return failed;
        }
        String userAgent = request.containsHeader("User-Agent") ? request.getHeader("User-Agent") : "";
        Matcher m;
        if (method.equals("POST") && (m = BULK.matcher(path)).matches()) {
            return bulkUpsert(decode(m.group(1)), url, body, request.getBody().length, userAgent);
        }
        if (method.equals("POST") && (m = SINGLE.matcher(path)).matches()) {
            return singleUpsert(decode(m.group(1)), url, body, userAgent);
        }
        if (method.equals("DELETE") && (m = ONE.matcher(path)).matches()) {
            return state.remove(decode(m.group(1)), decode(m.group(2))) ? ok(Json.MAPPER.createObjectNode())
                    : error(404, "not_found", "no such entity");
        }
        if (method.equals("POST") && (m = BULK_DELETE.matcher(path)).matches()) {
            return bulkDelete(decode(m.group(1)), body);
        }
        if (method.equals("POST") && path.equals("/v1/blueprints")) {
            return createBlueprint(body);
        }
        if ((m = BLUEPRINT.matcher(path)).matches()) {
            if (method.equals("GET")) {
                ObjectNode blueprint = state.blueprint(decode(m.group(1)));
                return blueprint == null ? error(404, "not_found", "Blueprint with identifier \"" + decode(m.group(1))
                        + "\" was not found")
                        : json(200, Json.MAPPER.createObjectNode().put("ok", true).set("blueprint", blueprint));
            }
            if (method.equals("PATCH")) {
                return patchBlueprint(decode(m.group(1)), body);
            }
        }
        if (method.equals("POST") && path.equals("/v1/entities/search")) {
            return search(body, url);
        }
        if (method.equals("PATCH") && (m = RESYNC_STATE.matcher(path)).matches()) {
            return patchResyncState(decode(m.group(1)), body);
        }
        if (method.equals("POST") && path.equals("/v1/integration")) {
            return createIntegration(body);
        }
        if ((m = INTEGRATION.matcher(path)).matches()) {
            if (method.equals("GET")) {
                return getIntegration(decode(m.group(1)));
            }
            if (method.equals("PATCH")) {
                return patchIntegration(decode(m.group(1)), body);
            }
        }
        return error(404, "not_found", "the fake Port has no " + method + " " + path);
    }

    private ResponseDefinitionBuilder token(JsonNode body) {
        if (!clientId.equals(body.path("clientId").asText()) || !clientSecret.equals(body.path("clientSecret").asText())) {
            return error(401, "unauthorized", "invalid client credentials");
        }
        String token = UUID.randomUUID().toString();
        state.issue(token);
        return json(200, Json.MAPPER.createObjectNode().put("accessToken", token).put("expiresIn", 3600)
                .put("tokenType", "Bearer"));
    }

    private ResponseDefinitionBuilder bulkUpsert(String blueprint, String url, JsonNode body, int bytes, String userAgent) {
        JsonNode entities = body.path("entities");
        if (faults.takeTooLarge() || entities.size() > 20 || bytes > MAX_BULK_BYTES) {
            return error(413, "payload_too_large", "at most 20 entities and 1 MiB per bulk request");
        }
        boolean merge = url.contains("merge=true");
        ObjectNode answer = Json.MAPPER.createObjectNode().put("ok", true);
        ArrayNode ok = answer.putArray("entities");
        ArrayNode errors = answer.putArray("errors");
        for (int i = 0; i < entities.size(); i++) {
            JsonNode entity = entities.get(i);
            String identifier = entity.path("identifier").asText();
            if (faults.failsPartially(identifier)) {
                errors.addObject().put("index", i).put("identifier", identifier).put("statusCode", 422)
                        .put("error", "invalid_entity").put("message", "FakePort refuses " + identifier);
                continue;
            }
            BlueprintRules.Refusal refused = refusal(blueprint, entity, url);
            if (refused != null) {
                errors.addObject().put("index", i).put("identifier", identifier).put("statusCode", refused.status())
                        .put("error", refused.error()).put("message", refused.message());
                continue;
            }
            boolean created = store(blueprint, entity, merge, userAgent);
            ok.addObject().put("index", i).put("identifier", identifier).put("created", created);
        }
        return json(errors.isEmpty() ? 200 : 207, answer);
    }

    private ResponseDefinitionBuilder singleUpsert(String blueprint, String url, JsonNode entity, String userAgent) {
        String identifier = entity.path("identifier").asText();
        if (faults.failsPartially(identifier)) {
            return error(422, "invalid_entity", "FakePort refuses " + identifier);
        }
        BlueprintRules.Refusal refused = refusal(blueprint, entity, url);
        if (refused != null) {
            return error(refused.status(), refused.error(), refused.message());
        }
        boolean created = store(blueprint, entity, url.contains("merge=true"), userAgent);
        return json(created ? 201 : 200, Json.MAPPER.createObjectNode().put("ok", true).set("entity", entity));
    }

    private boolean store(String blueprint, JsonNode entity, boolean merge, String userAgent) {
        String identifier = entity.path("identifier").asText();
        ObjectNode written = ((ObjectNode) entity.deepCopy()).put("blueprint", blueprint);
        // read, merge and write in one step: WireMock serves requests on many threads, and a get then a put let
        // two merges of one entity each drop the other's fields
        return state.upsert(blueprint, identifier, existing -> merge && existing != null ? merged(existing, written)
                : written, userAgent);
    }

    private static ObjectNode merged(ObjectNode existing, ObjectNode written) {
        ObjectNode merged = existing.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> fields = written.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if ((field.getKey().equals("properties") || field.getKey().equals("relations"))
                    && merged.path(field.getKey()).isObject() && field.getValue().isObject()) {
                ((ObjectNode) merged.get(field.getKey())).setAll((ObjectNode) field.getValue());
            } else {
                merged.set(field.getKey(), field.getValue());
            }
        }
        return merged;
    }

    private ResponseDefinitionBuilder bulkDelete(String blueprint, JsonNode body) {
        if (body.path("entities").size() > MAX_DELETE_IDS) {
            return error(422, "too_many_entities", "at most " + MAX_DELETE_IDS + " identifiers per bulk delete");
        }
        int deleted = 0;
        for (JsonNode id : body.path("entities")) {
            if (state.remove(blueprint, id.asText())) {
                deleted++;
            }
        }
        return deleted == 0 ? error(404, "not_found", "none of the entities exist")
                : ok(Json.MAPPER.createObjectNode().put("deleted", deleted));
    }

    private ResponseDefinitionBuilder createBlueprint(JsonNode body) {
        if (!body.path("identifier").isTextual()) {
            return error(422, "invalid_request", "a blueprint needs an identifier");
        }
        if (state.blueprint(body.path("identifier").asText()) != null) {
            return error(409, "identifier_taken", "A blueprint with identifier \"" + body.path("identifier").asText()
                    + "\" already exists");
        }
        state.blueprint((ObjectNode) body);
        return json(200, Json.MAPPER.createObjectNode().put("ok", true).set("blueprint", body));
    }

    private ResponseDefinitionBuilder patchBlueprint(String identifier, JsonNode changes) {
        ObjectNode blueprint = state.blueprint(identifier);
        if (blueprint == null) {
            return error(404, "not_found", "Blueprint with identifier \"" + identifier + "\" was not found");
        }
        for (JsonNode target : changes.path("relations")) {
            if (state.blueprint(target.path("target").asText()) == null) {
                return error(404, "not_found", "Blueprint with identifier \"" + target.path("target").asText()
                        + "\" was not found");
            }
        }
        if (changes.isObject()) {
            blueprint.setAll((ObjectNode) changes);
        }
        state.blueprint(blueprint);
        return json(200, Json.MAPPER.createObjectNode().put("ok", true).set("blueprint", blueprint));
    }

    /** Why Port would refuse the entity, or null (always null while no blueprint is known: FakePort accepts all). */
    private BlueprintRules.Refusal refusal(String blueprint, JsonNode entity, String url) {
        return BlueprintRules.refusal(state.validates(), state::blueprint, blueprint, entity,
                url.contains("create_missing_related_entities=true"), (bp, id) -> state.stored(bp, id) != null);
    }

    private ResponseDefinitionBuilder search(JsonNode query, String url) {
        ObjectNode answer = Json.MAPPER.createObjectNode().put("ok", true);
        ArrayNode found = answer.putArray("entities");
        List<String> include = includes(url);
        try {
            for (FakePortState.Stored stored : candidates(query)) {
                String blueprint = stored.entity().path("blueprint").asText();
                if (SearchRules.matches(query, blueprint, stored.entity(), stored.datasource())) {
                    found.add(include.isEmpty() ? stored.entity().deepCopy() : only(stored.entity(), include));
                }
            }
        } catch (IllegalArgumentException e) {
            return error(422, "invalid_search", e.getMessage());
        }
        return json(200, answer);
    }

    /**
     * The entities a search can match: looked up by key when its top-level {@code and} names the blueprint and the
     * identifiers (the comparisons and ownership checks do, 50 at a time), else all of them.
     */
    private List<FakePortState.Stored> candidates(JsonNode query) {
        if ("or".equals(query.path("combinator").asText("and"))) {
            return state.all();
        }
        String blueprint = null;
        JsonNode identifiers = null;
        for (JsonNode rule : query.path("rules")) {
            if (rule.path("property").asText().equals("$blueprint") && rule.path("operator").asText().equals("=")) {
                blueprint = rule.path("value").asText();
            }
            if (rule.path("property").asText().equals("$identifier") && rule.path("operator").asText().equals("in")) {
                identifiers = rule.path("value");
            }
        }
        if (blueprint == null || identifiers == null) {
            return state.all();
        }
        List<FakePortState.Stored> found = new java.util.ArrayList<>();
        for (JsonNode identifier : identifiers) {
            FakePortState.Stored stored = state.stored(blueprint, identifier.asText());
            if (stored != null) {
                found.add(stored);
            }
        }
        return found;
    }

    /** The fields a search asks for with {@code include=$identifier&include=$blueprint}, as Port does. */
    private static List<String> includes(String url) {
        if (!url.contains("?")) {
            return List.of();
        }
        List<String> fields = new java.util.ArrayList<>();
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            if (pair.startsWith("include=")) {
                String field = URLDecoder.decode(pair.substring("include=".length()), StandardCharsets.UTF_8);
                fields.add(field.startsWith("$") ? field.substring(1) : field);
            }
        }
        return fields;
    }

    private static ObjectNode only(ObjectNode entity, List<String> fields) {
        ObjectNode copy = Json.MAPPER.createObjectNode();
        fields.forEach(field -> {
            if (entity.has(field)) {
                copy.set(field, entity.get(field).deepCopy());
            }
        });
        return copy;
    }

    private ResponseDefinitionBuilder patchResyncState(String identifier, JsonNode body) {
        ObjectNode integration = state.integration();
        if (integration == null || !identifier.equals(integration.path("identifier").asText())) {
            return error(404, "not_found", "no integration " + identifier);
        }
        if (!body.isObject()) {
            return error(422, "invalid_request", "the resync state must be an object");
        }
        String at = state.touch();
        ObjectNode resyncState = ((ObjectNode) body.deepCopy()).put("updatedAt", at);
        integration.set("resyncState", resyncState);
        integration.put("updatedAt", at);
        state.integration(integration);
        state.recordResyncState(body.deepCopy());
        return json(200, Json.MAPPER.createObjectNode().put("ok", true).set("integration", view(integration)));
    }

    private ResponseDefinitionBuilder getIntegration(String identifier) {
        ObjectNode integration = state.integration();
        if (integration == null || !identifier.equals(integration.path("identifier").asText())) {
            return error(404, "not_found", "no integration " + identifier);
        }
        return json(200, Json.MAPPER.createObjectNode().put("ok", true).set("integration", view(integration)));
    }

    private ResponseDefinitionBuilder createIntegration(JsonNode body) {
        String identifier = body.path("installationId").asText(body.path("identifier").asText());
        if (state.integration() != null) {
            return error(409, "identifier_taken", "the integration exists");
        }
        ObjectNode integration = ((ObjectNode) body.deepCopy()).put("identifier", identifier)
                .put("updatedAt", state.touch());
        state.integration(integration);
        return json(200, Json.MAPPER.createObjectNode().put("ok", true).set("integration", view(integration)));
    }

    private ResponseDefinitionBuilder patchIntegration(String identifier, JsonNode changes) {
        ObjectNode integration = state.integration();
        if (integration == null || !identifier.equals(integration.path("identifier").asText())) {
            return error(404, "not_found", "no integration " + identifier);
        }
        if (changes.isObject()) {
            integration.setAll((ObjectNode) changes);
        }
        integration.put("updatedAt", state.touch());
        state.integration(integration);
        return json(200, Json.MAPPER.createObjectNode().put("ok", true).set("integration", view(integration)));
    }

    /** The integration as Port shows it: with the port app config set on the FakePort, as if edited in Port. */
    private ObjectNode view(ObjectNode integration) {
        ObjectNode view = integration.deepCopy();
        if (state.portAppConfig() != null) {
            view.set("config", state.portAppConfig());
        }
        return view;
    }

    private static ResponseDefinitionBuilder ok(ObjectNode body) {
        return json(200, body.put("ok", true));
    }

    private static ResponseDefinitionBuilder error(int status, String error, String message) {
        return json(status, Json.MAPPER.createObjectNode().put("ok", false).put("error", error).put("message", message));
    }

    private static ResponseDefinitionBuilder json(int status, JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-trace-id", UUID.randomUUID().toString())
                .withBody(body.toString());
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
