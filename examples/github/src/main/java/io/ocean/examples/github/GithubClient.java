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

/** The few GitHub REST calls the integration makes: fresh items, paginated listings, and webhook creation. */
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

    /** One page of a listing and the URL of the next one (from the {@code Link} header), or null at the end. */
    record Page(java.util.List<JsonNode> items, String next) {
    }

    /**
     * {@code GET} one page of a listing: {@code path} is relative to the API ({@code /repos/o/r/issues?per_page=100})
     * or the absolute URL a previous page's {@code Link: <...>; rel="next"} gave.
     */
    Page page(String pathOrUrl) throws IOException, InterruptedException {
        HttpRequest.Builder request = pathOrUrl.startsWith("http") ? authorized(URI.create(pathOrUrl))
                : request(pathOrUrl);
        HttpResponse<String> response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GitHub answered " + response.statusCode() + " to GET " + pathOrUrl);
        }
        JsonNode body = JSON.readTree(response.body());
        java.util.List<JsonNode> items = new java.util.ArrayList<>();
        body.forEach(items::add);
        return new Page(items, response.headers().firstValue("Link").map(GithubClient::nextLink).orElse(null));
    }

    /** The {@code rel="next"} URL of a {@code Link} header, or null. */
    static String nextLink(String link) {
        for (String part : link.split(",")) {
            String[] pieces = part.split(";");
            if (pieces.length > 1 && pieces[1].trim().equals("rel=\"next\"")) {
                String url = pieces[0].trim();
                return url.startsWith("<") && url.endsWith(">") ? url.substring(1, url.length() - 1) : url;
            }
        }
        return null;
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
        return authorized(URI.create(baseUrl + path));
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/vnd.github+json")
                .header("Authorization", "Bearer " + token)
                .header("X-GitHub-Api-Version", "2022-11-28");
    }
}
