package io.ocean.http;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class BudgetTest extends WireMockApi {

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void liveRequestsKeepTheirReservationWhileAResyncRunsAtTheLimit() {
        server.stubFor(get(urlEqualTo("/api/v4/merge_requests")).willReturn(okJson("[{\"iid\":1}]")
                .withHeader("X-Next-Page", "2")));
        for (int page = 2; page <= 20; page++) {
            server.stubFor(get(urlEqualTo("/api/v4/merge_requests?page=" + page)).willReturn(okJson("[{\"iid\":1}]")
                    .withHeader("X-Next-Page", Integer.toString(page + 1))));
        }
        server.stubFor(get(urlPathEqualTo("/api/v4/merge_requests/1")).willReturn(okJson("{\"iid\":1}")));
        // 10 requests an hour, 3 kept for live events: the resync gets 7, then waits ~6 minutes for a token.
        HttpApiConfig config = config().rateLimit(10, Duration.ofHours(1), 3).pagination(Pagination.nextPageHeader())
                .maxWait(Duration.ofSeconds(30), Duration.ofMinutes(15)).build();
        try (HttpApi api = HttpApi.create(config)) {
            AtomicInteger pages = new AtomicInteger();
            CompletableFuture<Void> resync = CompletableFuture.runAsync(() -> {
                try (var listing = api.forResync().pages("/merge_requests")) {
                    listing.forEach(page -> pages.incrementAndGet());
                }
            });
            await(() -> pages.get() == 7 && api.stats().get("localhost").waits() == 1, "the resync to use its share");

            for (int live = 0; live < 3; live++) {
                assertThat(api.get("/merge_requests/1").path("iid").asInt()).isEqualTo(1);
            }
            assertThat(api.stats().get("localhost").waits()).as("live requests did not wait").isEqualTo(1);
            assertThatThrownBy(() -> api.get("/merge_requests/1")).isInstanceOfSatisfying(TransientHttpException.class,
                    e -> assertThat(e.retryAfter().orElseThrow()).isGreaterThan(Duration.ofMinutes(1)));
            assertThat(pages.get()).isEqualTo(7);

            api.close();
            assertThat(resync).failsWithin(Duration.ofSeconds(30));
        }
    }

    @Test
    void withoutABudgetAResyncIsNotHeld() {
        server.stubFor(get(urlPathEqualTo("/api/v4/items")).willReturn(okJson("[{\"id\":1},{\"id\":2}]")));
        try (HttpApi api = HttpApi.create(config().build())) {
            List<List<JsonNode>> pages = api.forResync().pages("/items").toList();
            assertThat(pages).hasSize(1);
            assertThat(api.stats().get("localhost").waits()).isZero();
        }
    }

    @Test
    void aReservationAsLargeAsTheBudgetIsRefusedNamingTheField() {
        assertThatThrownBy(() -> config().rateLimit(5, Duration.ofMinutes(1), 5).build())
                .hasMessageContaining("liveReservation must be < rateLimit");
        assertThatThrownBy(() -> config().maxConcurrentRequests(0).build())
                .hasMessageContaining("maxConcurrentRequests must be > 0");
        assertThatThrownBy(() -> HttpApiConfig.custom().build()).hasMessageContaining("baseUrl must be set");
    }
}
