package io.ocean.examples.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ocean.core.Entity;
import io.ocean.core.config.PortAppConfig;
import io.ocean.testkit.OceanTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With a token, items come fresh from (a WireMock) GitLab; a merge request or issue GitLab no longer has is deleted
 * by its identifier, whatever the identifier mapping makes of the hook's item.
 */
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
        gitlab.stubFor(get(urlEqualTo("/api/v4/projects/14/merge_requests/1")).willReturn(aResponse().withStatus(404)));
        OceanTest.run(GitlabIntegration.create(env(gitlab)), (app, port, client) -> {
            port.putOwnedEntity(Entity.in("gitlabMergeRequest", "14!1"));

            GitlabIntegrationTest.send(client, "merge_request.open.json", "Merge Request Hook", "s3cret");
            app.awaitIdle();

            assertThat(port.entity("gitlabMergeRequest", "14!1")).isEmpty();
        });
    }

    @Test
    void anIssueGoneFromGitlabIsDeletedThoughTheMappingReadsAFieldTheHookLacks() {
        gitlab.stubFor(get(urlEqualTo("/api/v4/projects/14/issues/23")).willReturn(aResponse().withStatus(410)));
        // references.full is in GitLab's API items, not in hooks: mapping the hook's item cannot name the entity
        PortAppConfig config = PortAppConfig.fromYaml("""
                resources:
                  - kind: issue
                    port:
                      entity:
                        mappings: {identifier: '.references.full // "unknown"', blueprint: '"gitlabIssue"'}
                """);
        OceanTest.run(GitlabIntegration.create(env(gitlab)), config, (app, port, client) -> {
            port.putOwnedEntity(Entity.in("gitlabIssue", "14#23"));

            GitlabIntegrationTest.send(client, "issue.open.json", "Issue Hook", "s3cret");
            app.awaitIdle();

            assertThat(port.entity("gitlabIssue", "14#23")).isEmpty();
        });
    }
}
