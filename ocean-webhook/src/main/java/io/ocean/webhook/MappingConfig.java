package io.ocean.webhook;

import java.time.Duration;

/** How jq mappings run: {@code cfg.mapping.itemTimeout = Duration.ofSeconds(2)}. */
public final class MappingConfig {

    /** Whether {@code env} and {@code $ENV} in mappings see the process environment; {@code {}} if not. */
    public boolean allowEnvironmentVariables = false;

    /** How long the expressions of one item may run before they are stopped (best effort; see docs/mapping.md). */
    public Duration itemTimeout = Duration.ofSeconds(5);

    void validate() {
        if (itemTimeout == null || itemTimeout.isZero() || itemTimeout.isNegative()) {
            throw new IllegalArgumentException("mapping.itemTimeout must be > 0, got " + itemTimeout);
        }
    }
}
