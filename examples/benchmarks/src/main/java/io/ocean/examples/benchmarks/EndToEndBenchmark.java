package io.ocean.examples.benchmarks;

import io.ocean.core.WebhookEvent;
import io.ocean.testkit.FakePort;
import io.ocean.webhook.Ocean;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The end-to-end benchmark's server: FakePort ({@code withoutJournal()}) and an Ocean with a real pull-request
 * processor, the real mapping and batched upserts, in one JVM; {@code scripts/e2e.sh} drives it with wrk.
 * {@code GET /bench/reset} forgets what was measured; {@code GET /bench/report} waits until every accepted event is
 * upserted, then reports events per second (first accepted to last upserted) and the time from accepted to upserted
 * in FakePort, and the process's CPU per event by thread group since the reset ({@link ThreadCpu}; requests
 * answered 503 count too, so a saturating run with many of them costs more per event). An event counts as accepted
 * only when it was answered 200 (a 503 from a full queue or a slow store is not accepted: the sender sends it
 * again); its clock starts when it passed validation, before the store's write.
 * {@code EndToEndBenchmark <port> [store]}, the store as {@code OCEAN__WEBHOOKS__STORE} takes it ({@code memory},
 * {@code sqlite}, {@code jdbc:postgresql://...}; default SQLite).
 */
public final class EndToEndBenchmark {

    private static final Map<String, Long> ACCEPTED = new ConcurrentHashMap<>();
    /** Every thread's CPU time at the last reset. */
    private static volatile ThreadCpu cpuAtReset = ThreadCpu.snapshot();

    /** The id and validation time of the request this (request) thread is answering; kept only if answered 200. */
    private static final ThreadLocal<Object[]> VALIDATED = new ThreadLocal<>();

    /** Notes when an event passed validation, just before the store's write; kept only once it was answered 200. */
    static final class Timed extends PullRequestProcessor {
        Timed(WebhookEvent event) {
            super(event, 0);
        }

        @Override
        public boolean validatePayload(com.fasterxml.jackson.databind.JsonNode payload) {
            VALIDATED.set(new Object[] {payload.path("pull_request").path("id").asText(), System.nanoTime()});
            return super.validatePayload(payload);
        }
    }

    private EndToEndBenchmark() {
    }

    /** Serves until killed. */
    public static void main(String[] args) throws Exception {
        int httpPort = Integer.parseInt(args[0]);
        String store = args.length > 1 ? args[1] : "";
        FakePort port = FakePort.start().withoutJournal();
        Ocean ocean = Load.oceanOn(port, store, httpPort, Timed::new, javalin -> {
            // the edge answers on the request thread, so this runs on the thread that validated the event
            javalin.routes.after("/integration/webhook", ctx -> {
                Object[] validated = VALIDATED.get();
                VALIDATED.remove();
                if (validated != null && ctx.statusCode() == 200) {
                    ACCEPTED.putIfAbsent((String) validated[0], (Long) validated[1]);
                }
            });
            javalin.routes.get("/bench/reset", ctx -> {
                ACCEPTED.clear();
                cpuAtReset = ThreadCpu.snapshot();
                ctx.result("reset");
            });
            javalin.routes.get("/bench/report", ctx -> ctx.result(report(port)));
        });
        System.out.println("ready on " + ocean.port() + " with store " + (store.isEmpty() ? "sqlite" : store));
    }

    private static String report(FakePort port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        Map<String, Long> accepted = Map.copyOf(ACCEPTED);
        if (accepted.isEmpty()) {
            return "no event was answered 200";
        }
        long[] latency = new long[accepted.size()];
        long first = Long.MAX_VALUE;
        long last = 0;
        int n = 0;
        for (Map.Entry<String, Long> event : accepted.entrySet()) {
            java.util.OptionalLong written;
            while ((written = port.writtenAtNanos("githubPullRequest", "Hello-World" + event.getKey())).isEmpty()
                    || written.getAsLong() < event.getValue()) {
                if (System.nanoTime() > deadline) {
                    return "timed out waiting for " + event.getKey() + " (answered 200, never upserted)";
                }
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            latency[n++] = written.getAsLong() - event.getValue();
            first = Math.min(first, event.getValue());
            last = Math.max(last, written.getAsLong());
        }
        Arrays.sort(latency, 0, n);
        double seconds = (last - first) / 1e9;
        return String.format("%d events accepted and upserted in %.1f s: %.0f events/s end to end; "
                        + "accepted->upserted p50 %.1f ms, p99 %.1f ms, max %.1f ms; %s", n, seconds, n / seconds,
                Load.percentile(latency, 0.50), Load.percentile(latency, 0.99), latency[n - 1] / 1e6,
                cpuAtReset.perEvent(n));
    }
}
