package io.ocean.examples.benchmarks;

import io.ocean.testkit.Fixtures;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.store.EventStores;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * End to end on PostgreSQL with 1, 2, ... Ocean processes: {@code senders} threads post the GitHub
 * {@code issues.opened} fixture (issue number rotated over 1000 keys) round-robin to the processes, each waiting for
 * its answer; the run ends when every event answered 200 has been processed (the shared table is empty). Each
 * process is the ingest benchmark's Ocean (trivial processor) on one shared schema, in its own JVM.
 *
 * <p>Usage: {@code ScalingBenchmark run <processes> <events> <senders>}; {@code ScalingBenchmark node <port>
 * <schema>} is what each child JVM runs. PostgreSQL from {@code OCEAN_BENCH_POSTGRES} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}).
 */
public final class ScalingBenchmark {

    private static final String URL = System.getenv().getOrDefault("OCEAN_BENCH_POSTGRES",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private ScalingBenchmark() {
    }

    /** Runs the benchmark or one of its nodes. */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("node")) {
            Ocean ocean = IngestServers.startOcean(Integer.parseInt(args[1]),
                    EventStores.postgres(URL, null, null, args[2]));
            System.out.println("READY " + ocean.port());
            return;
        }
        int processes = Integer.parseInt(args[1]);
        int events = Integer.parseInt(args[2]);
        int senders = Integer.parseInt(args[3]);
        String schema = "bench_scaling_" + Long.toHexString(System.nanoTime());
        List<Process> nodes = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < processes; i++) {
                int port = 18090 + i;
                Path log = Files.createTempFile("ocean-scaling-node-", ".log");
                nodes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m", "-cp", System.getProperty("java.class.path"), ScalingBenchmark.class.getName(),
                        "node", Integer.toString(port), schema).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start());
                awaitReady(log.toFile());
                ports.add(port);
            }
            run(ports, events, senders, schema);
        } finally {
            nodes.forEach(Process::destroy);
            for (Process node : nodes) {
                node.waitFor();
            }
            try (Connection connection = DriverManager.getConnection(URL);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static void run(List<Integer> ports, int events, int senders, String schema) throws Exception {
        String body = new String(Fixtures.bytes("github/issues.opened.json"), StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newHttpClient();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(senders);
        long start = System.nanoTime();
        for (int s = 0; s < senders; s++) {
            Thread sender = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < events; i = next.getAndIncrement()) {
                    String numbered = body.replaceFirst("\"number\":\\s*1,", "\"number\": " + (i % 1000) + ",");
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                    + ports.get(i % ports.size()) + "/integration/webhook"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(numbered)).build();
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        (status == 200 ? accepted : refused).incrementAndGet();
                    } catch (Exception e) {
                        refused.incrementAndGet();
                    }
                }
                done.countDown();
            });
            sender.start();
        }
        done.await();
        double sent = (System.nanoTime() - start) / 1e9;
        try (Connection connection = DriverManager.getConnection(URL);
             Statement statement = connection.createStatement()) {
            while (true) {
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + schema + ".events")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        break;
                    }
                }
                Thread.sleep(20);
            }
        }
        double all = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d process(es), %d senders: %d answered 200 (%d not) in %.1f s = %.0f/s ingest; all "
                        + "processed after %.1f s = %.0f events/s end to end%n", ports.size(), senders,
                accepted.get(), refused.get(), sent, accepted.get() / sent, all, accepted.get() / all);
    }

    private static void awaitReady(File log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log.toPath()).contains("READY ")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("node did not start: " + Files.readString(log.toPath()));
    }
}
