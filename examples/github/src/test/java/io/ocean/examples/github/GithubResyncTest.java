package io.ocean.examples.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ocean.core.Entity;
import io.ocean.testkit.FakePort;
import io.ocean.testkit.OceanTest;
import io.ocean.webhook.ResyncOutcome;
import io.ocean.webhook.ResyncStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A resync lists every issue and pull request from (a WireMock) GitHub, page by page, into FakePort. */
class GithubResyncTest {

    private final WireMockServer github = new WireMockServer(wireMockConfig().dynamicPort());

    GithubResyncTest() {
        github.start();
    }

    @AfterEach
    void stop() {
        github.stop();
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET", "s");
        env.put("OCEAN__INTEGRATION__CONFIG__GITHUB_TOKEN", "gh-token");
        env.put("OCEAN__INTEGRATION__CONFIG__GITHUB_API_URL", github.baseUrl());
        env.put("OCEAN__INTEGRATION__CONFIG__REPOSITORIES", "octo/hello, octo/world");
        env.put("OCEAN__RESYNC__ON_START", "false");
        env.put("OCEAN__RESYNC__POLL_INTERVAL_SECONDS", "0");
        return env;
    }

    private static String issue(int number, String state) {
        return "{\"number\":" + number + ",\"title\":\"Issue " + number + "\",\"state\":\"" + state + "\","
                + "\"labels\":[{\"name\":\"bug\"}],\"user\":{\"login\":\"octocat\"},\"html_url\":\"https://x/" + number
                + "\"}";
    }

    private static String pull(int number, String state) {
        return "{\"number\":" + number + ",\"title\":\"PR " + number + "\",\"state\":\"" + state + "\","
                + "\"user\":{\"login\":\"octocat\"},\"head\":{\"ref\":\"branch-" + number + "\"},"
                + "\"html_url\":\"https://x/" + number + "\"}";
    }

    /** octo/hello has two pages of issues (one "issue" is a pull request, as GitHub lists them); octo/world one. */
    private void listings(String secondPageOfHello) {
        String next = "<" + github.baseUrl() + "/repositories/1/issues?state=all&per_page=100&page=2>; rel=\"next\", "
                + "<" + github.baseUrl() + "/repositories/1/issues?state=all&per_page=100&page=2>; rel=\"last\"";
        github.stubFor(get(urlEqualTo("/repos/octo/hello/issues?state=all&per_page=100"))
                .withHeader("Authorization", equalTo("Bearer gh-token"))
                .willReturn(okJson("[" + issue(1, "open") + "," + issue(2, "closed") + ","
                        + "{\"number\":10,\"title\":\"PR 10\",\"pull_request\":{}}]").withHeader("Link", next)));
        github.stubFor(get(urlEqualTo("/repositories/1/issues?state=all&per_page=100&page=2"))
                .withHeader("Authorization", equalTo("Bearer gh-token"))
                .willReturn(okJson("[" + secondPageOfHello + "]")));
        github.stubFor(get(urlEqualTo("/repos/octo/world/issues?state=all&per_page=100"))
                .willReturn(okJson("[" + issue(7, "open") + "]")));
        github.stubFor(get(urlEqualTo("/repos/octo/hello/pulls?state=all&per_page=100"))
                .willReturn(okJson("[" + pull(10, "open") + "," + pull(11, "closed") + "]")));
        github.stubFor(get(urlEqualTo("/repos/octo/world/pulls?state=all&per_page=100"))
                .willReturn(okJson("[]")));
    }

    private static List<String> ids(FakePort port, String blueprint) {
        return port.entities().stream().filter(e -> e.blueprint().equals(blueprint)).map(Entity::identifierText)
                .sorted().toList();
    }

    @Test
    void issuesAndPullRequestsOfEveryRepositoryAreListedPageByPageAndWhatDisappearedIsDeleted() {
        listings(issue(3, "open"));
        OceanTest.run(GithubIntegration.create(env()), (app, port, client) -> {
            ResyncOutcome first = app.resync().get(30, TimeUnit.SECONDS);

            assertThat(first.status()).isEqualTo(ResyncStatus.COMPLETED);
            assertThat(ids(port, "githubIssue")).containsExactly("hello-1", "hello-2", "hello-3", "world-7");
            assertThat(ids(port, "githubPullRequest")).containsExactly("hello-pr-10");
            var issue = port.entity("githubIssue", "hello-3").orElseThrow();
            assertThat(issue.relations().get("repository").asText()).isEqualTo("hello");
            assertThat(issue.properties().get("labels").get(0).asText()).isEqualTo("bug");
            assertThat(first.kind("issue").items()).isEqualTo(4);
            assertThat(first.kind("pull-request").items()).isEqualTo(2);
            github.verify(getRequestedFor(urlPathEqualTo("/repositories/1/issues"))
                    .withHeader("Authorization", equalTo("Bearer gh-token")));

            listings(issue(4, "open"));
            ResyncOutcome second = app.resync().get(30, TimeUnit.SECONDS);

            assertThat(ids(port, "githubIssue")).containsExactly("hello-1", "hello-2", "hello-4", "world-7");
            assertThat(second.deletion("githubIssue").deleted()).isEqualTo(1);
        });
    }

    @Test
    void aGithubOutageFailsTheKindAndDeletesNothing() {
        listings(issue(3, "open"));
        OceanTest.run(GithubIntegration.create(env()), (app, port, client) -> {
            app.resync().get(30, TimeUnit.SECONDS);
            github.stubFor(get(urlEqualTo("/repositories/1/issues?state=all&per_page=100&page=2"))
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.serverError()));

            ResyncOutcome outcome = app.resync().get(30, TimeUnit.SECONDS);

            assertThat(outcome.status()).isEqualTo(ResyncStatus.FAILED);
            assertThat(outcome.kind("issue").error()).contains("500");
            assertThat(ids(port, "githubIssue")).containsExactly("hello-1", "hello-2", "hello-3", "world-7");
        });
    }

    @Test
    void theLinkHeaderGivesTheNextPage() {
        assertThat(GithubClient.nextLink("<https://api.github.com/x?page=2>; rel=\"next\", "
                + "<https://api.github.com/x?page=9>; rel=\"last\"")).isEqualTo("https://api.github.com/x?page=2");
        assertThat(GithubClient.nextLink("<https://api.github.com/x?page=1>; rel=\"prev\"")).isNull();
    }
}
