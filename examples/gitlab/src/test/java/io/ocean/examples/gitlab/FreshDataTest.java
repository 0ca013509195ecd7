package io.ocean.examples.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.ocean.testkit.OceanTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With a token, items come fresh from (a WireMock) GitLab; a merge request GitLab no longer has is deleted. */
class FreshDataTest {

    private final WireMockServer gitlab = new WireMockServer(wireMockConfig().dynamicPort());

    FreshDataTest() {
        gitlab.start();
    }

    @AfterEach
    void stop() {
        gitlab.stop();
    }

    static Map<String, String> env(WireMockServer gitlab) {
        Map<String, String> env = new HashMap<>(GitlabIntegrationTest.ENV);
        env.put("OCEAN__INTEGRATION__CONFIG__GITLAB_TOKEN", "glpat-token");
        env.put("OCEAN__INTEGRATION__CONFIG__GITLAB_API_URL", gitlab.baseUrl() + "/api/v4");
        return env;
    }

    @Test
    void aNoteRefreshesItsMergeRequestFromGitlab() {
        gitlab.stubFor(get(urlEqualTo("/api/v4/projects/5/merge_requests/1"))
                .withHeader("PRIVATE-TOKEN", equalTo("glpat-token"))
                .willReturn(okJson("{\"id\":7,\"iid\":1,\"project_id\":5,\"title\":\"Fresh title\",\"state\":\"merged\"}")));
        OceanTest.run(GitlabIntegration.create(env(gitlab)), (app, port, client) -> {
            GitlabIntegrationTest.send(client, "note.merge_request.json", "Note Hook", "s3cret");
            app.awaitIdle();

            assertThat(port.entity("gitlabMergeRequest", "5!1")).hasValueSatisfying(mr -> {
                assertThat(mr.title()).isEqualTo("Fresh title");
                assertThat(mr.properties().get("state").asText()).isEqualTo("merged");
            });
        });
    }

    @Test
    void aMergeRequestGoneFromGitlabIsDeleted() {
        gitlab.stubFor(get(urlEqualTo("/api/v4/projects/14/merge_requests/1")).inScenario("mr")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("deleted")
                .willReturn(okJson("{\"id\":99,\"iid\":1,\"project_id\":14,\"title\":\"MR\",\"state\":\"opened\"}")));
        gitlab.stubFor(get(urlEqualTo("/api/v4/projects/14/merge_requests/1")).inScenario("mr")
                .whenScenarioStateIs("deleted").willReturn(aResponse().withStatus(404)));
        OceanTest.run(GitlabIntegration.create(env(gitlab)), (app, port, client) -> {
            GitlabIntegrationTest.send(client, "merge_request.open.json", "Merge Request Hook", "s3cret");
            app.awaitIdle();
            assertThat(port.entity("gitlabMergeRequest", "14!1")).isPresent();

            client.send("/webhook", io.ocean.testkit.Fixtures.bytes("gitlab/merge_request.open.json"),
                    Map.of("X-Gitlab-Event", "Merge Request Hook", "X-Gitlab-Token", "s3cret",
                            "X-Gitlab-Event-UUID", "second-delivery", "Content-Type", "application/json"));
            app.awaitIdle();

            assertThat(port.entity("gitlabMergeRequest", "14!1")).isEmpty();
        });
    }
}
