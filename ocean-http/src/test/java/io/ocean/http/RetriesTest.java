package io.ocean.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.ocean.core.RetryableException;
import org.junit.jupiter.api.Test;

class RetriesTest extends WireMockApi {

    private void failThenSucceed(String url, int failures, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure) {
        String state = Scenario.STARTED;
        for (int i = 1; i <= failures; i++) {
            server.stubFor(get(urlEqualTo(url)).inScenario("burst").whenScenarioStateIs(state)
                    .willReturn(failure).willSetStateTo("failed " + i));
            state = "failed " + i;
        }
        server.stubFor(get(urlEqualTo(url)).inScenario("burst").whenScenarioStateIs(state)
                .willReturn(okJson("{\"iid\":42}")));
    }

    @Test
    void aBurstOf5xxIsRetriedUntilTheItemComes() {
        failThenSucceed("/api/v4/projects/7/merge_requests/42", 3, aResponse().withStatus(502));
        try (HttpApi api = HttpApi.create(config().build())) {
            assertThat(api.get("/projects/{id}/merge_requests/{iid}", 7, 42).path("iid").asInt()).isEqualTo(42);

            assertThat(api.stats().get("localhost").requests()).isEqualTo(4);
            assertThat(api.stats().get("localhost").retries()).isEqualTo(3);
        }
    }

    @Test
    void ioErrorsAreRetried() {
        failThenSucceed("/api/v4/projects/7", 2, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        try (HttpApi api = HttpApi.create(config().build())) {
            assertThat(api.get("/projects/{id}", 7).path("iid").asInt()).isEqualTo(42);
        }
    }

    @Test
    void retriesStopAtMaxAttemptsWithARetryableFailure() {
        server.stubFor(get(urlEqualTo("/api/v4/projects/7")).willReturn(aResponse().withStatus(503)));
        try (HttpApi api = HttpApi.create(config().maxAttempts(3).build())) {
            assertThatThrownBy(() -> api.get("/projects/{id}", 7)).isInstanceOf(TransientHttpException.class)
                    .isInstanceOf(RetryableException.class).hasMessageContaining("503 after 3 attempt(s)");
        }
        server.verify(3, getRequestedFor(urlEqualTo("/api/v4/projects/7")));
    }

    @Test
    void notFoundAndGoneAreAGoneExceptionOrAnEmptyFind() {
        server.stubFor(get(urlEqualTo("/api/v4/projects/7/issues/1")).willReturn(aResponse().withStatus(404)));
        server.stubFor(get(urlEqualTo("/api/v4/projects/7/issues/2")).willReturn(aResponse().withStatus(410)));
        try (HttpApi api = HttpApi.create(config().build())) {
            assertThatThrownBy(() -> api.get("/projects/7/issues/1")).isInstanceOf(GoneException.class)
                    .satisfies(e -> assertThat(((GoneException) e).status()).isEqualTo(404));
            assertThat(api.find("/projects/7/issues/2")).isEmpty();
        }
        server.verify(1, getRequestedFor(urlEqualTo("/api/v4/projects/7/issues/1")));
    }

    @Test
    void unauthorizedAndForbiddenAreNotRetriedNorRetryable() {
        server.stubFor(get(urlEqualTo("/api/v4/user")).willReturn(aResponse().withStatus(401).withBody("{\"message\":\"401 Unauthorized\"}")));
        server.stubFor(get(urlEqualTo("/api/v4/admin")).willReturn(aResponse().withStatus(403)));
        try (HttpApi api = HttpApi.create(config().build())) {
            assertThatThrownBy(() -> api.get("/user")).isExactlyInstanceOf(HttpApiException.class)
                    .isNotInstanceOf(RetryableException.class).hasMessageContaining("401");
            assertThatThrownBy(() -> api.get("/admin")).isExactlyInstanceOf(HttpApiException.class)
                    .satisfies(e -> assertThat(((HttpApiException) e).status()).isEqualTo(403));
        }
        server.verify(1, getRequestedFor(urlEqualTo("/api/v4/user")));
        server.verify(1, getRequestedFor(urlEqualTo("/api/v4/admin")));
    }

    @Test
    void aPostIsNotResentAfterA5xxButFailsRetryable() {
        server.stubFor(post(urlEqualTo("/api/v4/projects/7/hooks")).willReturn(aResponse().withStatus(500)));
        try (HttpApi api = HttpApi.create(config().build())) {
            var hook = JsonNodeFactory.instance.objectNode().put("url", "https://example.com/hook");
            assertThatThrownBy(() -> api.send(ApiRequest.post("/projects/{id}/hooks", hook, 7)))
                    .isInstanceOf(TransientHttpException.class).hasMessageContaining("not idempotent");
        }
        server.verify(1, postRequestedFor(urlEqualTo("/api/v4/projects/7/hooks")));
    }

    @Test
    void aPostMarkedIdempotentIsResent() {
        server.stubFor(post(urlEqualTo("/api/v4/things")).inScenario("p").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        server.stubFor(post(urlEqualTo("/api/v4/things")).inScenario("p").whenScenarioStateIs("ok")
                .willReturn(okJson("{}")));
        try (HttpApi api = HttpApi.create(config().build())) {
            var body = JsonNodeFactory.instance.objectNode();
            assertThat(api.send(ApiRequest.post("/things", body).header("Idempotency-Key", "k1").idempotent(true))
                    .status()).isEqualTo(200);
        }
        server.verify(2, postRequestedFor(urlEqualTo("/api/v4/things")));
    }

    @Test
    void theTokenIsSentButNeverShownInFailures() {
        server.stubFor(get(urlEqualTo("/api/v4/projects?private_token=s3cr3t")).willReturn(aResponse().withStatus(401)));
        try (HttpApi api = HttpApi.create(config().auth(AuthHeader.of("PRIVATE-TOKEN", "glpat-s3cr3t")).build())) {
            assertThatThrownBy(() -> api.get("/projects?private_token=s3cr3t"))
                    .hasMessageContaining("private_token=***").hasMessageNotContaining("s3cr3t");
            assertThat(api.config().toString()).doesNotContain("glpat");
        }
        server.verify(getRequestedFor(urlEqualTo("/api/v4/projects?private_token=s3cr3t"))
                .withHeader("PRIVATE-TOKEN", com.github.tomakehurst.wiremock.client.WireMock.equalTo("glpat-s3cr3t")));
    }

    @Test
    void pathArgumentsAreEncoded() {
        server.stubFor(get(urlEqualTo("/api/v4/projects/group%2Fsub%20project")).willReturn(okJson("{\"iid\":1}")));
        try (HttpApi api = HttpApi.create(config().build())) {
            assertThat(api.get("/projects/{id}", "group/sub project").path("iid").asInt()).isEqualTo(1);
        }
    }
}
