package io.ocean.testkit;

import io.ocean.webhook.signature.HmacSignature;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signers matching each of Ocean's verifiers, for tests that send correctly signed requests:
 * {@code client.send("/webhook", body, Signers.github(secret).sign(body))}.
 */
public final class Signers {

    private Signers() {
    }

    /** GitHub: {@code X-Hub-Signature-256: sha256=<hex>}. */
    public static Signer github(String secret) {
        return new Signer((body, clock) -> Map.of("X-Hub-Signature-256",
                "sha256=" + hex(hmac("HmacSHA256", bytes(secret), body))), Clock.systemUTC());
    }

    /** Atlassian (Jira, Confluence, Bitbucket): {@code X-Hub-Signature: sha256=<hex>}. */
    public static Signer atlassian(String secret) {
        return new Signer((body, clock) -> Map.of("X-Hub-Signature",
                "sha256=" + hex(hmac("HmacSHA256", bytes(secret), body))), Clock.systemUTC());
    }

    /** Standard Webhooks: a fresh {@code webhook-id}, the clock's {@code webhook-timestamp}, a v1 signature. */
    public static Signer standardWebhooks(String secret) {
        byte[] key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
        return new Signer((body, clock) -> {
            String id = "msg_" + UUID.randomUUID();
            String timestamp = String.valueOf(clock.instant().getEpochSecond());
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("webhook-id", id);
            headers.put("webhook-timestamp", timestamp);
            headers.put("webhook-signature", "v1," + Base64.getEncoder().encodeToString(
                    hmac("HmacSHA256", key, bytes(id + "." + timestamp + "."), body)));
            return headers;
        }, Clock.systemUTC());
    }

    /** Stripe: {@code Stripe-Signature: t=<time>,v1=<hex>}. */
    public static Signer stripe(String secret) {
        return new Signer((body, clock) -> {
            String timestamp = String.valueOf(clock.instant().getEpochSecond());
            return Map.of("Stripe-Signature", "t=" + timestamp + ",v1="
                    + hex(hmac("HmacSHA256", bytes(secret), bytes(timestamp + "."), body)));
        }, Clock.systemUTC());
    }

    /** Slack: {@code X-Slack-Signature: v0=<hex>} and {@code X-Slack-Request-Timestamp}. */
    public static Signer slack(String secret) {
        return new Signer((body, clock) -> {
            String timestamp = String.valueOf(clock.instant().getEpochSecond());
            return Map.of("X-Slack-Request-Timestamp", timestamp, "X-Slack-Signature",
                    "v0=" + hex(hmac("HmacSHA256", bytes(secret), bytes("v0:" + timestamp + ":"), body)));
        }, Clock.systemUTC());
    }

    /** A shared token in a header, such as {@code X-Gitlab-Token}. */
    public static Signer sharedToken(String header, String token) {
        return new Signer((body, clock) -> Map.of(header, token), Clock.systemUTC());
    }

    /**
     * Any HMAC, as {@code signature} describes; pairs with {@code Verifiers.hmac(signature, secret)}:
     * {@code Signers.hmac(HmacSignature.sha256Hex("X-Signature").withPrefix("sha256="), secret)}.
     */
    public static Signer hmac(HmacSignature signature, String secret) {
        Objects.requireNonNull(signature, "signature");
        boolean base64 = signature.encoding() == HmacSignature.Encoding.BASE64;
        return new Signer((body, clock) -> {
            byte[] mac = hmac(signature.algorithm().jcaName(), bytes(secret), body);
            return Map.of(signature.header(), signature.prefix()
                    + (base64 ? Base64.getEncoder().encodeToString(mac) : hex(mac)));
        }, Clock.systemUTC());
    }

    /**
     * Any HMAC: {@code header: <prefix><hex or base64 of HMAC(secret, body)>}.
     *
     * @param header    the header to set
     * @param algorithm {@code sha1}, {@code sha256}, {@code sha384} or {@code sha512}, also written {@code SHA-256},
     *                  {@code hmac-sha256} or {@code HmacSHA256}
     * @param encoding  {@code hex} or {@code base64}
     * @param prefix    what precedes the signature, such as {@code sha256=}, or empty
     * @param secret    the shared secret
     * @deprecated five positional strings are easy to swap; use {@link #hmac(HmacSignature, String)}
     */
    @Deprecated(since = "0.1.0")
    public static Signer hmac(String header, String algorithm, String encoding, String prefix, String secret) {
        return hmac(new HmacSignature(header, HmacSignature.Algorithm.parse(algorithm),
                HmacSignature.Encoding.parse(encoding), prefix), secret);
    }

    private static byte[] hmac(String algorithm, byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with " + algorithm, e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
