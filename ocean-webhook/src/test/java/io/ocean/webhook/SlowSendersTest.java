package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.webhook.internal.http.SlowSender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Senders that declare a large body and then trickle it (slow loris) do not starve real deliveries: before, 300 of
 * them held every Jetty thread and a signed delivery waited until they timed out.
 */
class SlowSendersTest {

    private static final String SECRET = "it's a secret to everybody";
    private static final int SLOW_SENDERS = 300; // more than Jetty's 250 threads

    private final List<SlowSender> slow = new ArrayList<>();
    private Ocean ocean;

    @AfterEach
    void stop() {
        slow.forEach(SlowSender::close);
        if (ocean != null) {
            ocean.stop();
        }
    }

    @Test
    void aSignedDeliveryIsAnsweredWhileHundredsOfSlowSendersAreOpen() throws Exception {
        Results results = new Results();
        ocean = TestOceans.create(cfg -> cfg.resultsHandler(results));
        ocean.addWebhookProcessor("/webhook", SignedDeliveryTest.Signed::new);
        ocean.start();
        for (int i = 0; i < SLOW_SENDERS; i++) {
            slow.add(SlowSender.open(ocean.port(), "/integration/webhook", 1_000_000,
                    "{".getBytes(StandardCharsets.US_ASCII)));
        }

        byte[] json = Files.readAllBytes(GithubFixturesTest.GITHUB.resolve("issues.opened.json"));
        // GitHub gives up on a delivery after 10 s: the deadline of a real sender, not a measurement
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> delivery = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ocean.port() + "/integration/webhook"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", sign(json))
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(delivery.statusCode()).as(delivery.body()).isEqualTo(200);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(results.only().event().traceId()).isEqualTo(
                io.ocean.core.internal.Json.MAPPER.readTree(delivery.body()).path("traceId").asText());
        for (SlowSender sender : slow) {
            SlowSender.Answer cutOff = sender.awaitAnswer(Duration.ofSeconds(30));
            assertThat(cutOff).as("every slow sender is answered").isNotNull();
            assertThat(cutOff.status()).isIn(408, 503);
        }
    }

    private static String sign(byte[] raw) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(raw));
    }
}
