package io.ocean.webhook.signature.internal;

import io.ocean.core.WebhookEvent;
import io.ocean.webhook.signature.VerificationResult;
import io.ocean.webhook.signature.VerificationResult.Failure;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A shared token sent as is in a header, such as GitLab's classic {@code X-Gitlab-Token}. */
public final class SharedTokenScheme implements Scheme {

    private final String header;

    /** Reads the token from this header. */
    public SharedTokenScheme(String header) {
        this.header = header;
    }

    @Override
    public String name() {
        return "shared-token(" + header + ")";
    }

    @Override
    public VerificationResult check(WebhookEvent event, List<byte[]> secrets, Clock clock, Duration tolerance) {
        String given = event.headers().get(header);
        if (given == null) {
            return VerificationResult.failed(Failure.MISSING_HEADER, "no " + header + " header");
        }
        byte[] givenBytes = Hmac.ascii(given);
        for (byte[] secret : secrets) {
            if (MessageDigest.isEqual(secret, givenBytes)) {
                return VerificationResult.success();
            }
        }
        return VerificationResult.failed(Failure.MISMATCH, header + " does not match any token");
    }
}
