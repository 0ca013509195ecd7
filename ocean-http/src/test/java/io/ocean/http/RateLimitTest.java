package io.ocean.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class RateLimitTest extends WireMockApi {

    private void limitedOnce(String url, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder limited) {
        server.stubFor(get(urlEqualTo(url)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(limited).willSetStateTo("reset"));
        server.stubFor(get(urlEqualTo(url)).inScenario("limit").whenScenarioStateIs("reset")
                .willReturn(okJson("{\"ok\":true}")));
    }

    @Test
    void a429WithRetryAfterSecondsIsWaitedAndRetried() {
        limitedOnce("/api/v4/projects", aResponse().withStatus(429).withHeader("Retry-After", "1"));
        try (HttpApi api = HttpApi.create(config().build())) {
            assertThat(api.get("/projects").path("ok").asBoolean()).isTrue();

            HostStats stats = api.stats().get("localhost");
            assertThat(stats.retries()).isEqualTo(1);
            assertThat(stats.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
    }

    @Test
    void a429WithRetryAfterAsAnHttpDateIsRetried() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plusSeconds(1).atOffset(ZoneOffset.UTC));
        limitedOnce("/api/v4/projects", aResponse().withStatus(429).withHeader("Retry-After", date));
        try (HttpApi api = HttpApi.create(config().build())) {
            assertThat(api.get("/projects").path("ok").asBoolean()).isTrue();
            assertThat(api.stats().get("localhost").retries()).isEqualTo(1);
        }
    }

    @Test
    void aLongRetryAfterIsHandedToTheEventRuntimeInsteadOfParkingTheThread() {
        server.stubFor(get(urlEqualTo("/api/v4/projects")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "1200")));
        try (HttpApi api = HttpApi.create(config().build())) {
            assertThatThrownBy(() -> api.get("/projects")).isInstanceOfSatisfying(TransientHttpException.class, e -> {
                assertThat(e.status()).isEqualTo(429);
                assertThat(e.retryAfter()).contains(Duration.ofSeconds(1200));
            });
            assertThat(api.stats().get("localhost").waited()).isLessThan(Duration.ofSeconds(30));
        }
        server.verify(1, getRequestedFor(urlEqualTo("/api/v4/projects")));
    }

    @Test
    void theResetHeaderOfA429IsWaited() {
        long reset = Instant.now().plusSeconds(1).getEpochSecond() + 1;
        limitedOnce("/api/v4/projects", aResponse().withStatus(429).withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", Long.toString(reset)));
        try (HttpApi api = HttpApi.create(config().build())) {
            assertThat(api.get("/projects").path("ok").asBoolean()).isTrue();
            assertThat(api.stats().get("localhost").retries()).isEqualTo(1);
        }
    }

    @Test
    void noneRemainingHoldsTheNextRequestUntilTheReset() {
        long reset = Instant.now().getEpochSecond() + 3_600;
        server.stubFor(get(urlEqualTo("/api/v4/projects")).willReturn(okJson("[]")
                .withHeader("RateLimit-Remaining", "0").withHeader("RateLimit-Reset", Long.toString(reset))));
        try (HttpApi api = HttpApi.create(config().build())) {
            api.get("/projects");

            assertThatThrownBy(() -> api.get("/projects")).isInstanceOfSatisfying(TransientHttpException.class,
                    e -> assertThat(e.retryAfter().orElseThrow()).isGreaterThan(Duration.ofMinutes(50)));
        }
        server.verify(1, getRequestedFor(urlEqualTo("/api/v4/projects")));
    }

    @Test
    void theServicesRemainingBelowTheReservationStopsTheResyncButNotLiveRequests() {
        long reset = Instant.now().getEpochSecond() + 3_600;
        server.stubFor(get(urlEqualTo("/api/v4/projects")).willReturn(okJson("[]")
                .withHeader("RateLimit-Remaining", "5").withHeader("RateLimit-Reset", Long.toString(reset))));
        try (HttpApi api = HttpApi.create(config().liveReservation(10).maxWait(Duration.ZERO, Duration.ZERO).build())) {
            api.get("/projects");

            assertThatThrownBy(() -> api.forResync().get("/projects")).isInstanceOf(TransientHttpException.class)
                    .hasMessageContaining("resync");
            api.get("/projects");
        }
        server.verify(2, getRequestedFor(urlEqualTo("/api/v4/projects")));
    }
}
