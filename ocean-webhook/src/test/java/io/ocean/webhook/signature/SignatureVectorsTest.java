package io.ocean.webhook.signature;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every vector of shared/fixtures/signatures.json: the valid ones verify, the invalid ones are refused. */
class SignatureVectorsTest {

    static Stream<Arguments> vectors() throws Exception {
        Path file = Path.of(System.getProperty("ocean.fixtures.dir",
                "../ocean-testkit/src/main/resources/io/ocean/testkit/fixtures")).resolve("signatures.json");
        List<Arguments> vectors = new ArrayList<>();
        for (JsonNode vector : Json.MAPPER.readTree(file.toFile())) {
            vectors.add(Arguments.of(vector.path("scheme").asText() + " valid=" + vector.path("valid").asBoolean()
                    + " " + vector.path("value").asText().substring(0, 12), vector));
        }
        assertThat(vectors).hasSize(8);
        return vectors.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void eachVectorVerifiesExactlyWhenValid(String name, JsonNode vector) {
        String scheme = vector.path("scheme").asText();
        String secret = vector.path("secret").asText();
        long timestamp = vector.path("timestamp").asLong(0);
        List<String> headers = new ArrayList<>(List.of(vector.path("header").asText(), vector.path("value").asText()));
        if (vector.has("id")) {
            headers.addAll(List.of("webhook-id", vector.path("id").asText()));
        }
        if (vector.has("timestamp")) {
            headers.addAll(List.of("webhook-timestamp", String.valueOf(timestamp), "X-Slack-Request-Timestamp",
                    String.valueOf(timestamp)));
        }
        WebhookEvent event = WebhookEvent.of("/webhook", Json.MAPPER.createObjectNode(),
                EventHeaders.of(headers.toArray(String[]::new)),
                vector.path("payload").asText().getBytes(StandardCharsets.UTF_8));
        SignatureVerifier verifier = switch (scheme) {
            case "github" -> Verifiers.github(secret);
            case "standard-webhooks" -> Verifiers.standardWebhooks(secret);
            case "slack" -> Verifiers.slack(secret);
            case "stripe" -> Verifiers.stripe(secret);
            default -> throw new AssertionError("unknown scheme " + scheme);
        };
        Clock fixed = Clock.fixed(Instant.ofEpochSecond(timestamp == 0 ? 1_700_000_000L : timestamp), ZoneOffset.UTC);

        VerificationResult result = verifier.withClock(fixed).check(event);

        assertThat(result.ok()).as("%s: %s", vector.path("note").asText(), result).isEqualTo(vector.path("valid").asBoolean());
        assertThat(verifier.withClock(fixed).verify(event)).isEqualTo(vector.path("valid").asBoolean());
    }
}
