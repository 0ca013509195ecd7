package io.ocean.examples.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ocean.testkit.Fixtures;
import io.ocean.testkit.OceanTest;
import io.ocean.testkit.Signers;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With a token, the item comes fresh from (a WireMock) GitHub, and webhooks are registered at start. */
class FreshDataTest {

    private final WireMockServer github = new WireMockServer(wireMockConfig().dynamicPort());

    FreshDataTest() {
        github.start();
    }

    @AfterEach
    void stop() {
        github.stop();
    }

    private Map<String, String> env(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.put("OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET", "s");
        env.put("OCEAN__INTEGRATION__CONFIG__GITHUB_TOKEN", "gh-token");
        env.put("OCEAN__INTEGRATION__CONFIG__GITHUB_API_URL", github.baseUrl());
        return env;
    }

    @Test
    void theIssueIsReadFreshFromGithub() {
        github.stubFor(get("/repos/Codertocat/Hello-World/issues/1").withHeader("Authorization", equalTo("Bearer gh-token"))
                .willReturn(okJson("{\"number\":1,\"title\":\"Fresh title\",\"state\":\"open\",\"labels\":[],"
                        + "\"user\":{\"login\":\"octocat\"},\"html_url\":\"https://github.com/x\"}")));
        OceanTest.run(GithubIntegration.create(env(Map.of())), (app, port, client) -> {
            byte[] body = Fixtures.bytes("github/issues.opened.json");
            Map<String, String> headers = new HashMap<>(Signers.github("s").sign(body));
            headers.put("X-GitHub-Event", "issues");

            client.send("/webhook", body, headers);
            app.awaitIdle();

            assertThat(port.entity("githubIssue", "Hello-World-1")).hasValueSatisfying(issue -> {
                assertThat(issue.title()).isEqualTo("Fresh title");
                assertThat(issue.properties().get("creator").asText()).isEqualTo("octocat");
            });
        });
    }

    @Test
    void webhooksAreRegisteredInEachRepositoryAtStart() {
        github.stubFor(post("/repos/octo/one/hooks").willReturn(aResponse().withStatus(201)));
        github.stubFor(post("/repos/octo/two/hooks").willReturn(aResponse().withStatus(201)));

        OceanTest.run(GithubIntegration.create(env(Map.of("OCEAN__INTEGRATION__CONFIG__APP_HOST",
                "https://ocean.example.test", "OCEAN__INTEGRATION__CONFIG__REPOSITORIES", "octo/one, octo/two"))),
                (app, port, client) -> {
                    github.verify(postRequestedFor(urlEqualTo("/repos/octo/one/hooks"))
                            .withRequestBody(matchingJsonPath("$.config.url",
                                    equalTo("https://ocean.example.test/integration/webhook")))
                            .withRequestBody(matchingJsonPath("$.config.secret", equalTo("s"))));
                    github.verify(postRequestedFor(urlEqualTo("/repos/octo/two/hooks")));
                });
    }
}
