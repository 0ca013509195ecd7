package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console over a plug-in store that cannot pause paths: a clear 501, never a 500. */
class ConsoleOnAPlugInStoreTest {

    private Ocean ocean;

    @AfterEach
    void stop() {
        if (ocean != null) {
            ocean.stop();
        }
    }

    @Test
    void pausingOnAStoreThatCannotIs501WithAMessage() {
        ocean = TestOceans.create(cfg -> {
            cfg.webhooks.store = new FaultyStore();
            cfg.http.host = "127.0.0.1";
            cfg.console.enabled = true;
            cfg.console.onMainListener = true;
        });
        ocean.addWebhookProcessor("/webhook", ScriptedProcessor.factory(new Script("issues")));
        ocean.start();
        Http http = new Http(ocean.port());
        String origin = "http://127.0.0.1:" + ocean.port();

        Http.Reply pause = http.post("/ocean/api/paths/webhook/pause", null, new byte[0], "Origin", origin);

        assertThat(pause.status()).as(pause.body()).isEqualTo(501);
        assertThat(pause.field("error")).isEqualTo("not_supported");
        assertThat(pause.field("message")).contains("cannot pause paths");
    }
}
