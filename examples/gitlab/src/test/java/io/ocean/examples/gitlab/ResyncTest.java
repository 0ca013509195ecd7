package io.ocean.examples.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.ocean.core.Entity;
import io.ocean.core.config.PortAppConfig;
import io.ocean.testkit.FakePort;
import io.ocean.testkit.OceanTest;
import io.ocean.webhook.ResyncOutcome;
import io.ocean.webhook.ResyncStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A resync lists the open merge requests and every issue of each project from (a WireMock) GitLab, following X-Next-Page. */
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

    private static Map<String, String> env(WireMockServer gitlab, String projects) {
        Map<String, String> env = new java.util.HashMap<>(FreshDataTest.env(gitlab));
        env.put("OCEAN__INTEGRATION__CONFIG__PROJECTS", projects);
        return env;
    }

    @Test
    void openMergeRequestsAndAllIssuesOfEveryProjectAreListedPageByPage() {
        String first = "/api/v4/projects/group%2Fone/merge_requests?state=opened&per_page=100";
        gitlab.stubFor(get(urlEqualTo(first)).willReturn(okJson("[" + item(5, 1) + "," + item(5, 2) + "]")
                .withHeader("X-Next-Page", "2")));
        gitlab.stubFor(get(urlEqualTo(first + "&page=2")).willReturn(okJson("[" + item(5, 3) + "]")
                .withHeader("X-Next-Page", "")));
        gitlab.stubFor(get(urlEqualTo("/api/v4/projects/9/merge_requests?state=opened&per_page=100"))
                .willReturn(okJson("[" + item(9, 1) + "]")));
        gitlab.stubFor(get(urlEqualTo("/api/v4/projects/group%2Fone/issues?state=all&per_page=100"))
                .willReturn(okJson("[" + item(5, 4) + "]")));
        gitlab.stubFor(get(urlEqualTo("/api/v4/projects/9/issues?state=all&per_page=100")).willReturn(okJson("[]")));
        OceanTest.run(GitlabIntegration.create(env(gitlab, "group/one, 9")), (app, port, client) -> {
            ResyncOutcome outcome = app.resync().get(30, TimeUnit.SECONDS);

            assertThat(outcome.kind("merge-request").items()).isEqualTo(4);
            assertThat(ids(port, "gitlabMergeRequest")).containsExactly("5!1", "5!2", "5!3", "9!1");
            assertThat(ids(port, "gitlabIssue")).containsExactly("5#4");
            assertThat(outcome.kind("issue").error()).isNull();
        });
    }

    @Test
    void aResyncKeepsTheMergeRequestsItDidNotListButDeletesStaleIssues() {
        gitlab.stubFor(get(urlEqualTo("/api/v4/projects/5/merge_requests?state=opened&per_page=100"))
                .willReturn(okJson("[" + item(5, 1) + "]")));
        gitlab.stubFor(get(urlEqualTo("/api/v4/projects/5/issues?state=all&per_page=100"))
                .willReturn(okJson("[" + item(5, 4) + "]")));
        OceanTest.run(GitlabIntegration.create(env(gitlab, "5")), (app, port, client) -> {
            port.putOwnedEntity(Entity.in("gitlabMergeRequest", "5!1"));   // two of each: stale are 1 in 2, not
            port.putOwnedEntity(Entity.in("gitlabMergeRequest", "5!2"));   // all (entityDeletionThreshold); merged
            port.putOwnedEntity(Entity.in("gitlabIssue", "5#3"));          // GitLab lists all issues: this one is gone
            port.putOwnedEntity(Entity.in("gitlabIssue", "5#4"));

            ResyncOutcome outcome = app.resync().get(30, TimeUnit.SECONDS);

            assertThat(outcome.status()).isEqualTo(ResyncStatus.COMPLETED);
            assertThat(ids(port, "gitlabMergeRequest")).containsExactly("5!1", "5!2");
            assertThat(ids(port, "gitlabIssue")).containsExactly("5#4");
        });
    }

    @Test
    void theResourceSelectorsStateDrivesTheListing() {
        gitlab.stubFor(get(urlEqualTo("/api/v4/projects/5/merge_requests?state=all&per_page=100"))
                .willReturn(okJson("[" + item(5, 1) + "]")));
        PortAppConfig config = PortAppConfig.fromYaml("""
                resources:
                  - kind: merge-request
                    selector: {query: "true", state: all}
                    port:
                      entity:
                        mappings: {identifier: '(.project_id | tostring) + "!" + (.iid | tostring)',
                                   blueprint: '"gitlabMergeRequest"'}
                """);
        OceanTest.run(GitlabIntegration.create(env(gitlab, "5")), config, (app, port, client) -> {
            app.resync().get(30, TimeUnit.SECONDS);

            assertThat(ids(port, "gitlabMergeRequest")).containsExactly("5!1");
        });
    }

    @Test
    void pipelinesAreLiveOnlySoAResyncDoesNotWarnAboutThem() {
        gitlab.stubFor(get(urlEqualTo("/api/v4/projects/5/merge_requests?state=opened&per_page=100"))
                .willReturn(okJson("[]")));
        gitlab.stubFor(get(urlEqualTo("/api/v4/projects/5/issues?state=all&per_page=100")).willReturn(okJson("[]")));
        Logger logger = (Logger) LoggerFactory.getLogger("io.ocean");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            OceanTest.run(GitlabIntegration.create(env(gitlab, "5")), (app, port, client) -> {
                port.putOwnedEntity(Entity.in("gitlabPipeline", "5-pipeline-31"));

                app.resync().get(30, TimeUnit.SECONDS);

                assertThat(port.entity("gitlabPipeline", "5-pipeline-31")).isPresent();
            });
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains("pipeline"));
    }
}
