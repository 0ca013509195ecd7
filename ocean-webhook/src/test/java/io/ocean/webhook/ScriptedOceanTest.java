package io.ocean.webhook;

import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;

/** The set-up the runtime tests share: one scripted processor on {@code /webhook}, results captured, real HTTP. */
abstract class ScriptedOceanTest {

    final Script script = new Script("issues");
    final Results results = new Results();
    Ocean ocean;
    Http http;

    /** Starts an Ocean with the scripted processor; {@code extra} adjusts the config. */
    void start(Consumer<OceanConfig> extra) {
        start(extra, o -> { });
    }

    /** The same, with {@code setup} run on the Ocean before it starts (key functions, deduplication). */
    void start(Consumer<OceanConfig> extra, Consumer<Ocean> setup) {
        ocean = TestOceans.create(cfg -> {
            cfg.resultsHandler(results);
            extra.accept(cfg);
        });
        ocean.addWebhookProcessor("/webhook", ScriptedProcessor.factory(script));
        setup.accept(ocean);
        ocean.start();
        http = new Http(ocean.port());
    }

    @AfterEach
    void stopOcean() {
        if (ocean != null) {
            ocean.stop();
        }
    }
}
