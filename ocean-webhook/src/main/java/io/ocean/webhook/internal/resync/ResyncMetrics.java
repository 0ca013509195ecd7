package io.ocean.webhook.internal.resync;

import io.micrometer.core.instrument.MeterRegistry;
import io.ocean.webhook.ResyncKindStats;
import io.ocean.webhook.ResyncOutcome;
import java.util.Locale;

/**
 * A resync's meters, recorded once it ends: {@code ocean.resync.runs} (tag {@code status}),
 * {@code ocean.resync.items} and {@code ocean.resync.entities} (tags {@code kind}, {@code result}: upserted, unchanged,
 * superseded, deleted, error) and the timer {@code ocean.resync.kind.duration}. Nothing without a registry.
 */
final class ResyncMetrics {

    private final MeterRegistry registry;

    ResyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(ResyncOutcome outcome) {
        if (registry == null) {
            return;
        }
        registry.counter("ocean.resync.runs", "status", outcome.status().name().toLowerCase(Locale.ROOT)).increment();
        for (ResyncKindStats kind : outcome.kinds()) {
            registry.counter("ocean.resync.items", "kind", kind.kind()).increment(kind.items());
            entities(kind.kind(), "upserted", kind.upserted());
            entities(kind.kind(), "unchanged", kind.unchanged());
            entities(kind.kind(), "superseded", kind.superseded());
            entities(kind.kind(), "deleted", kind.deleted());
            entities(kind.kind(), "error", kind.errors());
            registry.timer("ocean.resync.kind.duration", "kind", kind.kind()).record(kind.duration());
        }
    }

    private void entities(String kind, String result, long count) {
        registry.counter("ocean.resync.entities", "kind", kind, "result", result).increment(count);
    }
}
