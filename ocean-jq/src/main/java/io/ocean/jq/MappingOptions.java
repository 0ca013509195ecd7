package io.ocean.jq;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link JqEntityMapper} evaluates: {@code MappingOptions.custom().itemTimeout(Duration.ofSeconds(1)).build()}.
 *
 * @param allowEnvironmentVariables whether {@code env} and {@code $ENV} see the process environment ({@code {}} if not)
 * @param itemTimeout               how long the expressions of one item may run before they are stopped
 */
public record MappingOptions(boolean allowEnvironmentVariables, Duration itemTimeout) {

    /** The default limit per item: 5 seconds. */
    public static final Duration DEFAULT_ITEM_TIMEOUT = Duration.ofSeconds(5);

    /** No environment access, 5 seconds per item. */
    public static final MappingOptions DEFAULTS = new MappingOptions(false, DEFAULT_ITEM_TIMEOUT);

    /** Checks the timeout. */
    public MappingOptions {
        Objects.requireNonNull(itemTimeout, "itemTimeout");
        if (itemTimeout.isNegative() || itemTimeout.isZero()) {
            throw new IllegalArgumentException("itemTimeout must be > 0, got " + itemTimeout);
        }
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    /** Builds {@link MappingOptions}; bad values fail at {@link #build()}. */
    public static final class Builder {
        private boolean allowEnvironmentVariables;
        private Duration itemTimeout = DEFAULT_ITEM_TIMEOUT;

        private Builder() {
        }

        /** Lets {@code env} and {@code $ENV} read the process environment. */
        public Builder allowEnvironmentVariables(boolean allow) {
            this.allowEnvironmentVariables = allow;
            return this;
        }

        /** The limit per item. */
        public Builder itemTimeout(Duration timeout) {
            this.itemTimeout = timeout;
            return this;
        }

        /** The options. */
        public MappingOptions build() {
            return new MappingOptions(allowEnvironmentVariables, itemTimeout);
        }
    }
}
