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
    void aVerifierWithoutASecretFailsAtOnceWithAMessage() {
        assertThatThrownBy(() -> Verifiers.github())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("github needs a secret and got none")
                .hasMessageContaining("require(\"webhook_secret\")")
                .hasMessageContaining("Verifiers.allowUnsigned");
        assertThatThrownBy(() -> Verifiers.atlassian((String) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("atlassian: secret 1 of 1 is null");
        assertThatThrownBy(() -> Verifiers.stripe("whsec_ok", "  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stripe: secret 2 of 2 is blank");
        assertThatThrownBy(() -> Verifiers.hmac(HmacSignature.sha256Hex("X-Sig"), ""))
                .hasMessageContaining("hmac(X-Sig): secret 1 of 1 is blank");
        assertThatThrownBy(() -> Verifiers.sharedToken("X-Gitlab-Token", (String[]) null))
                .hasMessageContaining("shared-token(X-Gitlab-Token) needs a secret");
    }

    @Test
    void atlassianReadsXHubSignatureWithSha256() throws Exception {
        // Computed independently: openssl dgst -sha256 -hmac jira-webhook-secret < jira/issue_created.json
        byte[] body = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(System.getProperty("ocean.fixtures.dir"),
                "jira", "issue_created.json"));
        String signature = "sha256=b9b28543133d78316351f38bee56443efe6230873c6023c1fecb9d8cf5b0014b";
        SignatureVerifier jira = Verifiers.atlassian("jira-webhook-secret");

        assertThat(jira.check(event(body, "X-Hub-Signature", signature)).ok()).isTrue();
        assertThat(jira.name()).isEqualTo("atlassian");
        assertThat(jira.check(event(body, "X-Hub-Signature", signature.replace("b9b2", "b9b3"))).failure())
                .isEqualTo(Failure.MISMATCH);
        assertThat(jira.check(event(body, "X-Hub-Signature", signature.replace("sha256=", "sha1="))).failure())
                .isEqualTo(Failure.BAD_FORMAT);
        assertThat(jira.check(event(body, "X-Hub-Signature-256", signature)).failure())
                .isEqualTo(Failure.MISSING_HEADER);
    }

    @Test
    void hmacTakesASignatureDescriptionBuiltByNameOrByFields() throws Exception {
        String signature = "v=" + Base64.getEncoder().encodeToString(hmac("HmacSHA512", "k".getBytes(),
                new String(BODY, StandardCharsets.UTF_8)));
        HmacSignature built = HmacSignature.custom().header("X-Sig").algorithm("SHA-512").encoding("BASE64")
                .prefix("v=").build();

        assertThat(built).isEqualTo(new HmacSignature("X-Sig", HmacSignature.Algorithm.SHA512,
                HmacSignature.Encoding.BASE64, "v="));
        assertThat(Verifiers.hmac(built, "k").check(event(BODY, "X-Sig", signature)).ok()).isTrue();
        assertThat(Verifiers.hmac(HmacSignature.sha256Hex("X-Sig"), "k").check(event(BODY, "X-Sig",
                hex(hmac("HmacSHA256", "k".getBytes(), new String(BODY, StandardCharsets.UTF_8))))).ok()).isTrue();
    }

    @Test
    void everyDocumentedSpellingOfAnAlgorithmIsAcceptedAndOthersAreListed() {
        for (String name : new String[] {"sha256", "SHA256", "SHA-256", "hmac-sha256", "HmacSHA256", "hmac_sha256"}) {
            assertThat(HmacSignature.Algorithm.parse(name)).as(name).isEqualTo(HmacSignature.Algorithm.SHA256);
        }
        assertThat(HmacSignature.Algorithm.parse("sha1")).isEqualTo(HmacSignature.Algorithm.SHA1);
        assertThatThrownBy(() -> HmacSignature.Algorithm.parse("md5"))
                .hasMessage("algorithm must be one of sha1, sha256, sha384, sha512 (also written SHA-256, "
                        + "hmac-sha256 or HmacSHA256), got md5");
        assertThatThrownBy(() -> HmacSignature.Encoding.parse("base32"))
                .hasMessage("encoding must be hex or base64, got base32");
        assertThatThrownBy(() -> HmacSignature.custom().header("X-Sig").encoding("hex").build())
                .hasMessageContaining("algorithm must be set");
        assertThatThrownBy(() -> HmacSignature.sha256Hex(" ")).hasMessage("header must not be blank");
    }

    @Test
    @SuppressWarnings("deprecation")
    void theDeprecatedPositionalHmacAcceptsTheShortAlgorithmNames() throws Exception {
        String signature = "sha256=" + hex(hmac("HmacSHA256", "k".getBytes(), new String(BODY, StandardCharsets.UTF_8)));

        assertThat(Verifiers.hmac("X-Sig", "sha256", "hex", "sha256=", "k").check(event(BODY, "X-Sig", signature))
                .ok()).isTrue();
        assertThat(Verifiers.hmac("X-Sig", "HmacSHA256", "HEX", "sha256=", "k").check(event(BODY, "X-Sig", signature))
                .ok()).isTrue();
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
    @SuppressWarnings("deprecation")
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
