package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.core.ResourceRawResults;
import io.ocean.core.WebhookEventRawResults;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How an accepted event becomes (processor, resource) pairs and reaches the results seam. */
class ProcessingTest {

    private static final String ISSUE = "{\"action\":\"opened\",\"issue\":{\"id\":7,\"state\":\"open\"}}";

    private final Results results = new Results();
    private Ocean ocean;

    private Http start(io.ocean.core.config.PortAppConfig config, Script... scripts) {
        ocean = TestOceans.create(cfg -> {
            cfg.portAppConfig(config);
            cfg.resultsHandler(results);
        });
        for (Script script : scripts) {
            ocean.addWebhookProcessor("/webhook", ScriptedProcessor.factory(script));
        }
        ocean.start();
        return new Http(ocean.port());
    }

    @AfterEach
    void stop() {
        if (ocean != null) {
            ocean.stop();
        }
    }

    @Test
    void onlyTheMatchingProcessorOfSeveralOnOnePathProcesses() {
        Script issues = new Script("issues");
        Script pulls = new Script("pulls");
        pulls.matches = event -> event.payload().has("pull_request");
        pulls.kinds = List.of("pr");
        issues.matches = event -> event.payload().has("issue");
        Http http = start(TestConfigs.ISSUES_AND_PRS, pulls, issues);

        assertThat(http.postJson("/integration/webhook", ISSUE).status()).isEqualTo(200);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        // asked at the edge, and again when the event runs (routing is decided again from the store)
        assertThat(pulls.callsOf("shouldProcessEvent")).hasSize(2);
        assertThat(pulls.callsOf("authenticate")).isEmpty();
        assertThat(pulls.callsOf("handleEvent")).isEmpty();
        assertThat(issues.callsOf("handleEvent")).extracting(Script.Call::kind).containsExactly("issue");
        assertThat(results.only().results()).extracting(r -> r.resourceConfig().kind()).containsExactly("issue");
    }

    @Test
    void matchingProcessorsAreAskedInRegistrationOrder() {
        Script first = new Script("first");
        Script second = new Script("second");
        second.kinds = List.of("pr");
        Http http = start(TestConfigs.ISSUES_AND_PRS, first, second);

        http.postJson("/integration/webhook", ISSUE);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(results.only().results()).extracting(r -> r.resourceConfig().kind()).containsExactly("issue", "pr");
    }

    @Test
    void aProcessorMatchingTwoKindsHandlesEachKind() {
        Script both = new Script("both");
        both.kinds = List.of("issue", "pr");
        Http http = start(TestConfigs.ISSUES_AND_PRS, both);

        http.postJson("/integration/webhook", ISSUE);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(both.callsOf("handleEvent")).extracting(Script.Call::kind).containsExactly("issue", "pr");
        assertThat(results.only().results()).extracting(r -> r.resourceConfig().port().entity().mappings().blueprint())
                .containsExactly("\"githubIssue\"", "\"githubPullRequest\"");
    }

    @Test
    void twoResourcesOfOneKindGetTwoHandleEventCallsOnTwoNewInstances() {
        Script issues = new Script("issues");
        Http http = start(TestConfigs.TWO_ISSUE_RESOURCES, issues);

        http.postJson("/integration/webhook", ISSUE);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        List<Script.Call> handled = issues.callsOf("handleEvent");
        assertThat(handled).hasSize(2);
        int routingInstance = issues.callsOf("shouldProcessEvent").get(0).instance();
        assertThat(handled).extracting(Script.Call::instance)
                .doesNotHaveDuplicates()
                .doesNotContain(routingInstance);
        assertThat(results.only().results()).extracting(r -> r.resourceConfig().port().entity().mappings().blueprint())
                .containsExactly("\"openIssue\"", "\"closedIssue\"");
    }

    @Test
    void eachPairRunsBeforeHandleAfterOnItsOwnInstance() {
        Script issues = new Script("issues");
        Http http = start(TestConfigs.ISSUES_AND_PRS, issues);

        http.postJson("/integration/webhook", ISSUE);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        int pairInstance = issues.callsOf("handleEvent").get(0).instance();
        assertThat(issues.calls).filteredOn(c -> c.instance() == pairInstance).extracting(Script.Call::method)
                .containsExactly("beforeProcessing", "handleEvent", "afterProcessing");
    }

    @Test
    void aFailingPairDoesNotStopTheOthersAndGetsOnError() {
        Script issues = new Script("issues");
        issues.handler = (payload, resource) -> {
            if (resource.port().entity().mappings().blueprint().contains("open")) {
                throw new IllegalStateException("third party down");
            }
            return WebhookEventRawResults.updated(payload);
        };
        Http http = start(TestConfigs.TWO_ISSUE_RESOURCES, issues);

        http.postJson("/integration/webhook", ISSUE);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(issues.callsOf("handleEvent")).hasSize(2);
        assertThat(issues.callsOf("onError")).hasSize(1);
        assertThat(issues.callsOf("afterProcessing")).hasSize(1);
        List<ResourceRawResults> delivered = results.only().results();
        assertThat(delivered).extracting(r -> r.resourceConfig().port().entity().mappings().blueprint())
                .containsExactly("\"closedIssue\"");
        assertThat(delivered.get(0).rawResults().updatedRawResults().get(0).path("issue").path("id").asInt())
                .isEqualTo(7);
    }

    @Test
    void aKindWithNoResourceInTheConfigIsSkipped() {
        Script issues = new Script("issues");
        issues.kinds = List.of("unknownKind");
        Http http = start(TestConfigs.ISSUES_AND_PRS, issues);

        assertThat(http.postJson("/integration/webhook", ISSUE).status()).isEqualTo(200);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(issues.callsOf("handleEvent")).isEmpty();
        assertThat(results.only().results()).isEmpty();
    }

    @Test
    void eventsOfOnePathAreProcessedInArrivalOrder() {
        Script issues = new Script("issues");
        Http http = start(TestConfigs.ISSUES_AND_PRS, issues);

        for (int i = 0; i < 30; i++) {
            assertThat(http.postJson("/integration/webhook", "{\"issue\":{\"id\":" + i + "}}").status()).isEqualTo(200);
        }
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(issues.handled).extracting(e -> e.payload().path("issue").path("id").asInt())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 30).boxed().toList());
    }
}
