package io.ocean.examples.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocean.core.OceanException;
import io.ocean.testkit.Fixtures;
import io.ocean.testkit.OceanTest;
import io.ocean.testkit.OceanTestClient;
import io.ocean.testkit.Signers;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The GitHub example against FakePort, with the real fixtures and its packaged mapping. */
class GithubIntegrationTest {

    private static final String SECRET = "test-secret";
    private static final Map<String, String> ENV = Map.of("OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET", SECRET);

    private static OceanTestClient.Response send(OceanTestClient client, String fixture) {
        byte[] body = Fixtures.bytes("github/" + fixture + ".json");
        Map<String, String> headers = new HashMap<>(Signers.github(SECRET).sign(body));
        headers.put("X-GitHub-Event", fixture.substring(0, fixture.indexOf('.')));
        headers.put("X-GitHub-Delivery", UUID.randomUUID().toString());
        return client.send("/webhook", body, headers);
    }

    @Test
    void anIssueIsMappedWithItsRepositoryAndRemovedWhenDeleted() {
        OceanTest.run(GithubIntegration.create(ENV), (app, port, client) -> {
            assertThat(send(client, "issues.opened").status()).isEqualTo(200);
            app.awaitIdle();

            var issue = port.entity("githubIssue", "Hello-World-1").orElseThrow();
            assertThat(issue.title()).isEqualTo("Spelling error in the README file");
            assertThat(issue.properties().get("state").asText()).isEqualTo("open");
            assertThat(issue.properties().get("creator").asText()).isEqualTo("Codertocat");
            assertThat(issue.relations().get("repository").asText()).isEqualTo("Hello-World");
            assertThat(port.datasource("githubIssue", "Hello-World-1")).hasValueSatisfying(
                    ds -> assertThat(ds).startsWith("port-ocean/github/"));

            send(client, "issues.deleted");
            app.awaitIdle();
            assertThat(port.entity("githubIssue", "Hello-World-1")).isEmpty();
        });
    }

    @Test
    void aClosedPullRequestLeavesTheCatalogBecauseTheSelectorWantsOpenOnes() {
        OceanTest.run(GithubIntegration.create(ENV), (app, port, client) -> {
            send(client, "pull_request.opened");
            app.awaitIdle();
            assertThat(port.entity("githubPullRequest", "Hello-World-pr-2")).hasValueSatisfying(
                    pr -> assertThat(pr.properties().get("branch").asText()).isEqualTo("changes"));

            send(client, "pull_request.closed");
            app.awaitIdle();

            assertThat(port.entity("githubPullRequest", "Hello-World-pr-2")).isEmpty();
            assertThat(app.deadLetters()).isEmpty();
        });
    }

    @Test
    void unsignedOrWronglySignedEventsAreRefusedAndOthersIgnored() {
        OceanTest.run(GithubIntegration.create(ENV), (app, port, client) -> {
            byte[] body = Fixtures.bytes("github/issues.opened.json");
            Map<String, String> wrong = new HashMap<>(Signers.github("not-the-secret").sign(body));
            wrong.put("X-GitHub-Event", "issues");

            assertThat(client.send("/webhook", body, Map.of("X-GitHub-Event", "issues")).status()).isEqualTo(401);
            assertThat(client.send("/webhook", body, wrong).status()).isEqualTo(401);
            assertThat(send(client, "push.new-branch").json().path("status").asText()).isEqualTo("ignored");
            app.awaitIdle();
            assertThat(port.entities()).isEmpty();
        });
    }

    @Test
    void withNoSecretItFailsBeforeListeningUnlessUnsignedIsAllowed() {
        assertThatThrownBy(() -> GithubIntegration.create(Map.of()))
                .isInstanceOf(OceanException.class)
                .hasMessageContaining("OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET");
        assertThatThrownBy(() -> GithubIntegration.create(Map.of("OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET", " ")))
                .hasMessageContaining("webhook_secret is blank");
        OceanTest.run(GithubIntegration.create(Map.of("OCEAN__INTEGRATION__CONFIG__ALLOW_UNSIGNED", "true")),
                (app, port, client) -> {
                    byte[] body = Fixtures.bytes("github/issues.opened.json");
                    assertThat(client.send("/webhook", body, Map.of("X-GitHub-Event", "issues")).status())
                            .isEqualTo(200);
                });
    }

    @Test
    void aRedeliveryIsADuplicate() {
        OceanTest.run(GithubIntegration.create(ENV), (app, port, client) -> {
            byte[] body = Fixtures.bytes("github/issues.opened.json");
            Map<String, String> headers = new HashMap<>(Signers.github(SECRET).sign(body));
            headers.put("X-GitHub-Event", "issues");
            headers.put("X-GitHub-Delivery", "same-delivery");

            OceanTestClient.Response first = client.send("/webhook", body, headers);
            OceanTestClient.Response again = client.send("/webhook", body, headers);

            assertThat(again.json().path("status").asText()).isEqualTo("duplicate");
            assertThat(again.traceId()).isEqualTo(first.traceId());
        });
    }
}
