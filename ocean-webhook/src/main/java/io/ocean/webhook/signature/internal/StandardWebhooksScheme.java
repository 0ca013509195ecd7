package io.ocean.webhook.signature.internal;

import io.ocean.core.WebhookEvent;
import io.ocean.webhook.signature.VerificationResult;
import io.ocean.webhook.signature.VerificationResult.Failure;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Standard Webhooks (and GitLab's signing token): {@code webhook-id}, {@code webhook-timestamp}, and
 * {@code webhook-signature} holding space-separated {@code v1,<base64>} entries; the key is the base64-decoded
 * secret after {@code whsec_}; the signed content is {@code id.timestamp.body}.
 */
public final class StandardWebhooksScheme implements Scheme {

    @Override
    public String name() {
        return "standard-webhooks";
    }

    @Override
    public byte[] key(String secret) {
        String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a Standard Webhooks secret must be base64 after 'whsec_'");
        }
    }

    @Override
    public VerificationResult check(WebhookEvent event, List<byte[]> secrets, Clock clock, Duration tolerance) {
        String id = event.headers().get("webhook-id");
        String timestamp = event.headers().get("webhook-timestamp");
        String signatures = event.headers().get("webhook-signature");
        if (id == null || timestamp == null || signatures == null) {
            return VerificationResult.failed(Failure.MISSING_HEADER,
                    "webhook-id, webhook-timestamp and webhook-signature are all required");
        }
        VerificationResult outside = Timestamps.outside("webhook-timestamp", timestamp, clock, tolerance);
        if (outside != null) {
            return outside;
        }
        boolean anyV1 = false;
        for (byte[] secret : secrets) {
            String expected = Base64.getEncoder().encodeToString(Hmac.of("HmacSHA256", secret,
                    Hmac.ascii(id + "." + timestamp.trim() + "."), event.rawBody()));
            for (String entry : signatures.trim().split(" +")) {
                if (entry.startsWith("v1,")) {
                    anyV1 = true;
                    if (Hmac.equal(expected, entry.substring(3))) {
                        return VerificationResult.success();
                    }
                }
            }
        }
        return anyV1 ? VerificationResult.failed(Failure.MISMATCH, "no v1 signature matches any secret")
                : VerificationResult.failed(Failure.BAD_FORMAT, "webhook-signature has no v1 entry");
    }
}
