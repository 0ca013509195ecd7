package io.ocean.webhook.signature;

import io.ocean.core.WebhookEvent;
import io.ocean.webhook.signature.internal.Scheme;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a webhook's signature over its raw bytes, for a processor's {@code authenticate}:
 * {@code return verifier.verify(event());}. Immutable; get one from {@link Verifiers}, which refuses to build one
 * without a secret. Comparisons run in constant time; several secrets allow rotation.
 */
public final class SignatureVerifier {

    /** The default replay window of timestamped schemes: 5 minutes either way. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(SignatureVerifier.class);

    private final Scheme scheme;
    private final List<byte[]> keys;
    private final Clock clock;
    private final Duration tolerance;
    private final String unsignedReason;

    SignatureVerifier(Scheme scheme, List<byte[]> keys, Clock clock, Duration tolerance, String unsignedReason) {
        this.scheme = scheme;
        this.keys = List.copyOf(keys);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.unsignedReason = unsignedReason;
    }

    /** Whether the event is signed as the scheme requires; a failure is logged with its reason, never the values. */
    public boolean verify(WebhookEvent event) {
        VerificationResult result = check(event);
        if (!result.ok()) {
            log.warn("signature check failed with scheme {}: {} ({})", name(), result.failure(), result.detail());
        }
        return result.ok();
    }

    /** The outcome of the check, with the reason when it failed. */
    public VerificationResult check(WebhookEvent event) {
        if (unsignedReason != null) {
            log.debug("request accepted unsigned: {}", unsignedReason);
            return VerificationResult.success();
        }
        if (keys.isEmpty()) {
            return VerificationResult.failed(VerificationResult.Failure.NO_SECRET,
                    "no secret is configured; every request is refused");
        }
        return scheme.check(event, keys, clock, tolerance);
    }

    /** The same verifier reading time from {@code clock} (tests pin it). */
    public SignatureVerifier withClock(Clock clock) {
        return new SignatureVerifier(scheme, keys, clock, tolerance, unsignedReason);
    }

    /** The same verifier with another replay window. */
    public SignatureVerifier withTolerance(Duration tolerance) {
        if (tolerance == null || tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
        }
        return new SignatureVerifier(scheme, keys, clock, tolerance, unsignedReason);
    }

    /** The scheme's name as logged, such as {@code github}, {@code atlassian} or {@code hmac(X-Signature)}. */
    public String name() {
        return scheme.name();
    }

    @Override
    public String toString() {
        return "SignatureVerifier[" + name() + ", " + keys.size() + " secret(s)]";
    }
}
