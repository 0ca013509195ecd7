package io.ocean.jq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.internal.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The builtins we add that jq 1.7 itself lacks, so that no golden value from jq 1.7 exists for them: the jq 1.8
 * ones ({@code toarray}, {@code trim}, {@code ltrim}, {@code rtrim}), the jq 1.6 ones jq 1.7 dropped
 * ({@code dateadd}, {@code datesub}, {@code date}, {@code leaf_paths}), and {@code ascii}. Expected values follow the
 * jq manual's own examples.
 */
class BuiltinsTest {

    private List<JsonNode> run(String expression, String input) throws Exception {
        return Jq.compile(expression).apply(Json.MAPPER.readTree(input));
    }

    private String one(String expression, String input) throws Exception {
        List<JsonNode> outputs = run(expression, input);
        assertThat(outputs).hasSize(1);
        return outputs.get(0).toString();
    }

    @Test
    void toarrayWrapsWhatIsNotAnArray() throws Exception {
        assertThat(one("map(toarray)", "[1, [2], \"a\"]")).isEqualTo("[[1],[2],[\"a\"]]");
    }

    @Test
    void trimFamilyStripsWhitespaceAndRejectsNonStrings() throws Exception {
        assertThat(one("[trim, ltrim, rtrim]", "\"  abc  \\n\"")).isEqualTo("[\"abc\",\"abc  \\n\",\"  abc\"]");
        assertThatThrownBy(() -> run("trim", "1")).isInstanceOf(JqEvaluationException.class)
                .hasMessageContaining("trim input must be a string");
    }

    @Test
    void asciiTurnsACodePointIntoItsCharacter() throws Exception {
        assertThat(one("[65, 97, 48] | map(ascii) | add", "null")).isEqualTo("\"Aa0\"");
        assertThatThrownBy(() -> run("200 | ascii", "null")).isInstanceOf(JqEvaluationException.class);
    }

    @Test
    void dateHelpersOfJq16AreKept() throws Exception {
        assertThat(one("[dateadd(\"seconds\"; 60), datesub(\"seconds\"; 60), date]", "1425599507"))
                .isEqualTo("[1425599567,1425599447,\"2015-03-05T23:51:47Z\"]");
    }

    @Test
    void leafPathsListsThePathsToScalars() throws Exception {
        assertThat(one("[leaf_paths]", "{\"a\":[1,{\"b\":2}]}")).isEqualTo("[[\"a\",0],[\"a\",1,\"b\"]]");
    }

    @Test
    void localtimeAndStrflocaltimeUseTheSystemZone() throws Exception {
        java.time.ZonedDateTime local = java.time.Instant.ofEpochSecond(1425599507)
                .atZone(java.time.ZoneId.systemDefault());

        assertThat(one("localtime | .[0:6]", "1425599507")).isEqualTo("[" + local.getYear() + ","
                + (local.getMonthValue() - 1) + "," + local.getDayOfMonth() + "," + local.getHour() + ","
                + local.getMinute() + "," + local.getSecond() + "]");
        assertThat(one("strflocaltime(\"%H:%M\")", "1425599507"))
                .isEqualTo(String.format("\"%02d:%02d\"", local.getHour(), local.getMinute()));
    }

    @Test
    void splitsTakesRegexFlags() throws Exception {
        assertThat(one("[splits(\"a+\"; \"gi\")]", "\"xAaYaz\"")).isEqualTo("[\"x\",\"Y\",\"z\"]");
    }

    @Test
    void cMathBuiltinsFollowTheCLibrary() throws Exception {
        assertThat(one("[8, 10, 0.75, -3] | map([frexp, logb, significand, nearbyint])", "null")).isEqualTo(
                "[[[0.5,4],3.0,1.0,8.0],[[0.625,4],3.0,1.25,10.0],[[0.75,0],-1.0,1.5,1.0],[[-0.75,2],1.0,-1.5,-3.0]]");
        assertThat(one("[ldexp(3; 2), scalb(3; 2), drem(10; 3), (2 | pow10)]", "null"))
                .isEqualTo("[12.0,12.0,1.0,100.0]");
        assertThat(one("[5, 1, 2] | map(tgamma, lgamma) | map(. * 1000 | round)", "null"))
                .isEqualTo("[24000.0,3178.0,1000.0,0.0,1000.0,0.0]");
        assertThat(one("[0.5 | tgamma * tgamma | . * 1e9 | round, (-0.5 | lgamma_r | .[1])]", "null"))
                .isEqualTo("[3.141592654E9,-1.0]");
    }
}
