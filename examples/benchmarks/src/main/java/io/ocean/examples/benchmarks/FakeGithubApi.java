package io.ocean.examples.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for GitHub's REST API on loopback, for the outage soak: {@code GET /repos/{owner}/{repo}/issues/{n}}
 * answers the issue's current state (the last sequence number the soak set, as GitHub would after the event), and
 * every call fails with 503 during the outage {@link #outageFor} starts; other calls answer 404.
 */
final class FakeGithubApi implements AutoCloseable {

    private static final Pattern ISSUE = Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)");

    private final HttpServer server;
    private final ConcurrentHashMap<Long, Integer> states = new ConcurrentHashMap<>();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong served = new AtomicLong();
    private volatile long outageUntilNanos = Long.MIN_VALUE;

    FakeGithubApi(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::answer);
        server.start();
    }

    /** The base URL to give the integration ({@code github_api_url}). */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every call fails from now for {@code seconds}. */
    void outageFor(int seconds) {
        outageUntilNanos = System.nanoTime() + seconds * 1_000_000_000L;
    }

    /** Whether calls fail now. */
    boolean down() {
        return System.nanoTime() < outageUntilNanos;
    }

    /** Issue {@code number} is now at sequence {@code seq} (its title becomes {@code seq-<seq>}). */
    void set(long number, int seq) {
        states.put(number, seq);
    }

    long failedCalls() {
        return failed.get();
    }

    long servedCalls() {
        return served.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (down()) {
                failed.incrementAndGet();
                send(exchange, 503, "{\"message\":\"outage\"}");
                return;
            }
            Matcher issue = ISSUE.matcher(exchange.getRequestURI().getPath());
            Integer seq = issue.matches() ? states.get(Long.parseLong(issue.group(2))) : null;
            if (seq == null) {
                send(exchange, 404, "{\"message\":\"Not Found\"}");
                return;
            }
            served.incrementAndGet();
            send(exchange, 200, OutageEvents.issue(Long.parseLong(issue.group(2)), seq).toString());
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
