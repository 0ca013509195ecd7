package io.ocean.store.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Ocean processes in JVMs of their own ({@link ClusterNode}) on one PostgreSQL schema, for the tests that kill,
 * pause and restart them; plus the table the nodes record their processing in.
 */
final class ClusterProcesses implements AutoCloseable {

    /** One running node. */
    static final class Node {
        final String name;
        final Process process;
        final Path log;
        final int port;

        Node(String name, Process process, Path log, int port) {
            this.name = name;
            this.process = process;
            this.log = log;
            this.port = port;
        }

        String logText() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    final String schema = PostgresAvailable.newSchema();
    final String results = schema + "_results";
    private final Path dir;
    private final int leaseSeconds;
    private final List<Node> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ClusterProcesses(String testName, int leaseSeconds) throws IOException, SQLException {
        this.dir = Files.createDirectories(Path.of("target", "cluster", testName + "-" + schema));
        this.leaseSeconds = leaseSeconds;
        try (Connection connection = PostgresAvailable.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA \"" + results + "\"");
            statement.execute("CREATE TABLE \"" + results + "\".processed (id bigserial PRIMARY KEY, key text, "
                    + "seq int, node text, trace_id text, at timestamptz DEFAULT clock_timestamp())");
        }
    }

    /** Starts a node in a new JVM and waits until it listens. */
    Node start(String name) throws IOException, InterruptedException {
        Path log = dir.resolve(name + "-" + started.size() + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ClusterNode.class.getName());
        Map<String, String> env = builder.environment();
        env.put("OCEAN__WEBHOOKS__STORE", PostgresAvailable.URL);
        env.put("OCEAN__WEBHOOKS__STORE_USER", PostgresAvailable.USER);
        env.put("OCEAN__WEBHOOKS__STORE_SCHEMA", schema);
        env.put("OCEAN__WEBHOOKS__LEASE_SECONDS", Integer.toString(leaseSeconds));
        env.put("OCEAN__WEBHOOKS__STATE_DIR", dir.resolve(name + "-state").toAbsolutePath().toString());
        env.put("OCEAN__HTTP__PORT", "0");
        env.put("NODE_NAME", name);
        env.put("RESULTS_SCHEMA", results);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Optional<String> ready = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("READY ")).findFirst();
            if (ready.isPresent()) {
                Node node = new Node(name, process, log, Integer.parseInt(ready.get().substring(6).trim()));
                started.add(node);
                return node;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited at start:\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not start within 60 s:\n" + Files.readString(log));
    }

    /** POSTs an event to a node; the status, or -1 when the node could not be reached. */
    int post(Node node, String key, int seq, boolean hold) {
        String body = "{\"key\":\"" + key + "\",\"seq\":" + seq + (hold ? ",\"hold\":true" : "") + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port
                        + "/integration/webhook"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Delivery-Id", key + "/" + seq)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Sends a signal to a node's process ({@code STOP}, {@code CONT}, {@code KILL}). */
    static void signal(Node node, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(node.process.pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + node.process.pid() + " failed");
        }
    }

    Connection results() throws SQLException {
        return PostgresAvailable.connect();
    }

    /** Stops every node still running (SIGTERM, then SIGKILL), and drops both schemas. */
    @Override
    public void close() throws IOException {
        try {
            for (Node node : started) {
                if (node.process.isAlive()) {
                    try {
                        signal(node, "CONT");
                    } catch (IllegalStateException e) {
                        // It ended meanwhile.
                    }
                    node.process.destroy();
                }
            }
            for (Node node : started) {
                if (!node.process.waitFor(30, TimeUnit.SECONDS)) {
                    node.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.forEach(node -> node.process.destroyForcibly());
        } finally {
            PostgresAvailable.dropSchema(results);
            PostgresAvailable.dropSchema(schema);
        }
    }
}
