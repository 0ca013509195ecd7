package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocean.core.OceanException;
import io.ocean.core.WebhookEventRawResults;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Starting, stopping, callbacks, legacy routes and health. */
class LifecycleTest {

    private Ocean ocean;

    private Ocean create() {
        ocean = TestOceans.create(cfg -> {
            cfg.resultsHandler(new Results());
        });
        return ocean;
    }

    @AfterEach
    void stop() {
        if (ocean != null) {
            ocean.stop();
        }
    }

    @Test
    void legacyRouterRouteIsServedUnderIntegration() {
        List<String> bodies = new ArrayList<>();
        create().router().post("/legacy", ctx -> {
            bodies.add(ctx.body());
            ctx.result("got it");
        }).get("legacy/status", ctx -> ctx.result("fine"));
        ocean.start();
        Http http = new Http(ocean.port());

        Http.Reply posted = http.postJson("/integration/legacy", "{\"a\":1}");

        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.body()).isEqualTo("got it");
        assertThat(bodies).containsExactly("{\"a\":1}");
        assertThat(http.get("/integration/legacy/status").body()).isEqualTo("fine");
        assertThat(http.postJson("/legacy", "{}").status()).isEqualTo(404);
    }

    @Test
    void aThrowingLegacyRouteAnswers500AsJson() {
        create().router().post("/legacy", ctx -> {
            throw new IOException("disk full");
        });
        ocean.start();

        Http.Reply reply = new Http(ocean.port()).postJson("/integration/legacy", "{}");

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.field("error")).isEqualTo("internal_error");
        assertThat(reply.body()).doesNotContain("disk full");
    }

    @Test
    void onStartRunsOnceAfterTheServerListens() {
        AtomicInteger runs = new AtomicInteger();
        List<Integer> liveStatus = new ArrayList<>();
        create().onStart(() -> {
            runs.incrementAndGet();
            liveStatus.add(new Http(ocean.port()).get("/health/live").status());
        });

        ocean.start();

        assertThat(runs).hasValue(1);
        assertThat(liveStatus).containsExactly(200);
    }

    @Test
    void aFailingOnStartFailsStartAndStopsTheServer() {
        AtomicInteger port = new AtomicInteger();
        create().onStart(() -> {
            port.set(ocean.port());
            throw new IOException("cannot register the webhook");
        });

        assertThatThrownBy(ocean::start)
                .isInstanceOf(OceanException.class)
                .hasMessageContaining("onStart failed")
                .hasMessageContaining("cannot register the webhook")
                .hasCauseInstanceOf(IOException.class);
        assertThat(port.get()).isPositive();
        assertThat(listening(port.get())).isFalse();
    }

    @Test
    void registeringAfterStartThrows() {
        create().start();

        assertThatThrownBy(() -> ocean.addWebhookProcessor("/late", e -> null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before start()");
        assertThatThrownBy(() -> ocean.groupEventsBy("/late", e -> "k")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ocean.onStart(() -> { })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ocean.router().get("/late", ctx -> { })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(ocean::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void awaitIdleWaitsForAcceptedEventsOnly() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Script script = new Script("slow");
        script.handler = (payload, resource) -> {
            release.await(30, TimeUnit.SECONDS);
            return WebhookEventRawResults.updated(payload);
        };
        create().addWebhookProcessor("/webhook", ScriptedProcessor.factory(script));
        ocean.start();
        Http http = new Http(ocean.port());
        assertThat(ocean.awaitIdle(Duration.ofMillis(1))).isTrue();

        assertThat(http.postJson("/integration/webhook", "{\"issue\":{}}").status()).isEqualTo(200);

        assertThat(ocean.awaitIdle(Duration.ofMillis(200))).isFalse();
        release.countDown();
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(script.callsOf("handleEvent")).hasSize(1);
    }

    @Test
    void healthEndpointsAnswerWhileRunning() {
        create().addWebhookProcessor("/webhook", ScriptedProcessor.factory(new Script("s")));
        ocean.start();
        Http http = new Http(ocean.port());

        assertThat(http.get("/health/live").status()).isEqualTo(200);
        Http.Reply ready = http.get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.field("status")).isEqualTo("ready");
    }

    @Test
    void stopClosesThePortAndIsIdempotent() {
        create().start();
        int port = ocean.port();

        ocean.stop();
        ocean.close();

        assertThat(listening(port)).isFalse();
    }

    @Test
    void aTakenPortFailsStartWithAClearError() {
        create().start();
        int taken = ocean.port();
        Ocean second = TestOceans.create(cfg -> cfg.http.port = taken);

        assertThatThrownBy(second::start).isInstanceOf(OceanException.class).hasMessageContaining("start");
    }

    @Test
    void invalidSettingsFailCreateNamingTheField() {
        assertThatThrownBy(() -> Ocean.create(cfg -> cfg.webhooks.queueCapacity = 0))
                .isInstanceOf(OceanException.class).hasMessageContaining("webhooks.queueCapacity must be > 0");
        assertThatThrownBy(() -> Ocean.create(cfg -> cfg.http.maxBodyBytes = -1))
                .isInstanceOf(OceanException.class).hasMessageContaining("http.maxBodyBytes");
        assertThatThrownBy(() -> Ocean.create(cfg -> cfg.http.port = 70_000))
                .isInstanceOf(OceanException.class).hasMessageContaining("http.port");
        assertThatThrownBy(() -> Ocean.create(cfg -> cfg.webhooks.workers = 0))
                .isInstanceOf(OceanException.class).hasMessageContaining("webhooks.workers");
    }

    @Test
    void pathsAreNormalisedAndTheRootPathIsRefused() {
        Script script = new Script("s");
        create().addWebhookProcessor("hooks/github/", ScriptedProcessor.factory(script));
        assertThatThrownBy(() -> ocean.addWebhookProcessor("/", ScriptedProcessor.factory(script)))
                .isInstanceOf(IllegalArgumentException.class);
        ocean.start();

        assertThat(new Http(ocean.port()).postJson("/integration/hooks/github", "{}").status()).isEqualTo(200);
    }

    @Test
    void integrationConfigIsReadOnly() {
        Ocean configured = Ocean.create(cfg -> cfg.integration.config.put("app_host", "https://example.test"));

        assertThat(configured.integrationConfig()).containsEntry("app_host", "https://example.test");
        assertThatThrownBy(() -> configured.integrationConfig().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
