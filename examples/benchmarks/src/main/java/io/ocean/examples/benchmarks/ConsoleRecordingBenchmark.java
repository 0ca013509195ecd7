package io.ocean.examples.benchmarks;

import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.internal.Json;
import io.ocean.webhook.internal.console.RecentEvents;
import io.ocean.webhook.internal.run.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the console adds to one event, measured alone: {@code received} at the edge (ring, arena copy of the
 * 11.6 KB GitHub issue payload), {@code answered}, and {@code finished} at the end of the run, the three calls an
 * accepted event makes, from 4 threads at once (the default sizes: 1 000 events per path, 16 MiB of payloads).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(4)
@Fork(1)
public class ConsoleRecordingBenchmark {

    private final AtomicLong sequence = new AtomicLong();
    private RecentEvents events;
    private byte[] body;
    private EventHeaders headers;
    private com.fasterxml.jackson.databind.JsonNode payload;

    /** The recorder and the fixture, once. */
    @Setup
    public void setUp() throws IOException {
        events = new RecentEvents(1_000, 16 * 1024 * 1024, Clock.systemUTC());
        try (InputStream in = getClass().getResourceAsStream("/io/ocean/testkit/fixtures/github/issues.opened.json")) {
            body = in == null ? new byte[11_615] : in.readAllBytes();
        }
        payload = Json.MAPPER.readTree(body);
        headers = EventHeaders.of("Content-Type", "application/json", "X-GitHub-Event", "issues",
                "X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958", "X-Hub-Signature-256", "sha256=00");
    }

    /** The three calls of one accepted event, on a fresh trace id. */
    @Benchmark
    public WebhookEvent recordOneEvent() {
        WebhookEvent event = newEvent();
        events.received(event);
        events.answered(event.traceId(), "/webhook", Outcome.QUEUED);
        events.finished(event.traceId(), 1_000, 2_000, null);
        return event;
    }

    /** The baseline to subtract: making the event and its trace id, which ingest does anyway. */
    @Benchmark
    public WebhookEvent baselineEventOnly() {
        return newEvent();
    }

    private WebhookEvent newEvent() {
        return new WebhookEvent(Long.toString(sequence.incrementAndGet()), "/webhook", payload, headers, body,
                Instant.EPOCH);
    }
}
