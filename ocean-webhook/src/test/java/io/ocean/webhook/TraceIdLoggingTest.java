package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ocean.core.WebhookEventRawResults;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every log line about an event carries its trace id, and no payload or header value is logged. */
class TraceIdLoggingTest {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger oceanLogger = (Logger) LoggerFactory.getLogger("io.ocean");
    private Ocean ocean;

    @BeforeEach
    void capture() {
        appender.start();
        oceanLogger.addAppender(appender);
    }

    @AfterEach
    void release() {
        if (ocean != null) {
            ocean.stop();
        }
        oceanLogger.detachAppender(appender);
    }

    @Test
    void everyLineAboutAnEventCarriesItsTraceIdAndNoSecrets() {
        Script script = new Script("issues");
        script.handler = (payload, resource) -> {
            throw new IllegalStateException("handler failed");
        };
        ocean = TestOceans.create(cfg -> {
        });
        ocean.addWebhookProcessor("/webhook", ScriptedProcessor.factory(script));
        ocean.start();
        Http http = new Http(ocean.port());
        appender.list.clear();

        Http.Reply reply = http.post("/integration/webhook", "application/json",
                "{\"token\":\"payload-secret-value\"}".getBytes(), "X-Gitlab-Token", "header-secret-value");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        String traceId = reply.field("traceId");
        List<ILoggingEvent> lines = List.copyOf(appender.list);
        assertThat(lines).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.startsWith("received event"))
                .anyMatch(m -> m.startsWith("queued"))
                .anyMatch(m -> m.startsWith("processing started"))
                .anyMatch(m -> m.contains("failed for kind issue"))
                .anyMatch(m -> m.startsWith("processing failed"));
        assertThat(lines).allSatisfy(line -> assertThat(line.getMDCPropertyMap()).containsEntry("traceId", traceId));
        assertThat(lines).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(m -> m.contains("secret-value"));
    }

    @Test
    void successfulProcessingLogsFinishedWithTiming() {
        Script script = new Script("issues");
        script.handler = (payload, resource) -> WebhookEventRawResults.empty();
        ocean = TestOceans.create(cfg -> {
        });
        ocean.addWebhookProcessor("/webhook", ScriptedProcessor.factory(script));
        ocean.start();

        new Http(ocean.port()).postJson("/integration/webhook", "{}");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.matches("processing finished in \\d+ ms"));
    }
}
