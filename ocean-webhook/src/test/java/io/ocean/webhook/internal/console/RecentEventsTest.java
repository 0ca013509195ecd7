package io.ocean.webhook.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.internal.Json;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.internal.run.Outcome;
import io.ocean.webhook.internal.run.RuntimeMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recorder keeps a bounded number of events per path and a bounded number of payload bytes. */
class RecentEventsTest {

    private static WebhookEvent event(String traceId, String path, String body) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        return new WebhookEvent(traceId, path, Json.readOrMissing(raw), EventHeaders.of("X-GitHub-Delivery",
                "d-" + traceId), raw, Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void eachPathKeepsItsNewestEventsOnly() {
        RecentEvents events = new RecentEvents(2, 1_000_000, Clock.systemUTC());
        for (int i = 1; i <= 3; i++) {
            events.received(event("a" + i, "/a", "{}"));
        }
        events.received(event("b1", "/b", "{}"));

        assertThat(events.get("a1")).as("evicted").isNull();
        assertThat(events.newest("/a", null, null, 10)).extracting(RecentEvent.View::traceId)
                .containsExactlyInAnyOrder("a2", "a3");
        assertThat(events.newest(null, null, null, 10)).hasSize(3);
        assertThat(events.get("b1").deliveryId()).isEqualTo("d-b1");
    }

    @Test
    void payloadsBeyondTheBudgetAreDroppedOldestFirstWithANote() {
        String body = "{\"data\":\"" + "x".repeat(90) + "\"}";
        RecentEvents events = new RecentEvents(100, 16 * 250, Clock.systemUTC());
        for (int i = 1; i <= 60; i++) {
            events.received(event("e" + i, "/a", body));
        }

        long held = events.held()[1];
        assertThat(held).isLessThanOrEqualTo(16 * 250);
        assertThat(new String(events.payload(events.get("e60")), StandardCharsets.UTF_8)).isEqualTo(body);
        RecentEvent.View oldest = events.get("e1");
        assertThat(events.payload(oldest)).isNull();
        assertThat(events.payloadNote(oldest, null)).contains("payload dropped");
        assertThat(oldest.payloadLength()).isEqualTo(body.length());
    }

    @Test
    void theArenaWrapsWithoutSplittingAPayloadAndKnowsWhatWasOverwritten() {
        PayloadArena arena = new PayloadArena(10);
        long first = arena.put("abcd".getBytes(StandardCharsets.UTF_8));
        long second = arena.put("efgh".getBytes(StandardCharsets.UTF_8));
        long third = arena.put("ijk".getBytes(StandardCharsets.UTF_8));

        assertThat(arena.get(first, 4)).as("overwritten by the wrap").isNull();
        assertThat(new String(arena.get(second, 4), StandardCharsets.UTF_8)).isEqualTo("efgh");
        assertThat(new String(arena.get(third, 3), StandardCharsets.UTF_8)).isEqualTo("ijk");
        assertThat(arena.put(new byte[11])).isEqualTo(-1);
        assertThat(arena.held()).isEqualTo(10);
    }

    @Test
    void aPayloadOverASixteenthOfTheBudgetIsNotKeptAndSaysSo() {
        RecentEvents events = new RecentEvents(10, 1_600, Clock.systemUTC());

        events.received(event("big", "/a", "{\"data\":\"" + "x".repeat(200) + "\"}"));

        assertThat(events.payload(events.get("big"))).isNull();
        assertThat(events.get("big").payloadNote()).contains("not kept").contains("100 bytes per event");
        assertThat(events.held()[1]).isZero();
    }

    @Test
    void aFastRunsOutcomeIsNotOverwrittenByTheEdgesLaterAnswer() {
        RecentEvents events = new RecentEvents(10, 1_000, Clock.systemUTC());
        events.received(event("t", "/a", "{}"));

        events.finished("t", 1_000, 2_000, null);
        events.answered("t", "/a", Outcome.QUEUED);

        assertThat(events.get("t").outcome()).isEqualTo("processed");
    }

    @Test
    void aRequestRefusedBeforeItWasParsedIsStillListed() {
        RecentEvents events = new RecentEvents(10, 1_000, Clock.systemUTC());

        events.answered("t", "/a", Outcome.INVALID);

        assertThat(events.get("t").outcome()).isEqualTo("invalid");
        assertThat(events.payload(events.get("t"))).isNull();
    }

    @Test
    void withTheConsoleOffNothingIsRecordedAndTheMetricsPassThrough() {
        Ocean ocean = Ocean.create(Map.of(), cfg -> { });
        Console console = Console.of(ocean.config(), null); // off: the host is never read

        assertThat(console.recorder()).isSameAs(ConsoleRecorder.OFF);
        assertThat(console.metrics(RuntimeMetrics.NONE)).isSameAs(RuntimeMetrics.NONE);
    }
}
