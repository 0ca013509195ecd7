package io.ocean.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.WebhookEvent;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.ResourceConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * What a {@link ScriptedProcessor} does, and a record of what was called on its instances, for tests.
 * Fields are set before the Ocean starts and read by processor instances on any thread.
 */
final class Script {

    /** Handles an event for a resource; may throw. */
    @FunctionalInterface
    interface Handler {
        WebhookEventRawResults handle(JsonNode payload, ResourceConfig resource) throws Exception;
    }

    /** A call made on an instance: which instance, which method, with which kind (or null). */
    record Call(int instance, String method, String kind) {
    }

    final String name;
    volatile Predicate<WebhookEvent> matches = event -> true;
    volatile List<String> kinds = List.of("issue");
    volatile boolean authentic = true;
    volatile boolean valid = true;
    volatile RuntimeException throwOnRoute;
    volatile Handler handler = (payload, resource) -> WebhookEventRawResults.updated(payload);
    volatile int maxRetries = 3;
    volatile double initialRetryDelaySeconds = 0.01;
    volatile double retryJitter = 0;
    volatile Runnable onCancel = () -> { };
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<Long> handleNanos = new CopyOnWriteArrayList<>();
    final List<WebhookEvent> handled = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger instances = new java.util.concurrent.atomic.AtomicInteger();

    Script(String name) {
        this.name = name;
    }

    int nextInstance() {
        return instances.incrementAndGet();
    }

    int instancesCreated() {
        return instances.get();
    }

    List<Call> callsOf(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }
}
