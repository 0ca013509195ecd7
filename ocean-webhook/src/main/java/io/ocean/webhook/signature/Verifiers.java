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
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signature verifiers of common webhook senders; each returns a {@link SignatureVerifier}, whose
 * {@code verify(event())} a processor's {@code authenticate} returns. Each takes one or more secrets (several allow
 * rotation: any one verifies). A missing secret is a configuration mistake, so a null or blank secret fails at once
 * with an {@link IllegalArgumentException}; to accept unsigned requests say so with {@link #allowUnsigned(String)}.
 */
public final class Verifiers {

    private static final Logger log = LoggerFactory.getLogger(Verifiers.class);

    private static final String HOW_TO_FIX = "read it with ocean.integrationConfig().require(\"webhook_secret\"), "
            + "which names the missing variable, or accept unsigned requests explicitly with "
            + "Verifiers.allowUnsigned(reason)";

    private Verifiers() {
    }

    /** GitHub: {@code X-Hub-Signature-256: sha256=<hex>}; also {@code X-Hub-Signature} with sha1= (legacy) or sha256=. */
    public static SignatureVerifier github(String... secrets) {
        return of(HmacHeaderScheme.github(), secrets);
    }

    /**
     * Atlassian (Jira Cloud and Data Center, Confluence, Bitbucket): {@code X-Hub-Signature: sha256=<hex>}, the hex
     * HMAC-SHA256 of the raw body keyed with the secret's bytes. Logged as scheme {@code atlassian}.
     */
    public static SignatureVerifier atlassian(String... secrets) {
        return of(HmacHeaderScheme.atlassian(), secrets);
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
     * Any HMAC of the raw body in a header, as {@code signature} describes:
     * {@code Verifiers.hmac(HmacSignature.sha256Hex("X-Signature").withPrefix("sha256="), secret)}. Logged as scheme
     * {@code hmac(<header>)}.
     */
    public static SignatureVerifier hmac(HmacSignature signature, String... secrets) {
        Objects.requireNonNull(signature, "signature");
        return of(new HmacHeaderScheme("hmac(" + signature.header() + ")", List.of(new HmacHeaderScheme.Rule(
                signature.header(), Map.of(signature.prefix(), signature.algorithm().jcaName()),
                signature.encoding() == HmacSignature.Encoding.BASE64))), secrets);
    }

    /**
     * Any HMAC in a header: {@code <prefix><encoding of HMAC(secret, raw body)>}.
     *
     * @param header    the header carrying the signature
     * @param algorithm {@code sha1}, {@code sha256}, {@code sha384} or {@code sha512}, also written {@code SHA-256},
     *                  {@code hmac-sha256} or {@code HmacSHA256} (see {@link HmacSignature.Algorithm#parse})
     * @param encoding  {@code hex} or {@code base64}
     * @param prefix    what precedes the signature, such as {@code sha256=}, or empty
     * @param secrets   one or more secrets
     * @deprecated five positional strings are easy to swap; use {@link #hmac(HmacSignature, String...)}
     */
    @Deprecated(since = "0.1.0")
    public static SignatureVerifier hmac(String header, String algorithm, String encoding, String prefix,
                                         String... secrets) {
        return hmac(new HmacSignature(header, HmacSignature.Algorithm.parse(algorithm),
                HmacSignature.Encoding.parse(encoding), prefix), secrets);
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
        if (secrets == null || secrets.length == 0) {
            throw new IllegalArgumentException("signature verifier " + scheme.name() + " needs a secret and got none; "
                    + HOW_TO_FIX);
        }
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < secrets.length; i++) {
            String secret = secrets[i];
            if (secret == null || secret.isBlank()) {
                throw new IllegalArgumentException("signature verifier " + scheme.name() + ": secret " + (i + 1)
                        + " of " + secrets.length + " is " + (secret == null ? "null" : "blank") + "; " + HOW_TO_FIX);
            }
            keys.add(scheme.key(secret));
        }
        log.info("signature verification with scheme {} ({} secret(s))", scheme.name(), keys.size());
        return new SignatureVerifier(scheme, keys, Clock.systemUTC(), SignatureVerifier.DEFAULT_TOLERANCE, null);
    }
}
