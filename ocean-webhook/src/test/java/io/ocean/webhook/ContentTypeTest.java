package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.core.WebhookEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which content types the edge reads, and that the raw bytes always reach the processor unchanged. */
class ContentTypeTest {

    private static final String BODY = "{\"action\":\"opened\",\"n\":1}";

    private final Script script = new Script("any");
    private Ocean ocean;
    private Http http;

    @BeforeEach
    void start() {
        ocean = TestOceans.create(cfg -> {
            cfg.resultsHandler(new Results());
        });
        ocean.addWebhookProcessor("/webhook", ScriptedProcessor.factory(script));
        ocean.start();
        http = new Http(ocean.port());
    }

    @AfterEach
    void stop() {
        ocean.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "APPLICATION/JSON;charset=UTF-8",
            "application/vnd.github+json", "application/cloudevents+json; charset=utf-8"})
    void jsonTypesAreAccepted(String contentType) {
        Http.Reply reply = http.post("/integration/webhook", contentType, BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(handledEvent().payload().path("n").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @NullSource
    void aMissingTypeIsTriedAsJson(String contentType) {
        Http.Reply reply = http.post("/integration/webhook", contentType, BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "multipart/form-data; boundary=x", "application/+json"})
    void otherTypesAnswer415(String contentType) {
        Http.Reply reply = http.post("/integration/webhook", contentType, BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(415);
    }

    @Test
    void formWithPayloadFieldIsParsedAndItsRawBytesKept() {
        byte[] form = ("payload=" + URLEncoder.encode(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);

        Http.Reply reply = http.post("/integration/webhook", "application/x-www-form-urlencoded", form);

        assertThat(reply.status()).isEqualTo(200);
        WebhookEvent event = handledEvent();
        assertThat(event.payload().path("action").asText()).isEqualTo("opened");
        assertThat(event.rawBody()).isEqualTo(form);
    }

    @Test
    void formWithOtherFieldsBeforePayloadIsParsed() {
        byte[] form = ("a=1&payload=" + URLEncoder.encode(BODY, StandardCharsets.UTF_8) + "&b=2")
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(http.post("/integration/webhook", "application/x-www-form-urlencoded; charset=utf-8", form).status())
                .isEqualTo(200);
    }

    @Test
    void formWithoutPayloadFieldAnswers400() {
        Http.Reply reply = http.post("/integration/webhook", "application/x-www-form-urlencoded",
                "other=1".getBytes(StandardCharsets.US_ASCII));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field("error")).isEqualTo("missing_payload");
    }

    @Test
    void formWithMalformedJsonPayloadAnswers400() {
        Http.Reply reply = http.post("/integration/webhook", "application/x-www-form-urlencoded",
                "payload=%7B%22a".getBytes(StandardCharsets.US_ASCII));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field("error")).isEqualTo("malformed_json");
    }

    @Test
    void headersReachTheProcessorCaseInsensitively() {
        http.post("/integration/webhook", "application/json", BODY.getBytes(StandardCharsets.UTF_8),
                "X-GitHub-Event", "issues", "X-GitHub-Delivery", "d-1");

        WebhookEvent event = handledEvent();
        assertThat(event.headers().get("x-github-event")).isEqualTo("issues");
        assertThat(event.headers().get("X-GITHUB-DELIVERY")).isEqualTo("d-1");
        assertThat(event.path()).isEqualTo("/webhook");
    }

    private WebhookEvent handledEvent() {
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(script.handled).isNotEmpty();
        return script.handled.get(script.handled.size() - 1);
    }
}
