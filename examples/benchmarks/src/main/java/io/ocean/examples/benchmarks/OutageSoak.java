package io.ocean.examples.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.testkit.FakePort;
import io.ocean.testkit.PortRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outage soak (issue 21): the GitHub example's integration, in {@code processes} JVMs on one store, against a
 * fake GitHub API that fails every call for {@code failSeconds} from the first event on, then recovers; FakePort as
 * Port. Sends {@code events} issue events over {@code keys} issues, in rounds (round s moves every issue to seq s in
 * GitHub, then sends its event; a 503 is sent again after its Retry-After), waits until the store holds nothing but
 * dead letters (at most {@code settleSeconds}), stops the processes and reports: accepted, processed, dead-lettered,
 * still pending; Port writes, writes beyond one per processed event, per-item regressions and final states; max heap
 * after GC and the takeover warnings of each process. {@code scripts/outage.sh} runs it.
 * Arguments: {@code <store> <processes> <failSeconds> <keys> <events> <basePort> <workDir> <nodeJar> [settleSeconds]}.
 */
public final class OutageSoak {

    private OutageSoak() {
    }

    /** Runs one soak and prints its report. */
    public static void main(String[] args) throws Exception {
        String store = args[0];
        int processes = Integer.parseInt(args[1]);
        int failSeconds = Integer.parseInt(args[2]);
        int keys = Integer.parseInt(args[3]);
        int events = Integer.parseInt(args[4]);
        int basePort = Integer.parseInt(args[5]);
        Path dir = Files.createDirectories(Path.of(args[6]));
        String jar = args[7];
        int settleSeconds = args.length > 8 ? Integer.parseInt(args[8]) : 600;
        String schema = "soak_" + ProcessHandle.current().pid();
        int rounds = events / keys;
        try (FakePort port = FakePort.start(); FakeGithubApi github = new FakeGithubApi(basePort);
             OutageNodes nodes = new OutageNodes(processes, jar, store, schema, port, github, basePort + 1, dir, "256m")) {
            nodes.awaitReady(Duration.ofSeconds(120));
            long start = System.nanoTime();
            github.outageFor(failSeconds);
            int accepted = 0;
            int refused = 0;
            for (int seq = 0; seq < rounds; seq++) {
                int[] status = sendRound(nodes, github, keys, seq);
                for (int code : status) {
                    if (code == 200) {
                        accepted++;
                    } else {
                        refused++;
                    }
                }
            }
            double sentAfter = seconds(start);
            Map<String, Integer> left = Map.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(failSeconds + settleSeconds);
            while (System.nanoTime() < deadline) {
                left = states(store, schema, dir);
                if (left.keySet().stream().allMatch("DEAD"::equals) && !github.down()) {
                    break;
                }
                Thread.sleep(1_000);
            }
            double settledAfter = seconds(start);
            List<OutageNodes.Report> reports = nodes.stop();
            left = states(store, schema, dir);
            int dead = left.getOrDefault("DEAD", 0);
            int pending = left.entrySet().stream().filter(e -> !e.getKey().equals("DEAD"))
                    .mapToInt(Map.Entry::getValue).sum();
            int processed = accepted - dead - pending;
            PortWrites writes = PortWrites.of(port.requests(), keys, rounds - 1);
            System.out.printf("store %s, %d process(es), GitHub down %d s, %d keys, %d events (%d rounds)%n",
                    store.startsWith("jdbc:") ? "postgresql" : store, processes, failSeconds, keys, events, rounds);
            System.out.printf("  sent in %.0f s: %d accepted (200), %d not accepted after retries; settled after %.0f s"
                            + " (deadline %d s after the outage)%n", sentAfter, accepted, refused, settledAfter,
                    settleSeconds);
            System.out.printf("  accepted %d = processed %d + dead-lettered %d + still pending %d%n", accepted,
                    processed, dead, pending);
            System.out.printf("  GitHub calls: %d failed during the outage, %d served%n", github.failedCalls(),
                    github.servedCalls());
            System.out.println("  Port: " + writes.summary(processed));
            for (OutageNodes.Report r : reports) {
                System.out.printf("  process %d: max heap after GC %d MB (of %d MB), 'not handed back' %d,"
                                + " 'taken over' %d, ERROR lines %d%n", r.node(), r.maxHeapAfterGcMb(),
                        r.heapCapacityMb(), r.notHandedBack(), r.takenOver(), r.errors());
            }
        } finally {
            if (store.startsWith("jdbc:postgresql:")) {
                try (Connection c = DriverManager.getConnection(store, "postgres", null);
                     Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** One round: every issue moves to {@code seq} in GitHub, then its event goes to a process, 32 in flight. */
    private static int[] sendRound(OutageNodes nodes, FakeGithubApi github, int keys, int seq) throws Exception {
        HttpClient client = CLIENT;
        Semaphore permits = new Semaphore(32);
        int[] status = new int[keys];
        CompletableFuture<?>[] sent = new CompletableFuture<?>[keys];
        for (int k = 0; k < keys; k++) {
            long number = k + 1;
            github.set(number, seq);
            permits.acquire();
            int index = k;
            URI uri = nodes.webhook((seq * keys + k) % nodes.size());
            sent[k] = attempt(client, uri, OutageEvents.body(number, seq), UUID.randomUUID().toString(), 0)
                    .whenComplete((code, error) -> {
                        status[index] = error != null ? -1 : code;
                        permits.release();
                    });
        }
        CompletableFuture.allOf(sent).join();
        return status;
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static CompletableFuture<Integer> attempt(HttpClient client, URI uri, byte[] body, String delivery,
                                                      int tries) {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("X-GitHub-Event", "issues").header("X-GitHub-Delivery", delivery)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenCompose(response -> {
            if (response.statusCode() == 503 && tries < 30) {
                long wait = Long.parseLong(response.headers().firstValue("Retry-After").orElse("1"));
                return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(wait, TimeUnit.SECONDS))
                        .thenCompose(ignored -> attempt(client, uri, body, delivery, tries + 1));
            }
            return CompletableFuture.completedFuture(response.statusCode());
        });
    }

    /** The store's events by state (processed events are deleted; dead letters stay, as DEAD). */
    private static Map<String, Integer> states(String store, String schema, Path dir) throws Exception {
        boolean postgres = store.startsWith("jdbc:postgresql:");
        String url = postgres ? store : "jdbc:sqlite:" + dir.resolve("state-0").resolve("events.db");
        Map<String, Integer> states = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, postgres ? "postgres" : null, null);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT state, count(*) FROM " + (postgres ? schema + "." : "")
                     + "events GROUP BY state")) {
            while (rs.next()) {
                states.put(rs.getString(1), rs.getInt(2));
            }
        } catch (java.sql.SQLException notYet) {
            states.put("UNKNOWN (" + notYet.getMessage() + ")", 1);
        }
        return states;
    }

    /** What FakePort received for the soak's issues: each item's written sequence numbers, in order. */
    record PortWrites(Map<String, List<Integer>> byItem, int keys, int lastSeq) {

        static PortWrites of(List<PortRequest> requests, int keys, int lastSeq) {
            Map<String, List<Integer>> byItem = new HashMap<>();
            for (PortRequest request : requests) {
                if (!request.method().equals("POST") || !request.path().startsWith("/v1/blueprints/githubIssue/entities")) {
                    continue;
                }
                JsonNode entities = request.body().has("entities") ? request.body().get("entities")
                        : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(request.body());
                for (JsonNode entity : entities) {
                    String title = entity.path("title").asText();
                    byItem.computeIfAbsent(entity.path("identifier").asText(), id -> new ArrayList<>())
                            .add(title.startsWith("seq-") ? Integer.parseInt(title.substring(4)) : -1);
                }
            }
            return new PortWrites(byItem, keys, lastSeq);
        }

        String summary(int processed) {
            int writes = byItem.values().stream().mapToInt(List::size).sum();
            AtomicInteger regressions = new AtomicInteger();
            AtomicInteger repeated = new AtomicInteger();
            int wrongFinal = 0;
            for (List<Integer> seqs : byItem.values()) {
                for (int i = 1; i < seqs.size(); i++) {
                    if (seqs.get(i) < seqs.get(i - 1)) {
                        regressions.incrementAndGet();
                    } else if (seqs.get(i).equals(seqs.get(i - 1))) {
                        repeated.incrementAndGet();
                    }
                }
            }
            for (int k = 1; k <= keys; k++) {
                List<Integer> seqs = byItem.get(OutageEvents.identifier(k));
                if (seqs == null || seqs.get(seqs.size() - 1) != lastSeq) {
                    wrongFinal++;
                }
            }
            return String.format("%d entity writes for %d processed events (%+d), %d writes repeating the item's"
                            + " previous state, %d regressions (an older state after a newer one); %d of %d items"
                            + " not at the last event's state (seq-%d)", writes, processed, writes - processed,
                    repeated.get(), regressions.get(), wrongFinal, keys, lastSeq);
        }
    }
}
