package io.ocean.examples.benchmarks;

import io.ocean.testkit.FakePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outage soak's integration processes: the GitHub example's jar, each JVM with its own HTTP port, log and GC log
 * (for the heap after each collection), all on one event store; started, stopped, and read afterwards.
 */
final class OutageNodes implements AutoCloseable {

    private static final Pattern AFTER_GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /** What the logs of one process say once it stopped. */
    record Report(int node, long maxHeapAfterGcMb, long heapCapacityMb, int notHandedBack, int takenOver,
                  int errors) {
    }

    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> httpPorts = new ArrayList<>();
    private final Path dir;

    /** Starts {@code count} processes of {@code jar} on {@code store}, HTTP ports from {@code firstPort}. */
    OutageNodes(int count, String jar, String store, String schema, FakePort port, FakeGithubApi github,
                int firstPort, Path dir, String heap) throws IOException {
        this.dir = dir;
        for (int i = 0; i < count; i++) {
            int httpPort = firstPort + i;
            ProcessBuilder builder = new ProcessBuilder("java", "-Xmx" + heap,
                    "-Xlog:gc:file=" + dir.resolve("node-" + i + "-gc.log"), "-jar", jar)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("node-" + i + ".log").toFile());
            Map<String, String> env = builder.environment();
            env.put("OCEAN__PORT__CLIENT_ID", port.clientId());
            env.put("OCEAN__PORT__CLIENT_SECRET", port.clientSecret());
            env.put("OCEAN__PORT__BASE_URL", port.baseUrl());
            env.put("OCEAN__INTEGRATION__IDENTIFIER", "soak");
            env.put("OCEAN__HTTP__HOST", "127.0.0.1");
            env.put("OCEAN__HTTP__PORT", String.valueOf(httpPort));
            env.put("OCEAN__WEBHOOKS__STATE_DIR", Files.createDirectories(dir.resolve("state-" + i)).toString());
            env.put("OCEAN__WEBHOOKS__STORE", store);
            env.put("OCEAN__WEBHOOKS__STORE_USER", "postgres");
            env.put("OCEAN__WEBHOOKS__STORE_SCHEMA", schema);
            env.put("OCEAN__CONSOLE__ENABLED", "false");
            env.put("OCEAN__INTEGRATION__CONFIG__ALLOW_UNSIGNED", "true");
            env.put("OCEAN__INTEGRATION__CONFIG__GITHUB_TOKEN", "soak-token");
            env.put("OCEAN__INTEGRATION__CONFIG__GITHUB_API_URL", github.baseUrl());
            processes.add(builder.start());
            httpPorts.add(httpPort);
        }
    }

    /** The webhook URL of process {@code i}. */
    URI webhook(int i) {
        return URI.create("http://127.0.0.1:" + httpPorts.get(i) + "/integration/webhook");
    }

    int size() {
        return processes.size();
    }

    /** Waits until every process answers {@code /health/ready}. */
    void awaitReady(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int port : httpPorts) {
            URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
            while (true) {
                try {
                    if (client.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("process on " + port + " not ready; see " + dir);
                }
                Thread.sleep(500);
            }
        }
    }

    /** Stops every process as a deploy would (SIGTERM, then SIGKILL after 60 s) and reads its logs. */
    List<Report> stop() throws Exception {
        processes.forEach(Process::destroy);
        List<Report> reports = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            if (!processes.get(i).waitFor(60, TimeUnit.SECONDS)) {
                processes.get(i).destroyForcibly().waitFor();
            }
            reports.add(report(i));
        }
        return reports;
    }

    private Report report(int i) throws IOException {
        List<String> log = Files.readAllLines(dir.resolve("node-" + i + ".log"));
        long max = 0;
        long capacity = 0;
        for (String line : Files.readAllLines(dir.resolve("node-" + i + "-gc.log"))) {
            Matcher m = AFTER_GC.matcher(line);
            if (m.find()) {
                max = Math.max(max, Long.parseLong(m.group(2)));
                capacity = Math.max(capacity, Long.parseLong(m.group(3)));
            }
        }
        return new Report(i, max, capacity, count(log, "not handed back"), count(log, "taken over"),
                count(log, " ERROR "));
    }

    private static int count(List<String> log, String text) {
        return (int) log.stream().filter(line -> line.contains(text)).count();
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }
}
