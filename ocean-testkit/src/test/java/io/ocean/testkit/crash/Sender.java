package io.ocean.testkit.crash;

import io.ocean.testkit.Signer;
import io.ocean.testkit.Signers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends GitHub-signed events from 32 connections, as a sender would, and remembers what each answer promised: the
 * trace ids answered 200, and the requests that got no answer (the process died under them).
 */
final class Sender {

    static final int CONNECTIONS = 32;
    private static final Pattern TRACE_ID = Pattern.compile("\"traceId\":\"([^\"]+)\"");
    private static final Signer SIGNER = Signers.github(CrashIntegration.SECRET);

    final Set<String> accepted = ConcurrentHashMap.newKeySet();
    final AtomicInteger unanswered = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();

    private final int padding;

    Sender() {
        this(0);
    }

    /** A sender whose events carry {@code padding} bytes of text besides the issue. */
    Sender(int padding) {
        this.padding = padding;
    }

    /** Sends {@code count} events to the port; returns once each was answered or could not be. */
    void send(int port, int count) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService connections = Executors.newFixedThreadPool(CONNECTIONS);
        for (int c = 0; c < CONNECTIONS; c++) {
            connections.execute(() -> {
                int n;
                while ((n = next.getAndIncrement()) < count) {
                    sendOne(port, n);
                }
            });
        }
        connections.shutdown();
        connections.awaitTermination(5, TimeUnit.MINUTES);
    }

    int answered() {
        return accepted.size() + refused.get();
    }

    private void sendOne(int port, int n) {
        byte[] body = ("{\"action\":\"opened\",\"issue\":{\"id\":" + n + ",\"title\":\"issue " + n + "\",\"body\":\""
                + "x".repeat(padding) + "\"}}").getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/integration/webhook")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "issues")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, String> header : SIGNER.sign(body).entrySet()) {
            request.header(header.getKey(), header.getValue());
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() == 200) {
                Matcher traceId = TRACE_ID.matcher(response.body());
                if (!traceId.find()) {
                    throw new AssertionError("200 without a trace id: " + response.body());
                }
                accepted.add(traceId.group(1));
            } else {
                refused.incrementAndGet();
            }
        } catch (java.io.IOException e) {
            unanswered.incrementAndGet(); // the process died under it, or was gone: the sender retries later
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
