package io.ocean.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A server that holds every request until released (WireMock cannot), to see how many are in flight. */
class ConcurrencyTest {

    @Test
    void noMoreThanTheCapAreInFlightAndTheRestWait() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (HttpApi api = HttpApi.create(cfg -> cfg.baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .maxConcurrentRequests(2))) {
            List<CompletableFuture<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> api.get("/item"), Executors.newSingleThreadExecutor()));
            }
            BudgetTest.await(() -> inFlight.get() == 2 && api.stats().containsKey("127.0.0.1")
                    && api.stats().get("127.0.0.1").waits() == 4, "two in flight, four waiting");

            release.countDown();
            for (CompletableFuture<Object> call : calls) {
                assertThat(call).succeedsWithin(Duration.ofSeconds(30));
            }
            assertThat(most.get()).isEqualTo(2);
        } finally {
            release.countDown();
            server.stop(0);
        }
    }

    @Test
    void closingTheClientFailsTheRequestsWaitingForASlotAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger arrived = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            arrived.incrementAndGet();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        HttpApi api = HttpApi.create(cfg -> cfg.baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .maxConcurrentRequests(1));
        try {
            CompletableFuture<Object> holding = CompletableFuture.supplyAsync(() -> api.get("/item"),
                    Executors.newSingleThreadExecutor());
            BudgetTest.await(() -> arrived.get() == 1, "the first request holds the only slot");
            CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> api.get("/item"),
                    Executors.newSingleThreadExecutor());
            BudgetTest.await(() -> api.stats().containsKey("127.0.0.1") && api.stats().get("127.0.0.1").waits() == 1,
                    "one in flight, one waiting for its slot");

            api.close();

            // the one in flight still holds the only slot (the server answers nobody until released): only the
            // close can end the wait
            assertThat(waiting).failsWithin(Duration.ofSeconds(30)).withThrowableThat()
                    .havingRootCause().isInstanceOf(TransientHttpException.class)
                    .withMessageContaining("closed while waiting for a connection slot");
        } finally {
            release.countDown();
            server.stop(0);
        }
    }
}
