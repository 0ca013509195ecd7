package io.ocean.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ocean.core.Entity;
import io.ocean.core.EntityRef;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.internal.Json;
import io.ocean.core.port.DeleteResult;
import io.ocean.core.port.PortClient;
import io.ocean.core.port.PortClientConfig;
import io.ocean.core.port.UpsertResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** FakePort behaves like Port for what Ocean uses, and the Port client works against it. */
class FakePortTest {

    private final FakePort port = FakePort.start();
    private final PortClient client = PortClient.create(config("my-github").build());

    private PortClientConfig.Builder config(String identifier) {
        return PortClientConfig.custom().baseUrl(port.baseUrl()).clientId(port.clientId())
                .clientSecret(port.clientSecret()).integration("github", "1.0.0", identifier)
                .backoff(Duration.ofMillis(5), Duration.ofMillis(200));
    }

    @AfterEach
    void close() {
        client.close();
        port.close();
    }

    private static Entity entity(String id, Map<String, JsonNode> properties) {
        return new Entity(TextNode.valueOf(id), "githubIssue", "title " + id, null, null, properties, Map.of());
    }

    @Test
    void upsertedEntitiesAreHeldWithTheUserAgentAsDatasource() {
        // snippet:upsert
        UpsertResult result = client.upsertEntities(List.of(entity("1", Map.of("n", IntNode.valueOf(1)))), true, true)
                .join();

        assertThat(result.succeeded()).singleElement().satisfies(o -> assertThat(o.created()).isTrue());
        assertThat(port.entity("githubIssue", "1")).hasValueSatisfying(e -> assertThat(e.title()).isEqualTo("title 1"));
        assertThat(port.datasource("githubIssue", "1")).hasValue("port-ocean/github/1.0.0/my-github/exporter");
        // end-snippet
        assertThat(port.requests()).extracting(PortRequest::path)
                .containsExactly("/v1/auth/access_token", "/v1/blueprints/githubIssue/entities/bulk");
    }

    @Test
    void theOwnedEntitySearchListsOnlyThisIntegrationsEntitiesAcrossBlueprints() {
        client.upsertEntities(List.of(entity("1", Map.of()), entity("2", Map.of())), true, true).join();
        port.putEntity(new Entity(TextNode.valueOf("3"), "githubIssue", null, null, null, Map.of(), Map.of()),
                "port-ocean/github/1.0.0/someone-else/exporter");

        assertThat(client.ownedEntities().join()).containsExactlyInAnyOrder(new EntityRef("githubIssue", "1"),
                new EntityRef("githubIssue", "2"));
    }

    @Test
    void resyncStatesAreRecordedInOrderAndMoveTheIntegrationsUpdatedAt() {
        client.createIntegration(Json.MAPPER.createObjectNode().put("installationId", "my-github")).join();
        String before = port.integration().orElseThrow().path("updatedAt").asText();

        JsonNode answer = client.patchResyncState("my-github", Json.MAPPER.createObjectNode().put("status", "running"))
                .join();
        client.patchResyncState("my-github", Json.MAPPER.createObjectNode().put("status", "completed")).join();

        assertThat(port.resyncStates()).extracting(s -> s.path("status").asText()).containsExactly("running", "completed");
        assertThat(answer.path("resyncState").path("status").asText()).isEqualTo("running");
        assertThat(answer.path("updatedAt").asText()).isNotEqualTo(before)
                .isEqualTo(answer.path("resyncState").path("updatedAt").asText());
        assertThat(port.integration().orElseThrow().path("resyncState").path("status").asText()).isEqualTo("completed");
    }

