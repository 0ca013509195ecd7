package io.ocean.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The hello example starts, accepts the README's curl line, and exposes Prometheus metrics. */
class HelloIntegrationTest {

    @Test
    void acceptsTheReadmeEventAndCountsItInMetrics() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        HelloIntegration.Running running = HelloIntegration.start(port);
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> posted = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/integration/webhook"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\": 42, \"title\": \"hello\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(200);
            assertThat(posted.body()).contains("\"status\":\"ok\"");
            assertThat(running.ocean().awaitIdle(java.time.Duration.ofSeconds(10))).isTrue();

            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("ocean_webhook_events_total{outcome=\"processed\",path=\"/webhook\"} 1.0");
        } finally {
            running.ocean().stop();
        }
    }
}
