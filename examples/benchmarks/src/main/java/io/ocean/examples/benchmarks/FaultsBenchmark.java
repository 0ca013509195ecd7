package io.ocean.examples.benchmarks;

import io.ocean.testkit.FakePort;
import io.ocean.webhook.DeadLetter;
import io.ocean.webhook.Ocean;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Events while FakePort fails 20 % of calls with 429/503 and the processor throws RetryableException on 10 % of
 * first attempts: every accepted event must end as an entity in FakePort or a dead letter.
 * {@code FaultsBenchmark [events] [concurrency]}.
 */
public final class FaultsBenchmark {

    private FaultsBenchmark() {
    }

    /** Runs and prints the counts; exits 1 if an accepted event was lost. */
    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        boolean lost;
        try (FakePort port = FakePort.start().withoutJournal()) {
            port.failRandomly(0.2, 429, 503);
            Ocean ocean = Load.oceanOn(port, 10);
            try {
                long start = System.nanoTime();
                int[] status = Load.send(ocean.port(), events, Load.bodies(), concurrency, null);
                boolean idle = ocean.awaitIdle(Duration.ofMinutes(30));
                long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                long accepted = Arrays.stream(status).filter(s -> s == 200).count();
                Set<String> dead = new HashSet<>();
                for (DeadLetter letter : ocean.deadLetters()) {
                    dead.add(letter.event().payload().path("pull_request").path("id").asText());
                }
                int missing = 0;
                for (int i = 0; i < events; i++) {
                    boolean written = port.writtenAtNanos("githubPullRequest", "Hello-World" + (i + 1)).isPresent();
                    if (status[i] == 200 && !written && !dead.contains(String.valueOf(i + 1))) {
                        missing++;
                    }
                }
                System.out.printf("%d events sent, %d accepted (after senders' retries of 503s), %d not accepted; "
                                + "%d entities in FakePort, %d dead letters, %d lost; idle=%s after %d s%n", events,
                        accepted, events - accepted, port.entityCount(), dead.size(), missing, idle, seconds);
                lost = missing > 0 || !idle;
            } finally {
                ocean.stop();
            }
        }
        System.exit(lost ? 1 : 0);
    }
}
