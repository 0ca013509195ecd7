package io.ocean.jq;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Jq} program runs: {@code JqOptions.custom().timeout(Duration.ofMillis(200)).build()}.
 *
 * @param allowEnvironmentVariables whether {@code env} and {@code $ENV} see the process environment ({@code {}} if not)
 * @param timeout                   how long one {@link Jq#apply} or {@link Jq#first} may run before it is stopped
 */
public record JqOptions(boolean allowEnvironmentVariables, Duration timeout) {

    /** The default limit per run: 5 seconds, as for a mapped item. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** No environment access, 5 seconds per run. */
    public static final JqOptions DEFAULTS = new JqOptions(false, DEFAULT_TIMEOUT);

    /** Checks the timeout. */
    public JqOptions {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0, got " + timeout);
        }
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    /** Builds {@link JqOptions}; bad values fail at {@link #build()}. */
    public static final class Builder {
        private boolean allowEnvironmentVariables;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder() {
        }

        /** Lets {@code env} and {@code $ENV} read the process environment. */
        public Builder allowEnvironmentVariables(boolean allow) {
            this.allowEnvironmentVariables = allow;
            return this;
        }

        /** The limit per run. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** The options. */
        public JqOptions build() {
            return new JqOptions(allowEnvironmentVariables, timeout);
        }
    }
}
