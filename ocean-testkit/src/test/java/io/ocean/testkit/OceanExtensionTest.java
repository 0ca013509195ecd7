package io.ocean.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.webhook.Ocean;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same integration tested through the JUnit 5 extension. */
class OceanExtensionTest {

    @RegisterExtension
    final OceanExtension extension = OceanExtension.of(SignedGithubIssues::create)
            .withPortAppConfig(GithubIssues.mapping("githubIssue"));

    @Test
    void theExtensionInjectsTheStartedIntegrationItsPortAndAClient(Ocean app, FakePort port, OceanTestClient client) {
        byte[] body = Fixtures.bytes("github/issues.opened.json");
        Map<String, String> headers = new HashMap<>(Signers.github(SignedGithubIssues.SECRET).sign(body));
        headers.put("X-GitHub-Event", "issues");

        assertThat(client.send("/webhook", body, headers).status()).isEqualTo(200);
        app.awaitIdle();

        assertThat(port.entities()).extracting(e -> e.identifierText()).containsExactly("Hello-World-1");
        assertThat(extension.port()).isSameAs(port);
    }
}
