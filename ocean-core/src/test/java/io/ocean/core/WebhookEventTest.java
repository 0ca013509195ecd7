package io.ocean.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WebhookEventTest {

    private static final byte[] RAW = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);

    private static JsonNode parse(byte[] raw) {
        try {
            return Json.MAPPER.readTree(raw);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theRawBodyIsCopiedInAndOut() {
        byte[] raw = RAW.clone();
        WebhookEvent event = WebhookEvent.of("/w", parse(raw), EventHeaders.empty(), raw);
        raw[0] = 'x';
        event.rawBody()[1] = 'y';

        assertThat(event.rawBody()).isEqualTo(RAW);
        assertThat(event.rawBodyLength()).isEqualTo(RAW.length);
    }

    @Test
    void aPayloadThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> WebhookEvent.of("/w", Json.MAPPER.createArrayNode(), EventHeaders.empty(), RAW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON object");
    }

    @Test
    void aReparsableEventKeepsItsTreeWhileMemoryAllowsAndItsValueAlways() {
        AtomicInteger parses = new AtomicInteger();
        JsonNode tree = parse(RAW);
        WebhookEvent event = WebhookEvent.reparsable("t", "/w", tree, EventHeaders.empty(), RAW, Instant.now(),
                raw -> {
                    parses.incrementAndGet();
                    return parse(raw);
                });

        // the tree is held softly: the same one while memory allows (the memory benchmark shows it dropped and
        // parsed again under pressure, with -Xmx512m)
        assertThat(event.payload()).isSameAs(tree);
        assertThat(event.payload().path("n").asInt()).isEqualTo(1);
        assertThat(parses).hasValue(0);
        assertThatThrownBy(() -> WebhookEvent.reparsable("t", "/w", tree, EventHeaders.empty(), RAW, Instant.now(),
                null)).isInstanceOf(NullPointerException.class);
    }
}
