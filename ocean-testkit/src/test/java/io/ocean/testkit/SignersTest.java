package io.ocean.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.internal.Json;
import io.ocean.webhook.signature.HmacSignature;
import io.ocean.webhook.signature.SignatureVerifier;
import io.ocean.webhook.signature.Verifiers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every signer produces headers its verifier accepts, and only for the body it signed. */
class SignersTest {

    private static final byte[] BODY = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static WebhookEvent event(byte[] body, Map<String, String> headers) {
        List<String> pairs = new ArrayList<>();
        headers.forEach((name, value) -> {
            pairs.add(name);
            pairs.add(value);
        });
        return WebhookEvent.of("/webhook", Json.MAPPER.createObjectNode(), EventHeaders.of(pairs.toArray(String[]::new)),
                body);
    }

    private static void roundTrip(Signer signer, SignatureVerifier verifier) {
        Map<String, String> headers = signer.sign(BODY);

        assertThat(verifier.verify(event(BODY, headers))).as(verifier.name()).isTrue();
        assertThat(verifier.verify(event("{\"n\":2}".getBytes(StandardCharsets.UTF_8), headers))).isFalse();
    }

    @Test
    void everySignerMatchesItsVerifier() {
        roundTrip(Signers.github("gh"), Verifiers.github("gh"));
        roundTrip(Signers.standardWebhooks(WHSEC), Verifiers.standardWebhooks(WHSEC));
        roundTrip(Signers.stripe("st"), Verifiers.stripe("st"));
        roundTrip(Signers.slack("sl"), Verifiers.slack("sl"));
        roundTrip(Signers.atlassian("jira"), Verifiers.atlassian("jira"));
        HmacSignature signature = HmacSignature.custom().header("X-Sig").algorithm(HmacSignature.Algorithm.SHA512)
                .encoding(HmacSignature.Encoding.BASE64).prefix("v=").build();
        roundTrip(Signers.hmac(signature, "k"), Verifiers.hmac(signature, "k"));
        assertThat(Verifiers.sharedToken("X-Gitlab-Token", "t")
                .verify(event(BODY, Signers.sharedToken("X-Gitlab-Token", "t").sign(BODY)))).isTrue();
    }

    @Test
    @SuppressWarnings("deprecation")
    void theDeprecatedPositionalHmacSignerStillPairsWithItsVerifier() {
        roundTrip(Signers.hmac("X-Sig", "sha512", "base64", "v=", "k"), Verifiers.hmac("X-Sig", "HmacSHA512", "base64",
                "v=", "k"));
    }

    @Test
    void aSignerOnAnotherClockIsOutsideTheVerifiersWindow() {
        Clock past = Clock.fixed(Instant.now().minusSeconds(600), ZoneOffset.UTC);

        Map<String, String> stale = Signers.stripe("st").withClock(past).sign(BODY);

        assertThat(Verifiers.stripe("st").check(event(BODY, stale)).failure())
                .isEqualTo(io.ocean.webhook.signature.VerificationResult.Failure.OUTSIDE_TOLERANCE);
    }
}
