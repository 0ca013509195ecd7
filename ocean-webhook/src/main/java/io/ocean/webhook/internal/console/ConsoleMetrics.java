package io.ocean.webhook.internal.console;

import io.ocean.webhook.internal.run.Outcome;
import io.ocean.webhook.internal.run.RuntimeMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The runtime's metrics, passed through, with the queue gauges of each path and the dead-letter count kept for the
 * console's health view: the console reads the same numbers as a metrics registry would, without a registry.
 */
final class ConsoleMetrics extends RuntimeMetrics {

    /** The gauges of one path's queue. */
    record Queue(Supplier<Number> events, Supplier<Number> bytes, Supplier<Number> oldestAgeSeconds) {
    }

    private final RuntimeMetrics delegate;
    private final Map<String, Queue> queues = new LinkedHashMap<>();
    private volatile Supplier<Number> deadLetters = () -> 0;

    ConsoleMetrics(RuntimeMetrics delegate) {
        this.delegate = delegate;
    }

    @Override
    public void outcome(String path, Outcome outcome) {
        delegate.outcome(path, outcome);
    }

    @Override
    public void retry(String path) {
        delegate.retry(path);
    }

    @Override
    public void processingTime(String path, long nanos) {
        delegate.processingTime(path, nanos);
    }

    @Override
    public void bindQueue(String path, Supplier<Number> events, Supplier<Number> bytes,
                          Supplier<Number> oldestAgeSeconds) {
        synchronized (queues) {
            queues.put(path, new Queue(events, bytes, oldestAgeSeconds));
        }
        delegate.bindQueue(path, events, bytes, oldestAgeSeconds);
    }

    @Override
    public void bindDeadLetters(Supplier<Number> held) {
        deadLetters = held;
        delegate.bindDeadLetters(held);
    }

    Map<String, Queue> queues() {
        synchronized (queues) {
            return new LinkedHashMap<>(queues);
        }
    }

    long deadLetters() {
        return deadLetters.get().longValue();
    }
}
