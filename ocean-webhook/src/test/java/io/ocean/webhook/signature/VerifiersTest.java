package io.ocean.webhook.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.internal.Json;
import io.ocean.webhook.signature.VerificationResult.Failure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Edges of every scheme: tolerance, tampering, missing headers, prefixes, empty secrets, versions, rotation. */
class VerifiersTest {

    private static final byte[] BODY = "{\"action\":\"opened\"}".getBytes(StandardCharsets.UTF_8);
    private static final long NOW = 1_700_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final String WHSEC = "whsec_" + Base64.getEncoder().encodeToString("standard-key".getBytes());

    private static byte[] hmac(String algorithm, byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static WebhookEvent event(byte[] body, String... headers) {
        return WebhookEvent.of("/webhook", Json.MAPPER.createObjectNode(), EventHeaders.of(headers), body);
    }

    private static String github(String secret, byte[] body) throws Exception {
        return "sha256=" + hex(hmac("HmacSHA256", secret.getBytes(), new String(body, StandardCharsets.UTF_8)));
    }

    private static WebhookEvent standard(long timestamp, byte[] body) throws Exception {
        String signature = Base64.getEncoder().encodeToString(hmac("HmacSHA256", "standard-key".getBytes(),
                "msg_1." + timestamp + "." + new String(body, StandardCharsets.UTF_8)));
        return event(body, "webhook-id", "msg_1", "webhook-timestamp", String.valueOf(timestamp),
                "webhook-signature", "v1," + signature);
    }

    @Test
    void timestampsWithin299SecondsPassAndBeyond301Fail() throws Exception {
        SignatureVerifier verifier = Verifiers.standardWebhooks(WHSEC).withClock(CLOCK);

        assertThat(verifier.check(standard(NOW - 299, BODY)).ok()).isTrue();
        assertThat(verifier.check(standard(NOW + 299, BODY)).ok()).isTrue();
        assertThat(verifier.check(standard(NOW - 301, BODY)).failure()).isEqualTo(Failure.OUTSIDE_TOLERANCE);
        assertThat(verifier.check(standard(NOW + 301, BODY)).failure()).isEqualTo(Failure.OUTSIDE_TOLERANCE);
        assertThat(verifier.withTolerance(Duration.ofSeconds(400)).check(standard(NOW - 301, BODY)).ok()).isTrue();
    }

    @Test
    void slackAndStripeHonourTheToleranceToo() throws Exception {
        String slack = "v0=" + hex(hmac("HmacSHA256", "slack-secret".getBytes(), "v0:" + (NOW - 301) + ":"
                + new String(BODY, StandardCharsets.UTF_8)));
        String stripe = "t=" + (NOW + 301) + ",v1=" + hex(hmac("HmacSHA256", "stripe-secret".getBytes(),
                (NOW + 301) + "." + new String(BODY, StandardCharsets.UTF_8)));

        assertThat(Verifiers.slack("slack-secret").withClock(CLOCK).check(event(BODY, "X-Slack-Signature", slack,
                "X-Slack-Request-Timestamp", String.valueOf(NOW - 301))).failure()).isEqualTo(Failure.OUTSIDE_TOLERANCE);
        assertThat(Verifiers.stripe("stripe-secret").withClock(CLOCK).check(event(BODY, "Stripe-Signature", stripe))
                .failure()).isEqualTo(Failure.OUTSIDE_TOLERANCE);
    }

    @Test
    void aTamperedBodyIsAMismatch() throws Exception {
        String signature = github("gh-secret", BODY);
        byte[] tampered = "{\"action\":\"closed\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(Verifiers.github("gh-secret").check(event(BODY, "X-Hub-Signature-256", signature)).ok()).isTrue();
        assertThat(Verifiers.github("gh-secret").check(event(tampered, "X-Hub-Signature-256", signature)).failure())
                .isEqualTo(Failure.MISMATCH);
    }

    @Test
    void aMissingHeaderIsSaidSo() {
        assertThat(Verifiers.github("s").check(event(BODY)).failure()).isEqualTo(Failure.MISSING_HEADER);
        assertThat(Verifiers.standardWebhooks(WHSEC).check(event(BODY, "webhook-id", "x")).failure())
                .isEqualTo(Failure.MISSING_HEADER);
        assertThat(Verifiers.sharedToken("X-Gitlab-Token", "t").check(event(BODY)).failure())
                .isEqualTo(Failure.MISSING_HEADER);
    }

    @Test
    void aWrongPrefixIsABadFormat() throws Exception {
        String signature = github("gh-secret", BODY).replace("sha256=", "md5=");

        assertThat(Verifiers.github("gh-secret").check(event(BODY, "X-Hub-Signature-256", signature)).failure())
                .isEqualTo(Failure.BAD_FORMAT);
        assertThat(Verifiers.slack("x").withClock(CLOCK).check(event(BODY, "X-Slack-Signature", "v1=00",
                "X-Slack-Request-Timestamp", String.valueOf(NOW))).failure()).isEqualTo(Failure.BAD_FORMAT);
    }

    @Test
    void theLegacyGithubHeaderIsReadByItsPrefix() throws Exception {
        String sha1 = "sha1=" + hex(hmac("HmacSHA1", "gh-secret".getBytes(), new String(BODY, StandardCharsets.UTF_8)));

        assertThat(Verifiers.github("gh-secret").check(event(BODY, "X-Hub-Signature", sha1)).ok()).isTrue();
        assertThat(Verifiers.github("gh-secret").check(event(BODY, "X-Hub-Signature", github("gh-secret", BODY))).ok())
                .isTrue();
    }

    @Test
    void noSecretOrABlankOneRefusesEverything() throws Exception {
        WebhookEvent signed = event(BODY, "X-Hub-Signature-256", github("any", BODY));

        assertThat(Verifiers.github().check(signed).failure()).isEqualTo(Failure.NO_SECRET);
        assertThat(Verifiers.github("", null, "  ").check(signed).failure()).isEqualTo(Failure.NO_SECRET);
        assertThat(Verifiers.github((String) null).verify(signed)).isFalse();
    }

    @Test
    void anUnknownStandardWebhooksVersionIsRefused() throws Exception {
        WebhookEvent valid = standard(NOW, BODY);
        String v2 = valid.headers().get("webhook-signature").replace("v1,", "v2,");
        WebhookEvent unknown = event(BODY, "webhook-id", "msg_1", "webhook-timestamp", String.valueOf(NOW),
                "webhook-signature", v2);

        assertThat(Verifiers.standardWebhooks(WHSEC).withClock(CLOCK).check(unknown).failure())
                .isEqualTo(Failure.BAD_FORMAT);
    }

    @Test
    void severalSecretsVerifyDuringRotation() throws Exception {
        WebhookEvent signedWithNew = event(BODY, "X-Hub-Signature-256", github("new-secret", BODY));

        assertThat(Verifiers.github("old-secret", "new-secret").verify(signedWithNew)).isTrue();
        assertThat(Verifiers.github("old-secret").verify(signedWithNew)).isFalse();
        assertThat(Verifiers.sharedToken("X-Gitlab-Token", "a", "b").verify(event(BODY, "X-Gitlab-Token", "b"))).isTrue();
    }

    @Test
    void aGenericHmacInBase64WithAPrefix() throws Exception {
        String value = "hmac " + Base64.getEncoder().encodeToString(hmac("HmacSHA512", "k".getBytes(),
                new String(BODY, StandardCharsets.UTF_8)));

        assertThat(Verifiers.hmac("X-Signature", "HmacSHA512", "base64", "hmac ", "k")
                .verify(event(BODY, "X-Signature", value))).isTrue();
        assertThatThrownBy(() -> Verifiers.hmac("X", "HmacSHA256", "base32", "", "k"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hex or base64");
    }

    @Test
    void allowUnsignedAcceptsEverythingExplicitly() {
        assertThat(Verifiers.allowUnsigned("local development").verify(event(BODY))).isTrue();
    }

    @Test
    void toStringShowsNoSecret() {
        assertThat(Verifiers.github("very-secret").toString()).doesNotContain("very-secret").contains("github");
    }
}
