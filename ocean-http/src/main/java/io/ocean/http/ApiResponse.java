package io.ocean.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.http.internal.JsonBodies;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A successful (2xx or 3xx) response.
 *
 * @param status  the HTTP status
 * @param uri     the URL that answered, secrets in its query redacted
 * @param headers the headers, names compared without case
 * @param body    the body's bytes (empty for none)
 */
public record ApiResponse(int status, String uri, Map<String, List<String>> headers, byte[] body) {

    /** Copies the headers into a case-insensitive map. */
    public ApiResponse {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The body as JSON; a missing node for an empty body.
     *
     * @throws HttpApiException when the body is not JSON
     */
    public JsonNode json() {
        return JsonBodies.parse(body, "GET", uri);
    }
}
