package io.ocean.core.port;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ocean.core.Entity;
import io.ocean.core.EntityRef;
import io.ocean.core.internal.Json;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The Port client against a plain WireMock Port API. */
class PortClientTest {

    private static final String SECRET = "s3cr3t-client-secret";
    private static final String TOKEN = "tok-very-private-123";
    private static final String BULK = "/v1/blueprints/githubIssue/entities/bulk?upsert=true&merge=true"
            + "&create_missing_related_entities=true";

    private final WireMockServer port = new WireMockServer(wireMockConfig().dynamicPort());
    private PortClient client;

    @BeforeEach
    void start() {
        port.start();
        token(3600);
        client = PortClient.create(config().build());
    }

    @AfterEach
    void stop() {
        client.close();
        port.stop();
    }

    private PortClientConfig.Builder config() {
        return PortClientConfig.custom().baseUrl(port.baseUrl()).clientId("client-1").clientSecret(SECRET)
                .integration("github", "1.2.3", "my-github").backoff(Duration.ofMillis(10), Duration.ofSeconds(2));
    }

    private void token(int expiresIn) {
        port.stubFor(post("/v1/auth/access_token").willReturn(okJson(
                "{\"accessToken\":\"" + TOKEN + "\",\"expiresIn\":" + expiresIn + ",\"tokenType\":\"Bearer\"}")));
    }

    private static Entity entity(String id) {
        return new Entity(TextNode.valueOf(id), "githubIssue", "t" + id, null, null, Map.of(), Map.of());
    }

    private static List<Entity> entities(int n) {
        return IntStream.range(0, n).mapToObj(i -> entity("e" + i)).toList();
    }

    private static String okBulk(int n) {
        StringBuilder body = new StringBuilder("{\"ok\":true,\"entities\":[");
        for (int i = 0; i < n; i++) {
            body.append(i > 0 ? "," : "").append("{\"index\":").append(i).append(",\"identifier\":\"e").append(i)
                    .append("\",\"created\":true}");
        }
        return body.append("],\"errors\":[]}").toString();
    }

    private List<LoggedRequest> requests(String pathStart) {
        return port.findAll(postRequestedFor(urlPathMatching(java.util.regex.Pattern.quote(pathStart) + ".*")));
    }

