package io.ocean.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.ResourceConfig;
import java.util.List;
import java.util.function.Function;

/** A processor whose behaviour comes from a {@link Script} and whose calls are recorded there. */
final class ScriptedProcessor extends AbstractWebhookProcessor {

    private final Script script;
    private final int instance;

    ScriptedProcessor(WebhookEvent event, Script script) {
        super(event);
        this.script = script;
        this.instance = script.nextInstance();
    }

    static Function<WebhookEvent, ScriptedProcessor> factory(Script script) {
        return event -> new ScriptedProcessor(event, script);
    }

    private void record(String method, String kind) {
        script.calls.add(new Script.Call(instance, method, kind));
    }

    @Override
    public boolean shouldProcessEvent(WebhookEvent event) {
        record("shouldProcessEvent", null);
        if (script.throwOnRoute != null) {
            throw script.throwOnRoute;
        }
        return script.matches.test(event);
    }

    @Override
    public List<String> getMatchingKinds(WebhookEvent event) {
        record("getMatchingKinds", null);
        return script.kinds;
    }

    @Override
    public boolean authenticate(JsonNode payload, EventHeaders headers) {
        record("authenticate", null);
        return script.authentic;
    }

    @Override
    public boolean validatePayload(JsonNode payload) {
        record("validatePayload", null);
        return script.valid;
    }

    @Override
    public void beforeProcessing() {
        record("beforeProcessing", null);
    }

    @Override
    public WebhookEventRawResults handleEvent(JsonNode payload, ResourceConfig resourceConfig) throws Exception {
        record("handleEvent", resourceConfig.kind());
        script.handleNanos.add(System.nanoTime());
        script.handled.add(event());
        return script.handler.handle(payload, resourceConfig);
    }

    @Override
    public void afterProcessing() {
        record("afterProcessing", null);
    }

    @Override
    public void onError(Exception e) {
        record("onError", null);
    }

    @Override
    public void cancel() {
        record("cancel", null);
        script.onCancel.run();
    }

    @Override
    public int maxRetries() {
        return script.maxRetries;
    }

    @Override
    public double initialRetryDelaySeconds() {
        return script.initialRetryDelaySeconds;
    }

    @Override
    public double retryJitter() {
        return script.retryJitter;
    }
}
