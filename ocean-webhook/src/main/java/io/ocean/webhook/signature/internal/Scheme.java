package io.ocean.webhook.signature.internal;

import io.ocean.core.WebhookEvent;
import io.ocean.webhook.signature.VerificationResult;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** One signature scheme: checks an event against secrets at a time. */
public interface Scheme {

    /** The scheme's name for logs, such as {@code github}. */
    String name();

    /**
     * Checks the event's headers and raw body.
     *
     * @param secrets   the configured secrets (at least one), as the scheme's key bytes
     * @param clock     the clock for timestamp tolerance
     * @param tolerance the largest accepted distance between the signed timestamp and now
     */
    VerificationResult check(WebhookEvent event, List<byte[]> secrets, Clock clock, Duration tolerance);

    /** The key bytes of a configured secret; most schemes use its UTF-8 bytes. */
    default byte[] key(String secret) {
        return secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