    @Test
    void sendsTheTokenAndTheExactUserAgent() {
        port.stubFor(post(urlEqualTo(BULK)).willReturn(okJson(okBulk(1))));

        UpsertResult result = client.upsertEntities(List.of(entity("e0")), true, true).join();

        assertThat(result.succeeded()).hasSize(1);
        LoggedRequest request = requests("/v1/blueprints/").get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeader("User-Agent")).isEqualTo("port-ocean/github/1.2.3/my-github/exporter");
        port.verify(postRequestedFor(urlEqualTo("/v1/auth/access_token"))
                .withRequestBody(equalToJson("{\"clientId\":\"client-1\",\"clientSecret\":\"" + SECRET + "\"}")));
    }

    @Test
    void theTokenIsFetchedOnceForManyConcurrentCalls() {
        port.stubFor(post(urlEqualTo(BULK)).willReturn(okJson(okBulk(1))));

        List<CompletableFuture<UpsertResult>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(client.upsertEntities(List.of(entity("e0")), true, true));
        }
        calls.forEach(CompletableFuture::join);

        assertThat(requests("/v1/auth/access_token")).hasSize(1);
        assertThat(requests("/v1/blueprints/")).hasSize(20);
    }

    @Test
    void aTokenAboutToExpireIsRefreshed() {
        token(30);
        port.stubFor(post(urlEqualTo(BULK)).willReturn(okJson(okBulk(1))));

        client.upsertEntities(List.of(entity("e0")), true, true).join();
        client.upsertEntities(List.of(entity("e0")), true, true).join();

        assertThat(requests("/v1/auth/access_token")).hasSize(2);
    }

    @Test
    void a401RefreshesTheTokenOnceAndRetries() {
        port.stubFor(post(urlEqualTo(BULK)).inScenario("auth").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401)).willSetStateTo("refreshed"));
        port.stubFor(post(urlEqualTo(BULK)).inScenario("auth").whenScenarioStateIs("refreshed")
                .willReturn(okJson(okBulk(1))));

        UpsertResult result = client.upsertEntities(List.of(entity("e0")), true, true).join();

        assertThat(result.succeeded()).hasSize(1);
        assertThat(requests("/v1/auth/access_token")).hasSize(2);
    }

    @Test
    void a429WaitsForRetryAfter() {
        port.stubFor(post(urlEqualTo(BULK)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        port.stubFor(post(urlEqualTo(BULK)).inScenario("limit").whenScenarioStateIs("open")
                .willReturn(okJson(okBulk(1))));
        long started = System.nanoTime();

        UpsertResult result = client.upsertEntities(List.of(entity("e0")), true, true).join();

        assertThat(result.succeeded()).hasSize(1);
        assertThat(requests("/v1/blueprints/")).hasSize(2);
        // the client must not come back before Port said it may: a lower bound, not a speed check
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void a500IsNotRetriedAndIsReportedPerEntity() {
        port.stubFor(post(urlEqualTo(BULK)).willReturn(aResponse().withStatus(500)
                .withHeader("x-trace-id", "trace-500").withBody("{\"ok\":false,\"error\":\"internal\",\"message\":\"boom\"}")));

        UpsertResult result = client.upsertEntities(List.of(entity("e0")), true, true).join();

        assertThat(requests("/v1/blueprints/")).hasSize(1);
        assertThat(result.failed()).singleElement().satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(500);
            assertThat(outcome.error()).isEqualTo("internal");
            assertThat(outcome.message()).isEqualTo("boom");
        });
    }

    @Test
    void a503IsRetriedUntilItSucceeds() {
        port.stubFor(post(urlEqualTo(BULK)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        port.stubFor(post(urlEqualTo(BULK)).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("ok"));
        port.stubFor(post(urlEqualTo(BULK)).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(okJson(okBulk(1))));

        UpsertResult result = client.upsertEntities(List.of(entity("e0")), true, true).join();

        assertThat(result.succeeded()).hasSize(1);
        assertThat(requests("/v1/blueprints/")).hasSize(3);
    }

    @Test
    void a207ReportsEachFailedEntityWithPortsMessage() {
        port.stubFor(post(urlEqualTo(BULK)).willReturn(aResponse().withStatus(207).withHeader("Content-Type",
                "application/json").withBody("{\"ok\":true,\"entities\":[{\"index\":0,\"identifier\":\"e0\","
                + "\"created\":false}],\"errors\":[{\"index\":1,\"identifier\":\"e1\",\"statusCode\":422,"
                + "\"error\":\"invalid_property\",\"message\":\"state must be a string\"}]}")));

        UpsertResult result = client.upsertEntities(entities(2), true, true).join();

        assertThat(result.succeeded()).extracting(o -> o.entity().identifierText()).containsExactly("e0");
        assertThat(result.failed()).singleElement().satisfies(outcome -> {
            assertThat(outcome.entity().identifierText()).isEqualTo("e1");
            assertThat(outcome.status()).isEqualTo(422);
            assertThat(outcome.message()).isEqualTo("state must be a string");
        });
    }

    @Test
    void a413FallsBackToSingleUpserts() {
        port.stubFor(post(urlEqualTo(BULK)).willReturn(aResponse().withStatus(413)));
        port.stubFor(post(urlEqualTo("/v1/blueprints/githubIssue/entities?upsert=true&merge=true"
                + "&create_missing_related_entities=true")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":true}")));

        UpsertResult result = client.upsertEntities(entities(3), true, true).join();

        assertThat(result.succeeded()).hasSize(3).allSatisfy(o -> assertThat(o.created()).isTrue());
        assertThat(port.findAll(postRequestedFor(urlPathEqualTo("/v1/blueprints/githubIssue/entities")))).hasSize(3);
    }

    @Test
    void noRequestCarriesMoreThanTwentyEntitiesOrOneMebibyte() throws Exception {
        port.stubFor(post(urlPathEqualTo("/v1/blueprints/githubIssue/entities/bulk")).willReturn(okJson(okBulk(20))));
        List<Entity> many = new ArrayList<>(entities(45));
        String big = "x".repeat(300_000);
        for (int i = 0; i < 7; i++) {
            many.add(new Entity(TextNode.valueOf("big" + i), "githubIssue", null, null, null,
                    Map.of("blob", TextNode.valueOf(big)), Map.of()));
        }

        client.upsertEntities(many, true, true).join();

        List<LoggedRequest> bulks = requests("/v1/blueprints/githubIssue/entities/bulk");
        int sent = 0;
        for (LoggedRequest bulk : bulks) {
            JsonNode body = Json.MAPPER.readTree(bulk.getBody());
            assertThat(body.path("entities").size()).isLessThanOrEqualTo(20);
            assertThat(bulk.getBody().length).isLessThanOrEqualTo(1024 * 1024);
            sent += body.path("entities").size();
        }
        assertThat(sent).isEqualTo(52);
        assertThat(bulks.size()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void deleteSkipsEntitiesAnotherIntegrationOwns() {
        port.stubFor(post(urlPathEqualTo("/v1/entities/search"))
                .withRequestBody(containing("port-ocean/github/"))
                .withRequestBody(containing("/my-github/exporter"))
                .willReturn(okJson("{\"ok\":true,\"entities\":[{\"identifier\":\"mine\",\"blueprint\":\"githubIssue\"}]}")));
        port.stubFor(post(urlEqualTo("/v1/blueprints/githubIssue/bulk/entities/delete?delete_dependents=true"))
                .willReturn(okJson("{\"ok\":true}")));

        DeleteResult result = client.deleteOwnedEntities(List.of(new EntityRef("githubIssue", "mine"),
                new EntityRef("githubIssue", "theirs")), true).join();

        assertThat(result.deleted()).containsExactly(new EntityRef("githubIssue", "mine"));
        assertThat(result.notOwned()).containsExactly(new EntityRef("githubIssue", "theirs"));
        port.verify(postRequestedFor(urlEqualTo("/v1/blueprints/githubIssue/bulk/entities/delete?delete_dependents=true"))
                .withRequestBody(equalToJson("{\"entities\":[\"mine\"]}")));
    }

    @Test
    void ownedEntitiesAreSearchedByDatasourceAloneAskingForIdentifierAndBlueprint() throws Exception {
        port.stubFor(post(urlPathEqualTo("/v1/entities/search")).willReturn(okJson("{\"ok\":true,\"entities\":["
                + "{\"identifier\":\"a\",\"blueprint\":\"githubIssue\"},{\"identifier\":\"b\",\"blueprint\":\"pr\"}]}")));

        List<EntityRef> owned = client.ownedEntities().join();

        assertThat(owned).containsExactly(new EntityRef("githubIssue", "a"), new EntityRef("pr", "b"));
        LoggedRequest search = requests("/v1/entities/search").get(0);
        assertThat(search.getUrl()).contains("include=%24identifier").contains("include=%24blueprint");
        JsonNode rules = Json.MAPPER.readTree(search.getBody()).path("rules");
        assertThat(rules).hasSize(2).allSatisfy(rule -> assertThat(rule.path("property").asText())
                .isEqualTo("$datasource"));
        assertThat(rules.get(0).path("value").asText()).isEqualTo("port-ocean/github/");
        assertThat(rules.get(1).path("value").asText()).isEqualTo("/my-github/exporter");
    }

    @Test
    void theResyncStateIsPatchedOnTheIntegrationsResyncStatePath() {
        port.stubFor(com.github.tomakehurst.wiremock.client.WireMock.patch(urlEqualTo(
                "/v1/integration/my-github/resync-state")).willReturn(okJson(
                "{\"ok\":true,\"integration\":{\"identifier\":\"my-github\",\"updatedAt\":\"t1\"}}")));
        JsonNode state = Json.MAPPER.createObjectNode().put("status", "running").put("intervalInMinuets", 60);

        JsonNode integration = client.patchResyncState("my-github", state).join();

        assertThat(integration.path("updatedAt").asText()).isEqualTo("t1");
        port.verify(com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor(urlEqualTo(
                "/v1/integration/my-github/resync-state")).withRequestBody(equalToJson(
                "{\"status\":\"running\",\"intervalInMinuets\":60}")));
    }

    @Test
    void aDeleteOfAnEntityAlreadyGoneIsFine() {
        port.stubFor(post(urlPathEqualTo("/v1/entities/search"))
                .willReturn(okJson("{\"ok\":true,\"entities\":[{\"identifier\":\"gone\"}]}")));
        port.stubFor(post(urlPathMatching("/v1/blueprints/.*/bulk/entities/delete")).willReturn(aResponse().withStatus(404)));

        DeleteResult result = client.deleteOwnedEntities(List.of(new EntityRef("githubIssue", "gone")), false).join();

        assertThat(result.deleted()).hasSize(1);
    }

    @Test
    void identifiersWithSlashesSpacesAndUnicodeAreEncoded() throws Exception {
        port.stubFor(post(urlPathMatching("/v1/blueprints/.*/entities/bulk")).willReturn(okJson(okBulk(1))));
        Entity odd = new Entity(TextNode.valueOf("org/repo name/é✓"), "svc blue/print", null, null, null, Map.of(),
                Map.of());

        assertThat(client.upsertEntities(List.of(odd), false, false).join().succeeded()).hasSize(1);

        LoggedRequest request = requests("/v1/blueprints/").get(0);
        assertThat(request.getUrl()).startsWith("/v1/blueprints/svc%20blue%2Fprint/entities/bulk?upsert=true&merge=false");
        assertThat(Json.MAPPER.readTree(request.getBody()).path("entities").get(0).path("identifier").asText())
                .isEqualTo("org/repo name/é✓");
    }

    @Test
    void anUnreachablePortFailsAfterTheLastAttempt() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (PortClient unreachable = PortClient.create(config().baseUrl("http://127.0.0.1:" + closed).maxAttempts(3)
                .build())) {
            assertThatThrownBy(() -> unreachable.upsertEntities(List.of(entity("e0")), true, true).join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(PortApiException.class)
                    .hasMessageContaining("after 3 attempt(s)");
        }
    }

    @Test
    void secretsAppearNeitherInLogsNorInMessagesNorInToString() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger oceanLogger = (Logger) LoggerFactory.getLogger("io.ocean");
        Level level = oceanLogger.getLevel();
        oceanLogger.setLevel(Level.DEBUG);
        oceanLogger.addAppender(logs);
        try {
            port.stubFor(post(urlEqualTo(BULK)).willReturn(aResponse().withStatus(429)));
            PortApiException denied;
            port.stubFor(post("/v1/auth/access_token").atPriority(1).withRequestBody(containing(SECRET))
                    .willReturn(okJson("{\"accessToken\":\"" + TOKEN + "\",\"expiresIn\":3600}")));
            try (PortClient limited = PortClient.create(config().maxAttempts(2).build())) {
                limited.upsertEntities(List.of(entity("e0")), true, true).join();
            }
            port.stubFor(post("/v1/auth/access_token").atPriority(1).willReturn(aResponse().withStatus(401)
                    .withBody("{\"error\":\"unauthorized\",\"message\":\"bad credentials\"}")));
            try (PortClient refused = PortClient.create(config().build())) {
                CompletionException failure = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                        () -> refused.upsertEntities(List.of(entity("e0")), true, true).join());
                denied = (PortApiException) failure.getCause();
            }

            assertThat(denied.status()).isEqualTo(401);
            assertThat(denied.getMessage()).doesNotContain(SECRET).doesNotContain(TOKEN);
            assertThat(config().build().toString()).doesNotContain(SECRET).contains("clientSecret=***");
            assertThat(logs.list).isNotEmpty().extracting(ILoggingEvent::getFormattedMessage)
                    .noneMatch(m -> m.contains(SECRET) || m.contains(TOKEN));
        } finally {
            oceanLogger.detachAppender(logs);
            oceanLogger.setLevel(level);
        }
    }
}
