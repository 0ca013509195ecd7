package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A refused body never comes back to the sender nor goes into the logs, not even at debug level: the answer carries
 * a fixed message per error code, and parser internals are not named.
 */
class RejectedBodiesAreNotEchoedTest extends ScriptedOceanTest {

    private static final String SECRET = "secretTOKEN";

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger oceanLogger = (Logger) LoggerFactory.getLogger("io.ocean");
    private Level levelBefore;

    @BeforeEach
    void captureEverything() {
        levelBefore = oceanLogger.getLevel();
        oceanLogger.setLevel(Level.DEBUG);
        appender.start();
        oceanLogger.addAppender(appender);
    }

    @AfterEach
    void release() {
        oceanLogger.detachAppender(appender);
        oceanLogger.setLevel(levelBefore);
    }

    @Test
    void anUnrecognizedTokenIsNeitherAnsweredNorLogged() {
        start(cfg -> { });

        Http.Reply reply = http.postJson("/integration/webhook", "{\"a\": " + SECRET + "}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field("error")).isEqualTo("malformed_json");
        assertThat(reply.field("message")).isEqualTo("the body is not valid JSON");
        assertThat(reply.body()).doesNotContain(SECRET);
        assertLogsDoNotContain(SECRET);
        assertThat(lines()).anyMatch(line -> line.getLevel() == Level.DEBUG
                && line.getFormattedMessage().contains("line 1, column"));
    }

    @Test
    void aSecretInAFormPayloadIsNeitherAnsweredNorLogged() {
        start(cfg -> { });

        Http.Reply reply = http.post("/integration/webhook", "application/x-www-form-urlencoded",
                ("payload=%7B%22a%22%3A" + SECRET + "%7D").getBytes(StandardCharsets.US_ASCII));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field("error")).isEqualTo("malformed_json");
        assertThat(reply.body()).doesNotContain(SECRET);
        assertLogsDoNotContain(SECRET);
    }

    @Test
    void aBadEscapeInAFormIsNeitherAnsweredNorLogged() {
        start(cfg -> { });

        Http.Reply reply = http.post("/integration/webhook", "application/x-www-form-urlencoded",
                ("payload=%zz" + SECRET).getBytes(StandardCharsets.US_ASCII));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field("error")).isEqualTo("malformed_form");
        assertThat(reply.body()).doesNotContain(SECRET).doesNotContain("%zz");
        assertLogsDoNotContain(SECRET);
    }

    @Test
    void tooDeepANestingDoesNotNameParserInternals() {
        start(cfg -> { });
        String deep = "{\"a\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}";

        Http.Reply reply = http.postJson("/integration/webhook", deep);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field("error")).isEqualTo("malformed_json");
        assertThat(reply.body()).doesNotContain("StreamReadConstraints").doesNotContain("getMaxNestingDepth");
        assertThat(lines()).filteredOn(line -> line.getLevel().isGreaterOrEqual(Level.INFO))
                .extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(message -> message.contains("StreamReadConstraints"));
    }

    @Test
    void aBodyThatIsNotAnObjectGetsTheFixedMessageOfItsCode() {
        start(cfg -> { });

        Http.Reply reply = http.postJson("/integration/webhook", "[\"" + SECRET + "\"]");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field("error")).isEqualTo("not_an_object");
        assertThat(reply.field("message")).isEqualTo("the body must be a JSON object");
        assertLogsDoNotContain(SECRET);
    }

    @Test
    void anUnsupportedContentTypeGetsTheFixedMessageOfItsCode() {
        start(cfg -> { });

        Http.Reply reply = http.post("/integration/webhook", "text/" + SECRET, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.body()).doesNotContain(SECRET.toLowerCase());
    }

    private List<ILoggingEvent> lines() {
        return List.copyOf(appender.list);
    }

    private void assertLogsDoNotContain(String text) {
        assertThat(lines()).isNotEmpty();
        for (ILoggingEvent line : lines()) {
            assertThat(line.getFormattedMessage()).doesNotContain(text);
            if (line.getThrowableProxy() != null) {
                assertThat(line.getThrowableProxy().getMessage()).doesNotContain(text);
            }
        }
    }
}
