package io.ocean.webhook.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.internal.Json;
import io.ocean.webhook.store.NewEvent;
import io.ocean.webhook.store.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParsedPayloadsTest {

    private static WebhookEvent event(String body) throws Exception {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        return new WebhookEvent(WebhookEvent.newTraceId(), "/webhook", Json.MAPPER.readTree(raw),
                EventHeaders.of(Map.of()), raw, Instant.now());
    }

    private static StoredEvent stored(WebhookEvent event) {
        return StoredEvent.queued(1, new NewEvent(event.traceId(), "/webhook", "", null, event.receivedAt(),
                Map.of(), event.rawBody()));
    }

    @Test
    void anAcceptedEventsTreeIsTakenOnceAtItsClaim() throws Exception {
        ParsedPayloads payloads = new ParsedPayloads();
        WebhookEvent event = event("{\"a\":1}");
        payloads.keep(event);

        JsonNode taken = payloads.take(stored(event));

        assertThat(taken).isSameAs(event.payload());
        assertThat(payloads.take(stored(event))).as("taken once: a second claim parses").isNull();
        assertThat(payloads.size()).isZero();
    }

    @Test
    void anEventTheStoreDidNotAcceptIsForgotten() throws Exception {
        ParsedPayloads payloads = new ParsedPayloads();
        WebhookEvent refused = event("{\"a\":1}");
        payloads.keep(refused);
        WebhookEvent next = event("{\"b\":2}");
        payloads.keep(next);
        payloads.forget(refused.traceId()); // answered 503: the edge's handoff hears it was not stored

        assertThat(payloads.size()).isEqualTo(1);
        assertThat(payloads.take(stored(refused))).isNull();
        assertThat(payloads.take(stored(next))).isSameAs(next.payload());
    }

    @Test
    void keepsNoMoreThanItsBoundsAndTheOldestStay() throws Exception {
        ParsedPayloads payloads = new ParsedPayloads(2, 1024);
        WebhookEvent first = event("{\"n\":1}");
        WebhookEvent second = event("{\"n\":2}");
        WebhookEvent third = event("{\"n\":3}");
        for (WebhookEvent event : new WebhookEvent[] {first, second, third}) {
            payloads.keep(event);
        }

        assertThat(payloads.size()).isEqualTo(2);
        assertThat(payloads.take(stored(third))).as("no room: parsed at its claim").isNull();
        assertThat(payloads.take(stored(first))).isSameAs(first.payload());

        ParsedPayloads small = new ParsedPayloads(100, 10);
        small.keep(event("{\"long\":\"more than ten bytes\"}"));
        assertThat(small.size()).as("over the byte bound").isZero();
    }

    @Test
    void aBodyOfAnotherLengthIsParsedRatherThanTrusted() throws Exception {
        ParsedPayloads payloads = new ParsedPayloads();
        WebhookEvent event = event("{\"a\":1}");
        payloads.keep(event);
        StoredEvent changed = StoredEvent.queued(1, new NewEvent(event.traceId(), "/webhook", "", null,
                event.receivedAt(), Map.of(), "{\"a\":12}".getBytes(StandardCharsets.UTF_8)));

        assertThat(payloads.take(changed)).isNull();
    }
}
