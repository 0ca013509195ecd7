package io.ocean.webhook.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ocean.core.OceanException;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.OceanConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console behind a same-host reverse proxy, as nginx's default {@code proxy_pass http://127.0.0.1:8000}, an
 * {@code ssh -L} or a {@code kubectl port-forward} put it: every request arrives from 127.0.0.1 with
 * {@code Host: 127.0.0.1:<port>} and no forwarding header, so the loopback rule cannot tell it from a local client.
 */
class ConsoleBehindAProxyTest {

    private static final String TOKEN = "s3cret-console-token-0123456789";

    private Ocean ocean;
    private HttpServer proxy;

    private ConsoleHttp proxied(Consumer<OceanConfig> extra) throws IOException {
        ocean = ConsoleOceans.start(new ConsoleProcessor.Behaviour(), extra);
        proxy = LoopbackProxy.to(ocean.port());
        return new ConsoleHttp(proxy.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.stop(0);
        }
        if (ocean != null) {
            ocean.stop();
        }
    }

    @Test
    void byDefaultAProxyInFrontOfTheWebhookPortDoesNotReachTheConsole() throws IOException {
        ConsoleHttp internet = proxied(cfg -> {
            cfg.http.host = "0.0.0.0";
            cfg.console.onMainListener = false;
        });

        for (String path : List.of("/ocean/", "/ocean/api/status", "/ocean/api/dead-letters", "/ocean/login")) {
            assertThat(internet.get(path).status()).as(path).isEqualTo(404);
        }
        assertThat(internet.post("/ocean/api/dead-letters/x/replay", null, "").status()).isEqualTo(404);
        assertThat(internet.post("/integration/webhook", "application/json", "{\"ignore\":true}").status())
                .as("the webhooks pass the proxy").isEqualTo(200);
        assertThat(new ConsoleHttp(ocean.consolePort()).get("/ocean/api/status").status())
                .as("the console on its own loopback listener").isEqualTo(200);
        assertThat(ocean.consolePort()).isNotEqualTo(ocean.port());
    }

    @Test
    void onTheMainListenerTheProxyGetsNothingWithoutTheToken() throws IOException {
        ConsoleHttp internet = proxied(cfg -> {
            cfg.http.host = "0.0.0.0";
            cfg.console.token = TOKEN;
        });

        assertThat(internet.get("/ocean/api/status").status()).isEqualTo(401);
        assertThat(internet.get("/ocean/api/dead-letters").status()).isEqualTo(401);
        assertThat(internet.get("/ocean/").status()).isEqualTo(303);
        assertThat(internet.post("/ocean/api/dead-letters/x/replay", null, "").status()).isEqualTo(401);
        assertThat(internet.get("/ocean/api/status", "Authorization", "Bearer " + TOKEN).status()).isEqualTo(200);
    }

    @Test
    void onTheMainListenerOnEveryInterfaceWithoutATokenTheStartFailsNamingBothSettings() {
        assertThatThrownBy(() -> ConsoleOceans.start(new ConsoleProcessor.Behaviour(), cfg -> {
            cfg.http.host = "0.0.0.0";
            cfg.console.onMainListener = true;
        })).isInstanceOf(OceanException.class)
                .hasMessageContaining("console.token")
                .hasMessageContaining("http.host")
                .hasMessageContaining("console.port");
    }

    @Test
    void throughAProxyOnALoopbackOnlyListenerNoActionPassesWithoutAnOrigin() throws IOException {
        ConsoleHttp internet = proxied(cfg -> { });

        assertThat(internet.post("/ocean/api/dead-letters/x/replay", null, "").status()).isEqualTo(403);
        assertThat(internet.post("/ocean/api/dead-letters/x/replay", null, "", "Origin", "https://evil.example")
                .status()).isEqualTo(403);
    }

    /** A reverse proxy with nginx's defaults: from 127.0.0.1, {@code Host} the upstream's, no forwarding header. */
    static final class LoopbackProxy {

        private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length",
                "transfer-encoding", "upgrade", "keep-alive", "expect");
        private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();

        private LoopbackProxy() {
        }

        static HttpServer to(int upstreamPort) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/", exchange -> forward(exchange, upstreamPort));
            server.start();
            return server;
        }

        private static void forward(HttpExchange exchange, int upstreamPort) throws IOException {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + upstreamPort
                        + exchange.getRequestURI())).timeout(Duration.ofSeconds(30))
                        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                    if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                        header.getValue().forEach(value -> request.header(header.getKey(), value));
                    }
                }
                HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                response.headers().map().forEach((name, values) -> {
                    if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                        exchange.getResponseHeaders().put(name, values);
                    }
                });
                byte[] answer = response.body();
                exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
                exchange.getResponseBody().write(answer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }
}
