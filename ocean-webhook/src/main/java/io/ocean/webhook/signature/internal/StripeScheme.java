package io.ocean.webhook.signature.internal;

import io.ocean.core.WebhookEvent;
import io.ocean.webhook.signature.VerificationResult;
import io.ocean.webhook.signature.VerificationResult.Failure;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Stripe: {@code Stripe-Signature: t=<time>,v1=<hex>[,v1=<hex>]}, hex HMAC-SHA256 of {@code t.body}. */
public final class StripeScheme implements Scheme {

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public VerificationResult check(WebhookEvent event, List<byte[]> secrets, Clock clock, Duration tolerance) {
        String header = event.headers().get("Stripe-Signature");
        if (header == null) {
            return VerificationResult.failed(Failure.MISSING_HEADER, "no Stripe-Signature header");
        }
        String timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                timestamp = kv[1];
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                signatures.add(kv[1]);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return VerificationResult.failed(Failure.BAD_FORMAT, "Stripe-Signature needs t= and at least one v1=");
        }
        VerificationResult outside = Timestamps.outside("Stripe-Signature t", timestamp, clock, tolerance);
        if (outside != null) {
            return outside;
        }
        for (byte[] secret : secrets) {
            String expected = Hmac.hex(Hmac.of("HmacSHA256", secret, Hmac.ascii(timestamp + "."), event.rawBody()));
            for (String signature : signatures) {
                if (Hmac.equalHex(expected, signature)) {
                    return VerificationResult.success();
                }
            }
        }
        return VerificationResult.failed(Failure.MISMATCH, "no v1 signature matches any secret");
    }
}
