package io.ocean.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/** Where Ocean's meters go: {@code cfg.metrics.registry(prometheusRegistry)}. None by default, at no cost. */
public final class MetricsConfig {

    private MeterRegistry registry;

    /** Records queue depth, outcomes, retries, processing time and dead letters in this registry. */
    public MetricsConfig registry(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        return this;
    }

    /** The registry, or null when metrics are off. */
    public MeterRegistry registry() {
        return registry;
    }
}
