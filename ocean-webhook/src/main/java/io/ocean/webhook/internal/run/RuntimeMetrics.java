package io.ocean.webhook.internal.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The runtime's meters, tagged by path. With no registry every method is a no-op, so metrics cost nothing unless
 * asked for.
 */
public class RuntimeMetrics {

    /** Metrics that record nothing. */
    public static final RuntimeMetrics NONE = new RuntimeMetrics();

    /** For {@link #NONE}, {@code Recording} and decorators that add to the meters (the console). */
    protected RuntimeMetrics() {
    }

    /** Metrics into the registry, or {@link #NONE} when it is null. */
    public static RuntimeMetrics of(MeterRegistry registry) {
        return registry == null ? NONE : new Recording(registry);
    }

    /** Counts an event outcome. */
    public void outcome(String path, Outcome outcome) {
    }

    /** Counts a scheduled retry. */
    public void retry(String path) {
    }

    /** Records how long one event took, from start of processing to its results applied. */
    public void processingTime(String path, long nanos) {
    }

    /** Publishes the queue gauges of a path. */
    public void bindQueue(String path, Supplier<Number> events, Supplier<Number> bytes, Supplier<Number> oldestAgeSeconds) {
    }

    /** Publishes the number of dead letters held. */
    public void bindDeadLetters(Supplier<Number> held) {
    }

    private static final class Recording extends RuntimeMetrics {
        private final MeterRegistry registry;
        private final Map<String, Map<Outcome, Counter>> outcomes = new ConcurrentHashMap<>();
        private final Map<String, Counter> retries = new ConcurrentHashMap<>();
        private final Map<String, Timer> timers = new ConcurrentHashMap<>();

        Recording(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        public void outcome(String path, Outcome outcome) {
            outcomes.computeIfAbsent(path, this::outcomeCounters).get(outcome).increment();
        }

        @Override
        public void retry(String path) {
            retries.computeIfAbsent(path, p -> Counter.builder("ocean.webhook.retries")
                    .description("Retries of handleEvent scheduled").tag("path", p).register(registry)).increment();
        }

        @Override
        public void processingTime(String path, long nanos) {
            timers.computeIfAbsent(path, p -> Timer.builder("ocean.webhook.processing")
                    .description("Time from the start of processing an event to its results applied")
                    .tag("path", p).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void bindQueue(String path, Supplier<Number> events, Supplier<Number> bytes,
                              Supplier<Number> oldestAgeSeconds) {
            Gauge.builder("ocean.webhook.queue.events", events).description("Events held by the path")
                    .tag("path", path).register(registry);
            Gauge.builder("ocean.webhook.queue.bytes", bytes).description("Raw bytes held by the path")
                    .baseUnit("bytes").tag("path", path).register(registry);
            Gauge.builder("ocean.webhook.queue.oldest.age", oldestAgeSeconds)
                    .description("Age of the oldest event held by the path").baseUnit("seconds")
                    .tag("path", path).register(registry);
        }

        @Override
        public void bindDeadLetters(Supplier<Number> held) {
            Gauge.builder("ocean.webhook.dead.letters", held).description("Dead letters held").register(registry);
        }

        private Map<Outcome, Counter> outcomeCounters(String path) {
            Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                counters.put(outcome, Counter.builder("ocean.webhook.events").description("Events by outcome")
                        .tag("path", path).tag("outcome", outcome.tag()).register(registry));
            }
            return counters;
        }
    }
}
