package io.ocean.http.internal;

import io.ocean.core.internal.WaitHints;
import io.ocean.http.HttpApiConfig;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/** The wait before retry n (n = 1, 2, ...) when the service did not say: {@code min(initial × 2^(n-1), max) ± jitter}. */
public final class Backoff {

    private Backoff() {
    }

    /**
     * The delay before retry {@code n}.
     *
     * @param random uniform values in [0, 1), for the jitter
     */
    public static Duration delay(HttpApiConfig config, int n, DoubleSupplier random) {
        return WaitHints.backoff(config.initialBackoff(), config.maxBackoff(), n, config.jitter(),
                random.getAsDouble());
    }
}
