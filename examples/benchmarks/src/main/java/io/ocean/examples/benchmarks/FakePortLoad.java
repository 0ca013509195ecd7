package io.ocean.examples.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.testkit.FakePort;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * FakePort's own cost, for the end-to-end benchmark's profile: bulk upserts of 20 eight-field entities, 8 in flight,
 * sent by this process to a FakePort in this process; prints requests per second and the process's CPU time per
 * request (client included, the same in every run, so two builds compare by their difference).
 * {@code FakePortLoad [requests]}.
 */
public final class FakePortLoad {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FakePortLoad() {
    }

    /** One warm-up and one measured run. */
    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        try (FakePort port = FakePort.start().withoutJournal()) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String token = JSON.readTree(client.send(HttpRequest.newBuilder(URI.create(port.baseUrl()
                                    + "/v1/auth/access_token")).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode()
                                    .put("clientId", port.clientId()).put("clientSecret", port.clientSecret())
                                    .toString())).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .path("accessToken").asText();
            run(client, port, token, requests / 3);
            long cpu = ThreadCpu.processCpuNanos();
            long start = System.nanoTime();
            run(client, port, token, requests);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuMicros = (ThreadCpu.processCpuNanos() - cpu) / 1e3 / requests;
            System.out.printf("FakePort: %d bulk upserts of 20 in %.1f s: %.0f requests/s, %.0f µs CPU per request"
                    + " (load %.1f)%n", requests, seconds, requests / seconds, cpuMicros,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static void run(HttpClient client, FakePort port, String token, int requests) throws Exception {
        URI uri = URI.create(port.baseUrl() + "/v1/blueprints/githubPullRequest/entities/bulk?upsert=true&merge=true");
        Semaphore permits = new Semaphore(8);
        CompletableFuture<?>[] sent = new CompletableFuture<?>[requests];
        for (int i = 0; i < requests; i++) {
            permits.acquire();
            sent[i] = client.sendAsync(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString(bulk(i))).build(),
                    HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> permits.release());
        }
        CompletableFuture.allOf(sent).join();
    }

    private static String bulk(int request) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode entities = body.putArray("entities");
        for (int i = 0; i < 20; i++) {
            ObjectNode entity = entities.addObject().put("identifier", "Hello-World" + (request * 20 + i))
                    .put("title", "Amazing new feature");
            entity.putObject("properties").put("status", "open").put("creator", "octocat")
                    .put("branch", "new-topic").put("link", "https://github.com/octocat/Hello-World/pull/1347")
                    .putArray("reviewers").add("other_user");
            entity.putObject("relations");
        }
        return body.toString();
    }
}
