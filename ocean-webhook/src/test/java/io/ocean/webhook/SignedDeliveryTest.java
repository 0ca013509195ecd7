package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.ResourceConfig;
import io.ocean.webhook.signature.SignatureVerifier;
import io.ocean.webhook.signature.Verifiers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A processor verifying GitHub signatures in authenticate, over real HTTP, JSON and form-encoded. */
class SignedDeliveryTest {

    private static final String SECRET = "it's a secret to everybody";
    private static final SignatureVerifier GITHUB = Verifiers.github(SECRET);

    static final class Signed extends AbstractWebhookProcessor {
        Signed(WebhookEvent event) {
            super(event);
        }

        @Override
        public boolean shouldProcessEvent(WebhookEvent event) {
            return true;
        }

        @Override
        public List<String> getMatchingKinds(WebhookEvent event) {
            return List.of("issue");
        }

        @Override
        public boolean authenticate(JsonNode payload, EventHeaders headers) {
            return GITHUB.verify(event());
        }

        @Override
        public boolean validatePayload(JsonNode payload) {
            return true;
        }

        @Override
        public WebhookEventRawResults handleEvent(JsonNode payload, ResourceConfig resourceConfig) {
            return WebhookEventRawResults.empty();
        }
    }

    private Ocean ocean;

    @AfterEach
    void stop() {
        if (ocean != null) {
            ocean.stop();
        }
    }

    private static String sign(byte[] raw) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(raw));
    }

    @Test
    void aFormEncodedDeliveryIsVerifiedOverItsRawBytes() throws Exception {
        ocean = TestOceans.create(cfg -> cfg.resultsHandler(new Results()));
        ocean.addWebhookProcessor("/webhook", Signed::new);
        ocean.start();
        Http http = new Http(ocean.port());
        byte[] json = Files.readAllBytes(GithubFixturesTest.GITHUB.resolve("issues.opened.json"));
        byte[] form = ("payload=" + URLEncoder.encode(new String(json, StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII);

        Http.Reply signedForm = http.post("/integration/webhook", "application/x-www-form-urlencoded", form,
                "X-Hub-Signature-256", sign(form));
        Http.Reply signedJson = http.post("/integration/webhook", "application/json", json,
                "X-Hub-Signature-256", sign(json));
        Http.Reply signedOverTheJsonButSentAsForm = http.post("/integration/webhook",
                "application/x-www-form-urlencoded", form, "X-Hub-Signature-256", sign(json));
        Http.Reply unsigned = http.post("/integration/webhook", "application/json", json);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(signedForm.status()).isEqualTo(200);
        assertThat(signedJson.status()).isEqualTo(200);
        assertThat(signedOverTheJsonButSentAsForm.status()).isEqualTo(401);
        assertThat(unsigned.status()).isEqualTo(401);
    }
}
