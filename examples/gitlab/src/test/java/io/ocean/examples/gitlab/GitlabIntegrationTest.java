package io.ocean.examples.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.testkit.Fixtures;
import io.ocean.testkit.OceanTest;
import io.ocean.testkit.OceanTestClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a token, items come from the hooks themselves: merge requests, issues, notes on them, pipelines. */
class GitlabIntegrationTest {

    static final Map<String, String> ENV = Map.of("OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET", "s3cret",
            "OCEAN__RESYNC__ON_START", "false", "OCEAN__RESYNC__POLL_INTERVAL_SECONDS", "0");

    static OceanTestClient.Response send(OceanTestClient client, String fixture, String event, String token) {
        return client.send("/webhook", Fixtures.bytes("gitlab/" + fixture),
                Map.of("X-Gitlab-Event", event, "X-Gitlab-Token", token, "Content-Type", "application/json"));
    }

    @Test
    void aMergeRequestIsCataloguedUnderItsTargetProject() {
        OceanTest.run(GitlabIntegration.create(ENV), (app, port, client) -> {
            assertThat(send(client, "merge_request.open.json", "Merge Request Hook", "s3cret").status()).isEqualTo(200);
            app.awaitIdle();

            assertThat(port.entity("gitlabMergeRequest", "14!1")).hasValueSatisfying(mr ->
                    assertThat(mr.properties().get("state").asText()).isEqualTo("opened"));
        });
    }

    @Test
    void issuesNotesAndPipelinesReachTheirEntities() {
        OceanTest.run(GitlabIntegration.create(ENV), (app, port, client) -> {
            send(client, "issue.open.json", "Issue Hook", "s3cret");
            send(client, "note.merge_request.json", "Note Hook", "s3cret");
            send(client, "note.issue.json", "Note Hook", "s3cret");
            send(client, "pipeline.json", "Pipeline Hook", "s3cret");
            app.awaitIdle();

            assertThat(port.entity("gitlabIssue", "14#23")).isPresent();
            assertThat(port.entity("gitlabMergeRequest", "5!1")).isPresent();
            assertThat(port.entity("gitlabIssue", "5#17")).isPresent();
            assertThat(port.entity("gitlabPipeline", "1-pipeline-31")).hasValueSatisfying(pipeline -> {
                assertThat(pipeline.title()).isEqualTo("master #31");
                assertThat(pipeline.properties().get("status").asText()).isEqualTo("success");
            });
        });
    }

    @Test
    void aWrongTokenIsRefused() {
        OceanTest.run(GitlabIntegration.create(ENV), (app, port, client) ->
                assertThat(send(client, "merge_request.open.json", "Merge Request Hook", "wrong").status())
                        .isEqualTo(401));
    }
}
