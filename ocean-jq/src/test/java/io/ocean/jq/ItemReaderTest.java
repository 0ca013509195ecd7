package io.ocean.jq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.config.ResourceConfig;
import io.ocean.core.internal.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemReaderTest {

    private static final String PULL_REQUESTS = """
            - kind: pull-request
              port:
                entity:
                  mappings:
                    identifier: .head.repo.name + (.id|tostring)
                    title: .title
                    blueprint: '"githubPullRequest"'
                    properties:
                      status: .state
                      creator: .user.login
                      reviewers: '[.requested_reviewers[].login]'
                      branch: .head.ref
                      link: .html_url
            """;

    private final JqEntityMapper mapper = JqEntityMapper.create();

    private static ResourceConfig resource(String yaml) {
        return PortAppConfig.fromYaml("resources:\n" + yaml.indent(2)).resources().get(0);
    }

    private static ResourceConfig mapping(String identifier, String title) {
        return resource("""
                - kind: thing
                  port:
                    entity:
                      mappings:
                        identifier: '%s'
                        title: '%s'
                        blueprint: '"thing"'
                """.formatted(identifier.replace("'", "''"), title.replace("'", "''")));
    }

    private static JsonNode read(ItemReader reader, String json) throws Exception {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(json)) {
            return reader.read(parser);
        }
    }

    /** Entities and errors of mapping the item as the reader reads it, serialised, next to those of the full item. */
    private String[] bothWays(ResourceConfig resource, String json) throws Exception {
        MappingResult full = mapper.map(resource, List.of(Json.MAPPER.readTree(json)));
        MappingResult projected = mapper.map(resource, List.of(read(mapper.reader(resource), json)));
        return new String[] {Json.MAPPER.writeValueAsString(List.of(full.passed(), full.errors())),
            Json.MAPPER.writeValueAsString(List.of(projected.passed(), projected.errors()))};
    }

    @Test
    void aPullRequestIsReadWithOnlyTheFieldsTheEightFieldMappingObserves() throws Exception {
        String pr = Fixtures.json("github/pull_request.opened.json").get("pull_request").toString();
        ItemReader reader = mapper.reader(resource(PULL_REQUESTS));

        JsonNode item = read(reader, pr);

        assertThat(reader.projects()).isTrue();
        assertThat(item.toString().length()).isLessThan(pr.length() / 10);
        assertThat(item.get("head").get("repo").get("name").asText()).isEqualTo("Hello-World");
        assertThat(item.get("base")).isNull();
        String[] both = bothWays(resource(PULL_REQUESTS), pr);
        assertThat(both[1]).isEqualTo(both[0]).contains("Hello-World");
    }

    @Test
    void itemsOfAnUnexpectedShapeGiveTheSameEntitiesAndErrorsAsTheFullItems() throws Exception {
        for (String item : List.of(
                "{\"id\": 7, \"head\": \"a string\", \"title\": {\"nested\": [1, 2.5e3, null]}}",
                "{\"id\": 1.5, \"head\": {\"repo\": [1, 2]}, \"requested_reviewers\": {\"a\": {\"login\": \"x\"}}}",
                "{\"id\": 12345678901234, \"head\": {\"repo\": {\"name\": {\"n\": 1}}}, \"requested_reviewers\": 3}",
                "{\"id\": 2, \"head\": {\"repo\": {\"name\": \"r\"}, \"ref\": true}, \"requested_reviewers\": [1, {}]}",
                "{\"id\": 4, \"head\": {\"repo\": {\"name\": \"r\"}}, \"requested_reviewers\": {\"a\": {\"login\": \"x\"}}}",
                "{\"id\": 3, \"title\": \"t\", \"title\": \"duplicate\", \"user\": null}",
                "[1, 2]",
                "\"just a string\"")) {
            String[] both = bothWays(resource(PULL_REQUESTS), item);
            assertThat(both[1]).as(item).isEqualTo(both[0]);
        }
    }

    @Test
    void objectShorthandsConditionalsAndFunctionsAfterAPipeAreUnderstood() throws Exception {
        ResourceConfig resource = mapping("{id, n: (.a.b | tostring)} | tojson",
                "if .on then .x | ascii_upcase else .y end");
        String item = "{\"id\": 1, \"a\": {\"b\": [1], \"c\": 2}, \"on\": true, \"x\": \"lo\", \"y\": 0, \"z\": 9}";

        JsonNode read = read(mapper.reader(resource), item);

        assertThat(read.toString()).isEqualTo("{\"id\":1,\"a\":{\"b\":[1]},\"on\":true,\"x\":\"lo\",\"y\":0}");
        String[] both = bothWays(resource, item);
        assertThat(both[1]).isEqualTo(both[0]);
    }

    @Test
    void aMappingThatMayObserveTheWholeItemReadsItWhole() throws Exception {
        String item = "{\"id\": 1, \"a\": {\"b\": 2}, \"z\": 9}";
        for (String expression : List.of(".", "tojson", ".a as $x | $x", ".. | numbers", "keys | join(\",\")",
                ".a.b = 3", ".a |= 1", "\"\\(.z)\"", ".[\"z\"]", ".a?", "{\"z\"}", "def f: .; f", "to_entries",
                "[.a, .] | length", "if .id then . else 1 end", "reduce .a as $x (0; 1)", "try .a catch .")) {
            ResourceConfig resource = mapping(".id | tostring", expression);
            ItemReader reader = mapper.reader(resource);

            assertThat(reader.projects()).as(expression).isFalse();
            assertThat(read(reader, item)).isEqualTo(Json.MAPPER.readTree(item));
        }
    }

    @Test
    void aMappingWithItemsToParseReadsItemsWhole() {
        ResourceConfig resource = resource("""
                - kind: commit
                  port:
                    itemsToParse: .commits
                    entity:
                      mappings:
                        identifier: .item.id
                        blueprint: '"commit"'
                """);

        assertThat(mapper.reader(resource).projects()).isFalse();
    }
}
