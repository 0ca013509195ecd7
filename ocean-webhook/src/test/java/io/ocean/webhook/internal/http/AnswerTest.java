package io.ocean.webhook.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The answers' bodies are JSON whatever their trace id holds, built by hand for the accepted ones. */
class AnswerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theAcceptedAnswersAreTheJsonTheyAlwaysWere() throws Exception {
        assertThat(new String(Answer.queued("t-1").body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"status\":\"ok\",\"traceId\":\"t-1\"}");
        assertThat(new String(Answer.ignored("t-2").body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"status\":\"ignored\",\"traceId\":\"t-2\"}");
        assertThat(new String(Answer.duplicate("t-3").body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"status\":\"duplicate\",\"traceId\":\"t-3\"}");
    }

    @Test
    void aTraceIdWithQuotesOrControlCharactersStaysOneJsonString() throws Exception {
        // a trace id restored from an old file or an operator's import is not always one of ours
        String odd = "a\"b\\c\n\u0001é";
        JsonNode body = MAPPER.readTree(Answer.duplicate(odd).body());
        assertThat(body.path("status").asText()).isEqualTo("duplicate");
        assertThat(body.path("traceId").asText()).isEqualTo(odd);
        assertThat(body.size()).isEqualTo(2);
    }

    @Test
    void errorsCarryTheirCodeAndMessage() throws Exception {
        JsonNode body = MAPPER.readTree(Answer.error(400, "invalid_payload", "it \"failed\"", "t-4").body());
        assertThat(body.path("status").asText()).isEqualTo("error");
        assertThat(body.path("error").asText()).isEqualTo("invalid_payload");
        assertThat(body.path("message").asText()).isEqualTo("it \"failed\"");
        assertThat(body.path("traceId").asText()).isEqualTo("t-4");
    }
}
