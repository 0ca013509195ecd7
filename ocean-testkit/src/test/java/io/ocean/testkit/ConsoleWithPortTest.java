package io.ocean.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.internal.Json;
import io.ocean.webhook.Ocean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With Port, the console's entities view lists what this integration upserted and deleted, each with its event. */
class ConsoleWithPortTest {

    private static JsonNode get(Ocean app, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.consolePort() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void recentUpsertsAndDeletesInPortAreListedWithTheirEvents() {
        Ocean ocean = Ocean.create(Map.of(), cfg -> cfg.console.enabled = true);
        ocean.addWebhookProcessor("/webhook", GithubIssues::new);

        OceanTest.run(ocean, GithubIssues.mapping("githubIssue"), (app, port, client) -> {
            String opened = client.sendFixture("/webhook", "github/issues.opened.json",
                    Map.of("X-GitHub-Event", "issues")).traceId();
            app.awaitIdle();
            String deleted = client.sendFixture("/webhook", "github/issues.deleted.json",
                    Map.of("X-GitHub-Event", "issues")).traceId();
            app.awaitIdle();

            JsonNode entities = get(app, "/ocean/api/entities");

            assertThat(entities.path("mode").asText()).isEqualTo("port");
            assertThat(entities.has("entities")).as("no local catalog to search").isFalse();
            List<String> changes = entities.path("recent").findValuesAsText("op");
            assertThat(changes).containsExactly("delete", "upsert");
            assertThat(entities.path("recent").get(0).path("traceId").asText()).isEqualTo(deleted);
            assertThat(entities.path("recent").get(1).path("traceId").asText()).isEqualTo(opened);
            assertThat(entities.path("recent").get(1).path("blueprint").asText()).isEqualTo("githubIssue");
            assertThat(get(app, "/ocean/api/events/" + opened).path("entities").get(0).path("op").asText())
                    .isEqualTo("upsert");
            assertThat(get(app, "/ocean/api/status").path("portAppConfig").path("source").asText())
                    .startsWith("Port (integration");
        });
    }
}
