package io.ocean.webhook.signature;

import io.ocean.webhook.signature.internal.HmacHeaderScheme;
import io.ocean.webhook.signature.internal.Scheme;
import io.ocean.webhook.signature.internal.SharedTokenScheme;
import io.ocean.webhook.signature.internal.SlackScheme;
import io.ocean.webhook.signature.internal.StandardWebhooksScheme;
import io.ocean.webhook.signature.internal.StripeScheme;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signature verifiers of common webhook senders. Each takes one or more secrets (for rotation); null or blank
 * secrets are ignored, and a verifier left with none refuses every request.
 */
public final class Verifiers {

    private static final Logger log = LoggerFactory.getLogger(Verifiers.class);

    private Verifiers() {
    }

    /** GitHub: {@code X-Hub-Signature-256: sha256=<hex>}; also {@code X-Hub-Signature} with sha1= (legacy) or sha256=. */
    public static SignatureVerifier github(String... secrets) {
        return of(HmacHeaderScheme.github(), secrets);
    }

    /** Standard Webhooks and GitLab's signing token: {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}. */
    public static SignatureVerifier standardWebhooks(String... secrets) {
        return of(new StandardWebhooksScheme(), secrets);
    }

    /** Stripe: {@code Stripe-Signature: t=...,v1=...}. */
    public static SignatureVerifier stripe(String... secrets) {
        return of(new StripeScheme(), secrets);
    }

    /** Slack: {@code X-Slack-Signature: v0=...} with {@code X-Slack-Request-Timestamp}. */
    public static SignatureVerifier slack(String... secrets) {
        return of(new SlackScheme(), secrets);
    }

    /** A token sent as is in a header, such as GitLab's classic {@code X-Gitlab-Token}. */
    public static SignatureVerifier sharedToken(String header, String... secrets) {
        return of(new SharedTokenScheme(Objects.requireNonNull(header, "header")), secrets);
    }

    /**
     * Any HMAC in a header: {@code <prefix><encoding of HMAC(secret, raw body)>}.
     *
     * @param algorithm a JCA name such as {@code HmacSHA256}
     * @param encoding  {@code hex} or {@code base64}
     * @param prefix    what precedes the signature, such as {@code sha256=}, or empty
     */
    public static SignatureVerifier hmac(String header, String algorithm, String encoding, String prefix,
                                         String... secrets) {
        String enc = encoding.toLowerCase(Locale.ROOT);
        if (!enc.equals("hex") && !enc.equals("base64")) {
            throw new IllegalArgumentException("encoding must be hex or base64, got " + encoding);
        }
        io.ocean.webhook.signature.internal.Hmac.of(algorithm, new byte[] {1});
        return of(new HmacHeaderScheme("hmac(" + header + ")", List.of(new HmacHeaderScheme.Rule(header,
                Map.of(prefix == null ? "" : prefix, algorithm), enc.equals("base64")))), secrets);
    }

    /**
     * Accepts every request unsigned — explicitly, for development. Logs a warning now and a debug line per request.
     *
     * @param reason why, for the logs
     */
    public static SignatureVerifier allowUnsigned(String reason) {
        String why = reason == null || reason.isBlank() ? "no reason given" : reason;
        log.warn("signature verification is OFF: every request is accepted unsigned ({})", why);
        return new SignatureVerifier(new HmacHeaderScheme("unsigned", List.of()), List.of(), Clock.systemUTC(),
                SignatureVerifier.DEFAULT_TOLERANCE, why);
    }

    private static SignatureVerifier of(Scheme scheme, String... secrets) {
        List<byte[]> keys = new ArrayList<>();
        if (secrets != null) {
            for (String secret : secrets) {
                if (secret != null && !secret.isBlank()) {
                    keys.add(scheme.key(secret));
                }
            }
        }
        if (keys.isEmpty()) {
            log.warn("signature verifier {} has no secret: every request will be refused", scheme.name());
        }
        return new SignatureVerifier(scheme, keys, Clock.systemUTC(), SignatureVerifier.DEFAULT_TOLERANCE, null);
    }
}
