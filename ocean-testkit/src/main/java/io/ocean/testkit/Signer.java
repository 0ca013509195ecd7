package io.ocean.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/** Signs a request body the way a webhook sender does; get one from {@link Signers}. */
public final class Signer {

    /** How a scheme turns a body and a time into headers. */
    @FunctionalInterface
    interface Scheme {
        Map<String, String> headers(byte[] body, Clock clock);
    }

    private final Scheme scheme;
    private final Clock clock;

    Signer(Scheme scheme, Clock clock) {
        this.scheme = scheme;
        this.clock = clock;
    }

    /** The headers to send with these exact bytes. */
    public Map<String, String> sign(byte[] body) {
        return scheme.headers(body, clock);
    }

    /** The headers to send with this body, as UTF-8. */
    public Map<String, String> sign(String body) {
        return sign(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The same signer, stamping times from {@code clock}. */
    public Signer withClock(Clock clock) {
        return new Signer(scheme, Objects.requireNonNull(clock, "clock"));
    }
}
