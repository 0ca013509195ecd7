package io.ocean.webhook.signature.internal;

import io.ocean.core.WebhookEvent;
import io.ocean.webhook.signature.VerificationResult;
import io.ocean.webhook.signature.VerificationResult.Failure;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Slack: {@code X-Slack-Signature: v0=<hex>} over {@code v0:<timestamp>:<body>}, {@code X-Slack-Request-Timestamp}. */
public final class SlackScheme implements Scheme {

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public VerificationResult check(WebhookEvent event, List<byte[]> secrets, Clock clock, Duration tolerance) {
        String signature = event.headers().get("X-Slack-Signature");
        String timestamp = event.headers().get("X-Slack-Request-Timestamp");
        if (signature == null || timestamp == null) {
            return VerificationResult.failed(Failure.MISSING_HEADER,
                    "X-Slack-Signature and X-Slack-Request-Timestamp are both required");
        }
        if (!signature.startsWith("v0=")) {
            return VerificationResult.failed(Failure.BAD_FORMAT, "X-Slack-Signature must start with v0=");
        }
        VerificationResult outside = Timestamps.outside("X-Slack-Request-Timestamp", timestamp, clock, tolerance);
        if (outside != null) {
            return outside;
        }
        for (byte[] secret : secrets) {
            String expected = Hmac.hex(Hmac.of("HmacSHA256", secret, Hmac.ascii("v0:" + timestamp.trim() + ":"),
                    event.rawBody()));
            if (Hmac.equalHex(expected, signature.substring(3))) {
                return VerificationResult.success();
            }
        }
        return VerificationResult.failed(Failure.MISMATCH, "X-Slack-Signature does not match any secret");
    }
}
