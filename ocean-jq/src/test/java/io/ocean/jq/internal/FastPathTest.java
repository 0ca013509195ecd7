package io.ocean.jq.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The field paths and literals run without jackson-jq answer exactly as the compiled program does (outputs and
 * errors), and everything else is left to it.
 */
class FastPathTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void pathsAndPlainLiteralsHaveAFastFormAndNothingElseDoes() {
        for (String e : List.of(".a", " .user.login ", ".head.repo.name", ".a_1._b", "\"githubPullRequest\"", "\"\"")) {
            assertThat(FastPath.of(e)).as(e).isNotNull();
        }
        for (String e : List.of(".", ".a[]", ".a?", ". a", ".a | .b", ".\"a\"", ".a.end", ".if", "\"a\\n\"",
                "\"\\(.a)\"", ".a // 1", ".[0]", "$x", "'a'", ".a.b.c + 1")) {
            assertThat(FastPath.of(e)).as(e).isNull();
        }
    }

    @Test
    void aFastFormAnswersAsTheCompiledProgramDoesOnEveryShapeOfInput() throws Exception {
        List<String> inputs = List.of("{\"a\":{\"b\":{\"c\":1}}}", "{\"a\":{\"b\":null}}", "{\"a\":{}}", "{}",
                "null", "{\"a\":[1]}", "{\"a\":\"s\"}", "{\"a\":{\"b\":3}}", "[1,2]", "1", "true",
                "{\"a\":{\"b\":{\"c\":[{\"d\":1}]}}}");
        for (String e : List.of(".a", ".a.b", ".a.b.c", "\"lit\"")) {
            JqProgram fast = JqProgram.compile(e);
            JqProgram slow = JqProgram.compile("(" + e + ")");   // the same program, not of the fast shape
            for (String text : inputs) {
                JsonNode input = JSON.readTree(text);
                assertThat(outcome(fast, input)).as(e + " on " + text).isEqualTo(outcome(slow, input));
            }
        }
        assertThat(outcome(JqProgram.compile(".a.b"), JSON.readTree("{\"a\":\"s\"}")))
                .isEqualTo("error Cannot index string with string \"b\"");
    }

    @Test
    void moreShapesOfInputAndLiteralAnswerAsTheCompiledProgramDoes() throws Exception {
        List<String> inputs = List.of("\"s\"", "1.5", "[]", "false", "{\"a\":null}", "{\"a\":{\"b\":{\"c\":null}}}",
                "{\"a\":{\"b\":[]}}", "{\"a\":{\"b\":{\"c\":{\"d\":2}}}}", "{\"A\":1,\"a\":2}");
        for (String e : List.of(".a", ".A", ".a.b.c", "\"a b ü\"", "\"\"", "\t.a\n")) {
            assertThat(FastPath.of(e)).as(e).isNotNull();
            JqProgram fast = JqProgram.compile(e);
            JqProgram slow = JqProgram.compile("(" + e + ")");
            for (String text : inputs) {
                JsonNode input = JSON.readTree(text);
                assertThat(outcome(fast, input)).as(e + " on " + text).isEqualTo(outcome(slow, input));
            }
        }
    }

    @Test
    void theFastFormIsWhatAnswersAPathThroughObjects() throws Exception {
        JsonNode login = JSON.readTree("{\"user\":{\"login\":\"octocat\"}}");
        assertThat(FastPath.of(".user.login").apply(login).asText()).isEqualTo("octocat");
        assertThat(FastPath.of(".user.login").apply(JSON.readTree("{\"user\":null}")).isNull()).isTrue();
        assertThat(FastPath.of(".user.login").apply(JSON.readTree("{\"user\":1}"))).isNull();   // the error is jq's
    }

    private static String outcome(JqProgram program, JsonNode input) {
        JqProgram.Run run = program.all(input, JqScopes.forRun(false, java.util.Map.of()), Long.MAX_VALUE);
        String first;
        try {
            JsonNode value = program.first(input, JqScopes.forRun(false, java.util.Map.of()), Long.MAX_VALUE);
            first = String.valueOf(value);
        } catch (JqProgram.JqFailure f) {
            first = "error " + f.getMessage();
        }
        String all = run.failure() == null ? run.outputs().toString() : "error " + run.failure().getMessage();
        assertThat(first.startsWith("error") ? first : "[" + first + "]").isEqualTo(all);
        return all;
    }
}
