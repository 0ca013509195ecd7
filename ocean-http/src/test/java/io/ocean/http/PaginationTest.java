package io.ocean.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaginationTest extends WireMockApi {

    private static List<Integer> ids(List<List<JsonNode>> pages) {
        return pages.stream().flatMap(List::stream).map(item -> item.path("id").asInt()).toList();
    }

    @Test
    void linkHeadersAreFollowedToTheLastPage() {
        String base = server.baseUrl() + "/api/v4";
        server.stubFor(get(urlEqualTo("/api/v4/issues?per_page=2")).willReturn(okJson("[{\"id\":1},{\"id\":2}]")
                .withHeader("Link", "<" + base + "/issues?per_page=2&page=2>; rel=\"next\", <" + base
                        + "/issues?per_page=2&page=2>; rel=\"last\"")));
        server.stubFor(get(urlEqualTo("/api/v4/issues?per_page=2&page=2")).willReturn(okJson("[{\"id\":3}]")
                .withHeader("Link", "<" + base + "/issues?per_page=2&page=1>; rel=\"first\"")));
        try (HttpApi api = HttpApi.create(config().build())) {
            List<List<JsonNode>> pages = api.pages("/issues?per_page=2").toList();

            assertThat(pages).hasSize(2);
            assertThat(ids(pages)).containsExactly(1, 2, 3);
        }
    }

    @Test
    void pagesAreFetchedOnlyWhenPulled() {
        server.stubFor(get(urlEqualTo("/api/v4/issues?page=1")).willReturn(okJson("[{\"id\":1}]")
                .withHeader("X-Next-Page", "2")));
        server.stubFor(get(urlEqualTo("/api/v4/issues?page=1&page=2")).willReturn(okJson("[{\"id\":2}]")));
        try (HttpApi api = HttpApi.create(config().pagination(Pagination.nextPageHeader()).build())) {
            Iterator<List<JsonNode>> pages = api.pages("/issues?page=1").iterator();
            assertThat(pages.next()).hasSize(1);

            server.verify(1, getRequestedFor(urlEqualTo("/api/v4/issues?page=1")));
            server.verify(0, getRequestedFor(urlEqualTo("/api/v4/issues?page=1&page=2")));
        }
    }

    @Test
    void xNextPageIsFollowedUntilItIsEmpty() {
        server.stubFor(get(urlEqualTo("/api/v4/projects/7/merge_requests?per_page=2"))
                .willReturn(okJson("[{\"id\":1},{\"id\":2}]").withHeader("X-Next-Page", "2")));
        server.stubFor(get(urlEqualTo("/api/v4/projects/7/merge_requests?per_page=2&page=2"))
                .willReturn(okJson("[{\"id\":3}]").withHeader("X-Next-Page", "")));
        try (HttpApi api = HttpApi.create(config().pagination(Pagination.nextPageHeader()).build())) {
            assertThat(ids(api.pages("/projects/{id}/merge_requests?per_page=2", 7).toList())).containsExactly(1, 2, 3);
        }
    }

    @Test
    void aCursorInTheBodyIsFollowedUntilItIsEmpty() {
        server.stubFor(get(urlEqualTo("/api/v4/users.list")).willReturn(okJson(
                "{\"members\":[{\"id\":1}],\"response_metadata\":{\"next_cursor\":\"abc\"}}")));
        server.stubFor(get(urlEqualTo("/api/v4/users.list?cursor=abc")).willReturn(okJson(
                "{\"members\":[{\"id\":2}],\"response_metadata\":{\"next_cursor\":\"\"}}")));
        Pagination slack = Pagination.cursor("/response_metadata/next_cursor", "cursor").itemsAt("/members");
        try (HttpApi api = HttpApi.create(config().build())) {
            assertThat(ids(api.pages(ApiRequest.get("/users.list"), slack).toList())).containsExactly(1, 2);
        }
    }

    @Test
    void aPageIsRetriedLikeAnyRequest() {
        server.stubFor(get(urlEqualTo("/api/v4/items")).inScenario("p").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("ok"));
        server.stubFor(get(urlEqualTo("/api/v4/items")).inScenario("p").whenScenarioStateIs("ok")
                .willReturn(okJson("[{\"id\":1}]")));
        try (HttpApi api = HttpApi.create(config().build())) {
            assertThat(ids(api.forResync().pages("/items").toList())).containsExactly(1);
        }
    }

    @Test
    void aNextLinkToAnotherHostIsNotFollowedWithTheToken() {
        server.stubFor(get(urlEqualTo("/api/v4/items")).willReturn(okJson("[{\"id\":1}]")
                .withHeader("Link", "<https://evil.example.com/items?page=2>; rel=\"next\"")));
        try (HttpApi api = HttpApi.create(config().auth(AuthHeader.bearer("t0ken")).build())) {
            assertThatThrownBy(() -> api.pages("/items").toList()).isInstanceOf(HttpApiException.class)
                    .hasMessageContaining("credentials are not sent to another host");
        }
    }
}
