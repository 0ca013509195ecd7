package io.ocean.jq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.Entity;
import io.ocean.core.config.EntityMapping;
import io.ocean.core.config.PortResourceConfig;
import io.ocean.core.config.ResourceConfig;
import io.ocean.core.config.Selector;
import io.ocean.core.internal.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expressions that would hang, blow the stack or eat the heap end as errors, and the mapper keeps working. */
class GuardsTest {

    private final JqEntityMapper mapper = JqEntityMapper.create(
            MappingOptions.custom().itemTimeout(Duration.ofMillis(300)).build());

    private static ResourceConfig withProperty(String expression) {
        return new ResourceConfig("item", Selector.all(), PortResourceConfig.of(
                EntityMapping.in("\"item\"", ".id").withProperty("p", expression)));
    }

    private static JsonNode item(String id) {
        return Json.MAPPER.createObjectNode().put("id", id).put("s", "abc");
    }

    @Test
    void gsubWithAnEmptyMatchTerminatesWithJqsAnswer() {
        MappingResult result = mapper.map(withProperty(".s | gsub(\"^\"; \"x\")"), List.of(item("1")));

        assertThat(result.errors()).isEmpty();
        assertThat(result.passed().get(0).properties().get("p").asText()).isEqualTo("xabc");
    }

    @Test
    void unboundedRecursionIsAnErrorNotACrash() {
        MappingResult result = mapper.map(withProperty("[recurse(.+1)]"), List.of(Json.MAPPER.createObjectNode()
                .put("id", "1")));

        assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e.message()).isNotBlank());
        assertThat(result.passed()).hasSize(1);
        assertThat(result.passed().get(0).properties().get("p").isNull()).isTrue();
    }

    @Test
    void aHugeReduceTimesOutAndIsSkippedForTheRestOfTheBatch() {
        MappingResult result = mapper.map(withProperty("reduce range(1e12) as $i (0; .+1)"),
                List.of(item("1"), item("2"), item("3")));

        assertThat(result.passed()).hasSize(3);
        assertThat(result.errors()).hasSize(3);
        assertThat(result.errors().get(0).message()).isEqualTo("timed out");
        assertThat(result.errors().get(1).message()).contains("skipped");
        assertThat(result.errors().get(2).message()).contains("skipped");
    }

    @Test
    void infiniteLoopsOfEveryKindTimeOut() {
        for (String loop : List.of("[range(infinite)] | length", "[0 | repeat(.)] | length",
                "[1 | while(true; .)] | length", "0 | until(false; .)", "[limit(1e15; 0 | repeat(.))] | length",
                "last(range(1; infinite))", "[range(0; 1; 0)] | length")) {
            MappingResult result = mapper.map(withProperty(loop), List.of(item("1")));

            assertThat(result.errors()).as(loop).singleElement()
                    .satisfies(e -> assertThat(e.message()).isIn("timed out", "stack overflow (recursion too deep)"));
        }
    }

    @Test
    void theMapperKeepsWorkingAfterEveryGuard() {
        mapper.map(withProperty("[recurse(.+1)]"), List.of(item("1")));
        mapper.map(withProperty("reduce range(1e12) as $i (0; .+1)"), List.of(item("1")));

        MappingResult result = mapper.map(withProperty(".s | ascii_upcase"), List.of(item("after")));

        assertThat(result.errors()).isEmpty();
        Entity entity = result.passed().get(0);
        assertThat(entity.identifierText()).isEqualTo("after");
        assertThat(entity.properties().get("p").asText()).isEqualTo("ABC");
    }
}
