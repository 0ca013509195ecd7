package io.ocean.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness as an integration author uses it: a signed GitHub processor and its mapping, in a few lines. */
class OceanTestTest {

    @Test
    void aSignedIssueBecomesAnEntityAndAnUnsignedOneIsRefused() {
        // snippet:harness
        OceanTest.run(SignedGithubIssues.create(), GithubIssues.mapping("githubIssue"), (app, port, client) -> {
            byte[] body = Fixtures.bytes("github/issues.opened.json");
            Map<String, String> headers = new HashMap<>(Signers.github(SignedGithubIssues.SECRET).sign(body));
            headers.put("X-GitHub-Event", "issues");
            headers.put("X-GitHub-Delivery", "delivery-1");

            assertThat(client.send("/webhook", body, headers).status()).isEqualTo(200);
            assertThat(client.send("/webhook", body, headers).json().path("status").asText()).isEqualTo("duplicate");
            assertThat(client.send("/webhook", body, Map.of("X-GitHub-Event", "issues")).status()).isEqualTo(401);
            app.awaitIdle();

            assertThat(port.entity("githubIssue", "Hello-World-1")).isPresent();
        // end-snippet
            assertThat(app.deadLetters()).isEmpty();
            assertThat(port.requests()).anyMatch(r -> r.path().equals("/v1/blueprints/githubIssue/entities/bulk"));
        });
    }

    @Test
    void awaitIdleReturnsOnlyWhenPortHasAcknowledged() {
        OceanTest.run(SignedGithubIssues.create(), GithubIssues.mapping("githubIssue"), (app, port, client) -> {
            port.delay(java.time.Duration.ofMillis(300));
            byte[] body = Fixtures.bytes("github/issues.opened.json");
            Map<String, String> headers = new HashMap<>(Signers.github(SignedGithubIssues.SECRET).sign(body));
            headers.put("X-GitHub-Event", "issues");

            client.send("/webhook", body, headers);
            app.awaitIdle();

            assertThat(port.entity("githubIssue", "Hello-World-1")).isPresent();
        });
    }
}
