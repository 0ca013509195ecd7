package io.ocean.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.http.internal.JsonBodies;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One request: {@code ApiRequest.get("/projects/{id}/merge_requests/{iid}", 7, 42).query("view", "simple")}. The
 * path is relative to {@link HttpApiConfig#baseUrl()}; each {@code {...}} is replaced, in order, by an argument,
 * URL-encoded (so {@code "group/project"} becomes {@code group%2Fproject}). Immutable: each method returns a copy.
 *
 * @param method     the HTTP method
 * @param path       the path with its arguments filled in, optionally with a query
 * @param query      more query parameters, in order
 * @param headers    more headers
 * @param body       the body, or null
 * @param idempotent whether the client may send it again after an I/O error, 5xx or 429
 */
public record ApiRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
                         byte[] body, boolean idempotent) {

    /** The methods that may be sent twice with the effect of once (RFC 9110), retried by default. */
    public static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    /** Checks the method and path; copies the maps. */
    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        method = method.toUpperCase(Locale.ROOT);
        query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
        headers = Map.copyOf(headers);
    }

    /** A GET of {@code path}, its {@code {...}} placeholders filled with {@code args}. */
    public static ApiRequest get(String path, Object... args) {
        return of("GET", path, args);
    }

    /** A POST of a JSON body; not idempotent, so never resent by the client. */
    public static ApiRequest post(String path, JsonNode body, Object... args) {
        return of("POST", path, args).json(body);
    }

    /** Any method; idempotent when the method is in {@link #IDEMPOTENT_METHODS}. */
    public static ApiRequest of(String method, String path, Object... args) {
        String upper = method.toUpperCase(Locale.ROOT);
        return new ApiRequest(upper, io.ocean.http.internal.UrlTemplate.fill(path, args), Map.of(), Map.of(), null,
                IDEMPOTENT_METHODS.contains(upper));
    }

    /** Adds a query parameter (encoded when the URL is built). */
    public ApiRequest query(String name, Object value) {
        Map<String, String> copy = new LinkedHashMap<>(query);
        copy.put(name, String.valueOf(value));
        return new ApiRequest(method, path, copy, headers, body, idempotent);
    }

    /** Adds a header. */
    public ApiRequest header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiRequest(method, path, query, copy, body, idempotent);
    }

    /** Sets a JSON body and {@code Content-Type: application/json}. */
    public ApiRequest json(JsonNode json) {
        return new ApiRequest(method, path, query, headers, JsonBodies.bytes(json), idempotent)
                .header("Content-Type", "application/json");
    }

    /**
     * Says whether the client may resend it; for example a POST with an {@code Idempotency-Key} the service honours.
     */
    public ApiRequest idempotent(boolean value) {
        return new ApiRequest(method, path, query, headers, body, value);
    }

    /**
     * The same request to another path or absolute URL (a {@code Link} header's next page, which already carries the
     * query, so the extra query is dropped). An absolute URL must be on the base URL's host: credentials are never
     * sent elsewhere.
     */
    public ApiRequest withUrl(String pathOrUrl) {
        return new ApiRequest(method, pathOrUrl, Map.of(), headers, body, idempotent);
    }

    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : " " + query.keySet());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiRequest r && r.method.equals(method) && r.path.equals(path) && r.query.equals(query)
                && r.headers.equals(headers) && java.util.Arrays.equals(r.body, body) && r.idempotent == idempotent;
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, path, query, headers, java.util.Arrays.hashCode(body), idempotent);
    }
}
