package io.ocean.examples.hello;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.ResourceConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ocean.webhook.Ocean;
import java.util.List;

/** The smallest integration: every JSON object with an {@code id} posted to /integration/webhook is an item. */
public final class HelloIntegration {

    // snippet:processor
    /** Accepts any event that has an id, and returns it as the raw item of kind "item". */
    static final class ItemProcessor extends AbstractWebhookProcessor {
        ItemProcessor(WebhookEvent event) { super(event); }

        @Override public boolean shouldProcessEvent(WebhookEvent event) { return true; }
        @Override public List<String> getMatchingKinds(WebhookEvent event) { return List.of("item"); }
        @Override public boolean authenticate(JsonNode payload, EventHeaders headers) { return true; } // verify here
        @Override public boolean validatePayload(JsonNode payload) { return payload.hasNonNull("id"); }

        @Override
        public WebhookEventRawResults handleEvent(JsonNode payload, ResourceConfig resourceConfig) {
            return WebhookEventRawResults.updated(payload);
        }
    }
    // end-snippet

    private HelloIntegration() {
    }

    /** The started integration. */
    record Running(Ocean ocean) {
    }

    /** Starts on port 8000 (or {@code PORT}) with the packaged port app config; metrics at {@code GET /metrics}. */
    public static void main(String[] args) {
        start(Integer.parseInt(System.getenv().getOrDefault("PORT", "8000")));
    }

    static Running start(int port) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // snippet:main
        Ocean ocean = Ocean.create(cfg -> {
            cfg.http.port = port;
            cfg.metrics.registry(metrics);
            cfg.javalin(javalin -> javalin.routes.get("/metrics",
                    ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape())));
        });
        ocean.addWebhookProcessor("/webhook", ItemProcessor::new);   // POST /integration/webhook
        ocean.start();
        // end-snippet
        return new Running(ocean);
    }
}
