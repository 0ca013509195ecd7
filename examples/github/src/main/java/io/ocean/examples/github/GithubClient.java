package io.ocean.examples.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocean.core.RetryableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few GitHub REST calls the integration makes: fresh issues and pull requests, and webhook creation. */
final class GithubClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String token;

    GithubClient(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    /** Whether a token is set: without one, the integration uses payloads as they came. */
    boolean hasToken() {
        return token != null && !token.isBlank();
    }

    /** {@code GET /repos/{fullName}/issues/{number}} (pull requests are read the same way, under /pulls). */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 429 || response.statusCode() >= 500
                || (response.statusCode() == 403 && response.headers().firstValue("x-ratelimit-remaining")
                .map("0"::equals).orElse(false))) {
            throw new RetryableException("GitHub answered " + response.statusCode() + " to GET " + path);
        }
        if (response.statusCode() != 200) {
            throw new IOException("GitHub answered " + response.statusCode() + " to GET " + path);
        }
        return JSON.readTree(response.body());
    }

    /** {@code POST /repos/{fullName}/hooks} for a JSON webhook to {@code url} signed with {@code secret}. */
    void createWebhook(String fullName, String url, String secret) throws IOException, InterruptedException {
        JsonNode body = JSON.createObjectNode().put("name", "web").put("active", true)
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("events",
                        JSON.createArrayNode().add("issues").add("pull_request"))
                .set("config", JSON.createObjectNode().put("url", url).put("content_type", "json")
                        .put("secret", secret));
        HttpResponse<String> response = http.send(request("/repos/" + fullName + "/hooks")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201 && response.statusCode() != 422) {
            throw new IOException("GitHub answered " + response.statusCode() + " creating a webhook on " + fullName);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/vnd.github+json")
                .header("Authorization", "Bearer " + token)
                .header("X-GitHub-Api-Version", "2022-11-28");
    }
}