    @Test
    void aBulkDeleteOfMoreThanAHundredIdentifiersIsRefused() throws Exception {
        String token = Json.MAPPER.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(port.baseUrl() + "/v1/auth/access_token")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"clientId\":\"" + port.clientId() + "\",\"clientSecret\":\""
                        + port.clientSecret() + "\"}")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .path("accessToken").asText();
        var ids = Json.MAPPER.createObjectNode();
        IntStream.range(0, 101).forEach(i -> ids.withArray("entities").add("e" + i));

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(port.baseUrl() + "/v1/blueprints/githubIssue/bulk/entities/delete"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ids.toString())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("at most 100");
    }

    @Test
    void mergeKeepsPropertiesAndReplaceDropsThem() {
        client.upsertEntities(List.of(entity("1", Map.of("a", IntNode.valueOf(1)))), true, true).join();
        client.upsertEntities(List.of(entity("1", Map.of("b", IntNode.valueOf(2)))), true, true).join();
        assertThat(port.entity("githubIssue", "1").orElseThrow().properties()).containsOnlyKeys("a", "b");

        client.upsertEntities(List.of(entity("1", Map.of("c", IntNode.valueOf(3)))), false, true).join();
        assertThat(port.entity("githubIssue", "1").orElseThrow().properties()).containsOnlyKeys("c");
    }

    @Test
    void deletesLeaveAnotherIntegrationsEntityAlone() {
        client.upsertEntities(List.of(entity("mine", Map.of())), true, true).join();
        port.putEntity(new Entity(TextNode.valueOf("theirs"), "githubIssue", null, null, null, Map.of(), Map.of()),
                "port-ocean/github/1.0.0/other-github/exporter");

        DeleteResult result = client.deleteOwnedEntities(List.of(new EntityRef("githubIssue", "mine"),
                new EntityRef("githubIssue", "theirs")), true).join();

        assertThat(result.deleted()).containsExactly(new EntityRef("githubIssue", "mine"));
        assertThat(port.entities()).extracting(Entity::identifierText).containsExactly("theirs");
    }

    @Test
    void aBulkOfMoreThanTwentyEntitiesIsRefusedWith413() throws Exception {
        client.upsertEntities(List.of(entity("warm", Map.of())), true, true).join();
        String token = Json.MAPPER.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(port.baseUrl() + "/v1/auth/access_token"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"clientId\":\"" + port.clientId() + "\",\"clientSecret\":\""
                        + port.clientSecret() + "\"}")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .path("accessToken").asText();
        StringBuilder body = new StringBuilder("{\"entities\":[");
        for (int i = 0; i < 21; i++) {
            body.append(i > 0 ? "," : "").append("{\"identifier\":\"x").append(i).append("\"}");
        }

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(port.baseUrl() + "/v1/blueprints/b/entities/bulk?upsert=true"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body.append("]}").toString())).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void scriptedFaultsAreRetriedAwayByTheClient() {
        port.failNext(503, 2).rateLimitNext(0);

        UpsertResult result = client.upsertEntities(List.of(entity("1", Map.of())), true, true).join();

        assertThat(result.succeeded()).hasSize(1);
        assertThat(port.requests()).filteredOn(r -> r.path().endsWith("/bulk")).hasSize(4);
    }

    @Test
    void randomFailuresLoseNothing() {
        port.failRandomly(0.3, 429, 503);
        List<Entity> entities = IntStream.range(0, 200).mapToObj(i -> entity("e" + i, Map.of())).toList();

        UpsertResult result = client.upsertEntities(entities, true, true).join();

        assertThat(result.failed()).isEmpty();
        assertThat(port.entities()).hasSize(200);
    }

    @Test
    void aPartialFailureIsReportedForThatEntityOnly() {
        port.partialFailure("bad");

        UpsertResult result = client.upsertEntities(List.of(entity("good", Map.of()), entity("bad", Map.of())), true,
                true).join();

        assertThat(result.failed()).singleElement().satisfies(o -> {
            assertThat(o.entity().identifierText()).isEqualTo("bad");
            assertThat(o.message()).contains("FakePort refuses bad");
        });
        assertThat(port.entities()).extracting(Entity::identifierText).containsExactly("good");
    }

    @Test
    void tooLargeMakesTheClientFallBackToSingleUpserts() {
        port.tooLarge();

        UpsertResult result = client.upsertEntities(List.of(entity("1", Map.of()), entity("2", Map.of())), true, true)
                .join();

        assertThat(result.succeeded()).hasSize(2);
        assertThat(port.requests()).filteredOn(r -> r.path().equals("/v1/blueprints/githubIssue/entities")).hasSize(2);
    }

    @Test
    void theIntegrationIsCreatedPatchedAndServedWithTheConfiguredPortAppConfig() {
        assertThat(client.getIntegration("my-github").join()).isEmpty();

        client.createIntegration(Json.MAPPER.createObjectNode().put("installationId", "my-github")
                .put("installationAppType", "github").put("version", "1.0.0")).join();
        client.patchIntegration("my-github", Json.MAPPER.createObjectNode().put("version", "1.1.0")).join();
        port.withPortAppConfig(PortAppConfig.fromYaml("resources: []\nenableMergeEntity: false\n"));

        JsonNode integration = client.getIntegration("my-github").join().orElseThrow();
        assertThat(integration.path("version").asText()).isEqualTo("1.1.0");
        assertThat(integration.path("installationAppType").asText()).isEqualTo("github");
        assertThat(integration.path("config").path("enableMergeEntity").asBoolean()).isFalse();
    }

    @Test
    void wrongCredentialsAreRefused() {
        try (PortClient wrong = PortClient.create(config("x").clientSecret("nope").build())) {
            assertThatThrownBy(() -> wrong.upsertEntities(List.of(entity("1", Map.of())), true, true).join())
                    .isInstanceOf(CompletionException.class).hasMessageContaining("401");
        }
        assertThat(port.entities()).isEmpty();
    }

    @Test
    void withoutJournalNothingIsRecorded() {
        port.withoutJournal();

        client.upsertEntities(List.of(entity("1", Map.of())), true, true).join();

        assertThat(port.requests()).isEmpty();
        assertThat(port.entities()).hasSize(1);
    }

    @Test
    void delayedAnswersStillArrive() {
        port.delay(Duration.ofMillis(50));

        assertThat(client.upsertEntities(List.of(entity("1", Map.of())), true, true).join().succeeded()).hasSize(1);
    }
}
