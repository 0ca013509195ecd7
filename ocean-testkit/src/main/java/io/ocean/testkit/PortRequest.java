package io.ocean.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request {@link FakePort} received.
 *
 * @param method    the HTTP method
 * @param url       path and query
 * @param userAgent the User-Agent, which Port records as the {@code $datasource}
 * @param body      the JSON body, or a missing node
 */
public record PortRequest(String method, String url, String userAgent, JsonNode body) {

    /** The path without the query. */
    public String path() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
