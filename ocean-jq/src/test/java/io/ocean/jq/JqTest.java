package io.ocean.jq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ocean.core.internal.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The public {@link Jq} API: outputs, partial outputs before an error, variables, environment, guards, threads. */
class JqTest {

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theDocumentedExampleRuns() {
        JsonNode pullRequests = json("[{\"state\":\"open\",\"number\":7,\"title\":\"Fix\"},"
                + "{\"state\":\"closed\",\"number\":0,\"title\":\"Old\"}]");
        List<JsonNode> before = null;
        // snippet:jq-api
        Jq openNumbers = Jq.compile("[.[] | select(.state == $state) | .number]");  // thread-safe; share it
        List<JsonNode> outputs = openNumbers.apply(pullRequests, Map.of("state", TextNode.valueOf("open")));
        Optional<JsonNode> title = Jq.compile(".[0].title").first(pullRequests);
        try {
            Jq.compile(".[] | 70 / .number").apply(pullRequests);
        } catch (JqEvaluationException e) {
            before = e.outputs();    // [10]: what came before the error, in order
            e.getMessage();          // jq's message
        }
        // end-snippet
        assertThat(outputs).containsExactly(json("[7]"));
        assertThat(title).contains(TextNode.valueOf("Fix"));
        assertThat(before).containsExactly(json("10"));
    }

    @Test
    void applyReturnsEveryOutputInOrder() {
        assertThat(Jq.compile(".[] | select(. > 1)").apply(json("[3, 1, 2]"))).containsExactly(json("3"), json("2"));
    }

    @Test
    void outputsBeforeAnErrorAreKeptAndTheErrorComesAfterThem() {
        Jq jq = Jq.compile(".[] | if . == 0 then error(\"zero\") else 10 / . end");

        assertThatThrownBy(() -> jq.apply(json("[1, 2, 0, 5]")))
                .isInstanceOfSatisfying(JqEvaluationException.class, e -> {
                    assertThat(e.outputs()).containsExactly(json("10"), json("5"));
                    assertThat(e.getMessage()).isEqualTo("zero");
                    assertThat(e.error()).isEqualTo(TextNode.valueOf("zero"));
                    assertThat(e.timedOut()).isFalse();
                    assertThat(e.program()).isEqualTo(jq.program());
                });
    }

    @Test
    void anErrorValueThatIsNotAStringReachesTheCallerAsIs() {
        assertThatThrownBy(() -> Jq.compile("error({code: 42})").apply(json("null")))
                .isInstanceOfSatisfying(JqEvaluationException.class,
                        e -> assertThat(e.error()).isEqualTo(json("{\"code\": 42}")));
    }

    @Test
    void firstStopsAtTheFirstOutputAndIsEmptyWhenThereIsNone() {
        Jq jq = Jq.compile(".[]?, error(\"never reached when there is an element\")");

        assertThat(jq.first(json("[7, 8]"))).contains(json("7"));
        assertThat(Jq.compile("empty").first(json("1"))).isEmpty();
        assertThatThrownBy(() -> jq.first(json("[]"))).isInstanceOf(JqEvaluationException.class)
                .hasMessage("never reached when there is an element");
    }

    @Test
    void variablesAreBoundByNameAndInArgsNamed() {
        Jq jq = Jq.compile("[.[] | select(.state == $state) | .n], $ARGS.named");

        List<JsonNode> outputs = jq.apply(json("[{\"state\":\"open\",\"n\":1},{\"state\":\"closed\",\"n\":2}]"),
                Map.of("state", TextNode.valueOf("open")));

        assertThat(outputs).containsExactly(json("[1]"), json("{\"state\":\"open\"}"));
    }

    @Test
    void anUnboundVariableIsAnError() {
        assertThatThrownBy(() -> Jq.compile("$nope").apply(json("null"))).isInstanceOf(JqException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void theEnvironmentIsHiddenUnlessAllowed() {
        assertThat(Jq.compile("$ENV, env | length").apply(json("null"))).containsExactly(IntNode.valueOf(0),
                IntNode.valueOf(0));

        Jq allowed = Jq.compile("env | length", JqOptions.custom().allowEnvironmentVariables(true).build());
        assertThat(allowed.apply(json("null")).get(0).asInt()).isEqualTo(System.getenv().size());
    }

    @Test
    void aProgramThatIsNotJqFailsToCompileWithJqsMessage() {
        assertThatThrownBy(() -> Jq.compile("{(0): 1}")).isInstanceOfSatisfying(JqCompileException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("Cannot use number (0) as object key at <top-level>, line 1:");
            assertThat(e.program()).isEqualTo("{(0): 1}");
        });
        assertThatThrownBy(() -> Jq.compile(".a | ]")).isInstanceOf(JqCompileException.class);
        assertThatThrownBy(() -> Jq.compile("import \"a\" as a; .")).isInstanceOf(JqCompileException.class)
                .hasMessageContaining("not supported");
    }

    @Test
    void aRunawayProgramTimesOutEvenInsideTry() {
        Jq jq = Jq.compile("try last(range(infinite)) catch \"caught\"",
                JqOptions.custom().timeout(Duration.ofMillis(200)).build());

        assertThatThrownBy(() -> jq.apply(json("null"))).isInstanceOfSatisfying(JqEvaluationException.class,
                e -> assertThat(e.timedOut()).isTrue());
        assertThat(Jq.compile(".").apply(json("1"))).containsExactly(json("1"));
    }

    @Test
    void unboundedRecursionIsAnErrorNotACrash() {
        assertThatThrownBy(() -> Jq.compile("def f: 1 + f; f").apply(json("null")))
                .isInstanceOf(JqEvaluationException.class).hasMessageContaining("recursion");
    }

    @Test
    void numbersReadAsDecimalsPrintAsWrittenLikeJqLiterals() throws IOException {
        JsonNode input = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build().readTree("[1.0, 1.10, 2]");

        assertThat(Jq.compile("tojson, (.[1] | tostring), (.[1] + 1 | tostring)").apply(input))
                .containsExactly(TextNode.valueOf("[1.0,1.10,2]"), TextNode.valueOf("1.10"), TextNode.valueOf("2.1"));
    }

    @Test
    void aMissingInputIsAClearError() {
        assertThatThrownBy(() -> Jq.compile(".").apply(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("input");
    }

    @Test
    void optionsRejectANonPositiveTimeout() {
        assertThatThrownBy(() -> JqOptions.custom().timeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }

    @Test
    void oneCompiledProgramServesManyThreads() throws Exception {
        Jq jq = Jq.compile("[range(.) | . * 2] | add");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<JsonNode>>> results = new ArrayList<>();
            for (int i = 1; i <= 200; i++) {
                JsonNode input = IntNode.valueOf(i);
                results.add(pool.submit(() -> jq.apply(input)));
            }
            for (int i = 1; i <= 200; i++) {
                assertThat(results.get(i - 1).get().get(0).asLong()).isEqualTo((long) i * (i - 1));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
