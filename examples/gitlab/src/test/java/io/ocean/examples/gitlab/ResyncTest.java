package io.ocean.examples.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ocean.core.Entity;
import io.ocean.testkit.FakePort;
import io.ocean.testkit.OceanTest;
import io.ocean.webhook.ResyncOutcome;
import io.ocean.webhook.ResyncStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A resync lists every merge request and issue of each project from (a WireMock) GitLab, following X-Next-Page. */
class ResyncTest {

    private final WireMockServer gitlab = new WireMockServer(wireMockConfig().dynamicPort());

    ResyncTest() {
        gitlab.start();
    }

    @AfterEach
    void stop() {
        gitlab.stop();
    }

    private static String item(int project, int iid) {
        return "{\"id\":" + (project * 100 + iid) + ",\"iid\":" + iid + ",\"project_id\":" + project
                + ",\"title\":\"Item " + iid + "\",\"state\":\"opened\"}";
    }

    private static List<String> ids(FakePort port, String blueprint) {
        return port.entities().stream().filter(e -> e.blueprint().equals(blueprint)).map(Entity::identifierText)
                .sorted().toList();
    }

    @Test
    void mergeRequestsAndIssuesOfEveryProjectAreListedPageByPage() {
        String first = "/api/v4/projects/group%2Fone/merge_requests?state=all&per_page=100";
        gitlab.stubFor(get(urlEqualTo(first)).willReturn(okJson("[" + item(5, 1) + "," + item(5, 2) + "]")
                .withHeader("X-Next-Page", "2")));
        gitlab.stubFor(get(urlEqualTo(first + "&page=2")).willReturn(okJson("[" + item(5, 3) + "]")
                .withHeader("X-Next-Page", "")));
        gitlab.stubFor(get(urlEqualTo("/api/v4/projects/9/merge_requests?state=all&per_page=100"))
                .willReturn(okJson("[" + item(9, 1) + "]")));
        gitlab.stubFor(get(urlEqualTo("/api/v4/projects/group%2Fone/issues?state=all&per_page=100"))
                .willReturn(okJson("[" + item(5, 4) + "]")));
        gitlab.stubFor(get(urlEqualTo("/api/v4/projects/9/issues?state=all&per_page=100")).willReturn(okJson("[]")));
        Map<String, String> env = new java.util.HashMap<>(FreshDataTest.env(gitlab));
        env.put("OCEAN__INTEGRATION__CONFIG__PROJECTS", "group/one, 9");

        OceanTest.run(GitlabIntegration.create(env), (app, port, client) -> {
            ResyncOutcome outcome = app.resync().get(30, TimeUnit.SECONDS);

            assertThat(outcome.kind("merge-request").items()).isEqualTo(4);
            assertThat(ids(port, "gitlabMergeRequest")).containsExactly("5!1", "5!2", "5!3", "9!1");
            assertThat(ids(port, "gitlabIssue")).containsExactly("5#4");
            assertThat(outcome.kind("issue").error()).isNull();
        });
    }
}
