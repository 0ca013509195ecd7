package io.ocean.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.OceanException;
import io.ocean.core.internal.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Sends webhooks to the Ocean under test over real HTTP: a payload, raw bytes, or a bundled fixture. */
public final class OceanTestClient {

    /**
     * The answer.
     *
     * @param status the HTTP status
     * @param body   the body as text
     */
    public record Response(int status, String body) {

        /** The body parsed as JSON. */
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new OceanException("the answer is not JSON: " + body, e);
            }
        }

        /** The {@code traceId} of the answer. */
        public String traceId() {
            return json().path("traceId").asText(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    OceanTestClient(int port) {
        this.port = port;
    }

    /** Posts a JSON payload to a registered path such as {@code /webhook}. */
    public Response send(String path, JsonNode payload, Map<String, String> headers) {
        try {
            return send(path, Json.MAPPER.writeValueAsBytes(payload), headers);
        } catch (IOException e) {
            throw new OceanException("cannot serialise the payload", e);
        }
    }

    /** Posts exact bytes as JSON. */
    public Response send(String path, byte[] body, Map<String, String> headers) {
        return post(path, "application/json", body, headers);
    }

    /** Posts a bundled fixture's exact bytes, such as {@code github/issues.opened.json}. */
    public Response sendFixture(String path, String fixture, Map<String, String> headers) {
        return send(path, Fixtures.bytes(fixture), headers);
    }

    /** Posts bytes with any content type. */
    public Response post(String path, String contentType, byte[] body, Map<String, String> headers) {
        String target = path.startsWith("/integration") ? path : "/integration" + (path.startsWith("/") ? "" : "/") + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new OceanException("cannot reach the Ocean under test: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OceanException("interrupted", e);
        }
    }
}
