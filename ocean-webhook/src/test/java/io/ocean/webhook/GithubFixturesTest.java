package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.core.WebhookEvent;
import io.ocean.core.internal.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real GitHub payload is accepted as JSON and as GitHub's form encoding, its raw bytes kept exactly. */
class GithubFixturesTest {

    static final Path GITHUB = Path.of(System.getProperty("ocean.fixtures.dir",
            "../ocean-testkit/src/main/resources/io/ocean/testkit/fixtures")).resolve("github");

    private static final Script SCRIPT = new Script("github");
    private static Ocean ocean;
    private static Http http;

    @BeforeAll
    static void start() {
        ocean = TestOceans.create(cfg -> {
            cfg.resultsHandler(new Results());
        });
        ocean.addWebhookProcessor("/webhook", ScriptedProcessor.factory(SCRIPT));
        ocean.start();
        http = new Http(ocean.port());
    }

    @AfterAll
    static void stop() {
        ocean.stop();
    }

    static Stream<Path> fixtures() throws IOException {
        return Files.list(GITHUB).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    @Test
    void theFixturesAreThere() throws IOException {
        assertThat(fixtures()).hasSize(27);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void acceptedAsJsonWithRawBytesPreserved(Path fixture) throws IOException {
        byte[] raw = Files.readAllBytes(fixture);
        String event = fixture.getFileName().toString().split("\\.")[0];

        Http.Reply reply = http.post("/integration/webhook", "application/json", raw, "X-GitHub-Event", event);

        assertThat(reply.status()).isEqualTo(200);
        WebhookEvent handled = handledEvent(reply.field("traceId"));
        assertThat(handled.rawBody()).isEqualTo(raw);
        assertThat(handled.payload()).isEqualTo(Json.MAPPER.readTree(raw));
        assertThat(handled.headers().get("X-GitHub-Event")).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void acceptedFormEncodedWithRawBytesPreserved(Path fixture) throws IOException {
        byte[] json = Files.readAllBytes(fixture);
        byte[] form = ("payload=" + URLEncoder.encode(new String(json, StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII);

        Http.Reply reply = http.post("/integration/webhook", "application/x-www-form-urlencoded", form);

        assertThat(reply.status()).isEqualTo(200);
        WebhookEvent handled = handledEvent(reply.field("traceId"));
        assertThat(handled.rawBody()).isEqualTo(form);
        assertThat(handled.payload()).isEqualTo(Json.MAPPER.readTree(json));
    }

    private static WebhookEvent handledEvent(String traceId) {
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        return SCRIPT.handled.stream().filter(e -> e.traceId().equals(traceId)).findFirst()
                .orElseThrow(() -> new AssertionError("event " + traceId + " was not handled"));
    }
}
