package io.ocean.jq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.Entity;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.config.ResourceConfig;
import io.ocean.core.internal.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class JqEntityMapperTest {

    private final JqEntityMapper mapper = JqEntityMapper.create();

    private static ResourceConfig resource(String yaml) {
        return PortAppConfig.fromYaml("resources:\n" + yaml.indent(2)).resources().get(0);
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String serialised(Entity entity) {
        try {
            return Json.MAPPER.writeValueAsString(entity);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void mapsAGithubIssueWithRealExpressions() {
        ResourceConfig issues = resource("""
                - kind: issue
                  selector:
                    query: .issue.state == "open"
                  port:
                    entity:
                      mappings:
                        identifier: .repository.name + (.issue.number | tostring)
                        title: .issue.title
                        blueprint: '"githubIssue"'
                        properties:
                          state: .issue.state
                          labels: '[.issue.labels[].name]'
                          link: .issue.html_url
                          createdAt: .issue.created_at
                          visibility: 'if .repository.private then "private" else "public" end'
                        relations:
                          repository: .repository.name
                """);

        MappingResult result = mapper.map(issues, List.of(Fixtures.json("github/issues.opened.json")));

        assertThat(result.errors()).isEmpty();
        assertThat(result.failed()).isEmpty();
        Entity entity = result.passed().get(0);
        assertThat(entity.identifier().asText()).isEqualTo("Hello-World1");
        assertThat(entity.blueprint()).isEqualTo("githubIssue");
        assertThat(entity.title()).isEqualTo("Spelling error in the README file");
        assertThat(entity.properties().get("state").asText()).isEqualTo("open");
        assertThat(entity.properties().get("labels")).isEqualTo(json("[\"bug\"]"));
        assertThat(entity.properties().get("visibility").asText()).isEqualTo("public");
        assertThat(entity.relations().get("repository").asText()).isEqualTo("Hello-World");
    }

    @Test
    void anItemFailingTheSelectorIsInFailed() {
        ResourceConfig open = resource("""
                - kind: issue
                  selector: {query: .state == "open"}
                  port: {entity: {mappings: {identifier: .id, blueprint: '"issue"'}}}
                """);

        MappingResult result = mapper.map(open, List.of(json("{\"id\":\"1\",\"state\":\"closed\"}"),
                json("{\"id\":\"2\",\"state\":\"open\"}")));

        assertThat(result.passed()).extracting(Entity::identifierText).containsExactly("2");
        assertThat(result.failed()).extracting(Entity::identifierText).containsExactly("1");
    }

    @Test
    void aSelectorThatIsNotBooleanIsAnErrorAndTheItemIsInNeitherList() {
        ResourceConfig broken = resource("""
                - kind: issue
                  selector: {query: .state}
                  port: {entity: {mappings: {identifier: .id, blueprint: '"issue"'}}}
                """);

        MappingResult result = mapper.map(broken, List.of(json("{\"id\":\"1\",\"state\":\"open\"}"),
                json("{\"id\":\"2\"}")));

        assertThat(result.passed()).isEmpty();
        assertThat(result.failed()).isEmpty();
        assertThat(result.errors()).extracting(MappingError::field).containsExactly("selector.query", "selector.query");
        assertThat(result.errors().get(0).message()).contains("must yield a boolean").contains("string");
        assertThat(result.errors().get(1).message()).contains("null");
    }

    @Test
    void aSelectorThatThrowsOrYieldsNothingNeverTurnsIntoDeletes() {
        ResourceConfig throwing = resource("""
                - kind: issue
                  selector: {query: 'error("no")'}
                  port: {entity: {mappings: {identifier: .id, blueprint: '"issue"'}}}
                """);
        ResourceConfig empty = resource("""
                - kind: issue
                  selector: {query: empty}
                  port: {entity: {mappings: {identifier: .id, blueprint: '"issue"'}}}
                """);

        MappingResult thrown = mapper.map(throwing, List.of(json("{\"id\":\"1\"}")));
        MappingResult none = mapper.map(empty, List.of(json("{\"id\":\"1\"}")));

        assertThat(thrown.failed()).isEmpty();
        assertThat(thrown.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("no"));
        assertThat(none.failed()).isEmpty();
        assertThat(none.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("no output"));
    }

    @Test
    void aFailingFieldIsNullWithAnErrorAndTheItemIsStillMapped() {
        ResourceConfig resource = resource("""
                - kind: issue
                  port:
                    entity:
                      mappings:
                        identifier: .id
                        blueprint: '"issue"'
                        properties:
                          broken: .name | ascii_downcase
                          fine: .id
                """);

        MappingResult result = mapper.map(resource, List.of(json("{\"id\":\"1\",\"name\":5}")));

        Entity entity = result.passed().get(0);
        assertThat(entity.properties().get("broken").isNull()).isTrue();
        assertThat(entity.properties().get("fine").asText()).isEqualTo("1");
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("properties.broken");
            assertThat(error.expression()).isEqualTo(".name | ascii_downcase");
        });
    }

    @Test
    void noOutputIsNullAndTheFirstOfSeveralOutputsIsUsed() {
        ResourceConfig resource = resource("""
                - kind: issue
                  port:
                    entity:
                      mappings:
                        identifier: .id
                        blueprint: '"issue"'
                        properties:
                          nothing: empty
                          first: .list[]
                """);

        Entity entity = mapper.map(resource, List.of(json("{\"id\":\"1\",\"list\":[7,8]}"))).passed().get(0);

        assertThat(entity.properties().get("nothing").isNull()).isTrue();
        assertThat(entity.properties().get("first").asInt()).isEqualTo(7);
    }

    @Test
    void anItemWithoutIdentifierOrBlueprintIsSkipped() {
        ResourceConfig resource = resource("""
                - kind: issue
                  port: {entity: {mappings: {identifier: .id, blueprint: .bp}}}
                """);

        MappingResult result = mapper.map(resource, List.of(json("{\"bp\":\"issue\"}"), json("{\"id\":\"\",\"bp\":\"x\"}"),
                json("{\"id\":\"3\"}"), json("{\"id\":\"4\",\"bp\":\"issue\"}")));

        assertThat(result.skipped()).isEqualTo(3);
        assertThat(result.passed()).extracting(Entity::identifierText).containsExactly("4");
    }

    @Test
    void falsyValuesStayWhatTheyAreAndNullPropertiesAreExplicit() {
        ResourceConfig resource = resource("""
                - kind: issue
                  port:
                    entity:
                      mappings:
                        identifier: .id
                        blueprint: '"issue"'
                        properties:
                          f: "false"
                          zero: "0"
                          empty: '""'
                          list: "[]"
                          object: "{}"
                          missing: .nope
                """);

        Entity entity = mapper.map(resource, List.of(json("{\"id\":\"1\"}"))).passed().get(0);

        assertThat(serialised(entity)).isEqualTo("{\"identifier\":\"1\",\"blueprint\":\"issue\",\"properties\":"
                + "{\"f\":false,\"zero\":0,\"empty\":\"\",\"list\":[],\"object\":{},\"missing\":null},\"relations\":{}}");
    }

    @Test
    void singleQuotedLiteralsAreRewrittenAsThePythonFrameworkDoes() {
        ResourceConfig resource = resource("""
                - kind: issue
                  port:
                    entity:
                      mappings:
                        identifier: ".a + '/' + .b"
                        blueprint: "'issue'"
                """);

        Entity entity = mapper.map(resource, List.of(json("{\"a\":\"x\",\"b\":\"y\"}"))).passed().get(0);

        assertThat(entity.identifierText()).isEqualTo("x/y");
        assertThat(entity.blueprint()).isEqualTo("issue");
    }

    @Test
    void envIsEmptyUnlessAllowed() {
        ResourceConfig resource = resource("""
                - kind: issue
                  port:
                    entity:
                      mappings:
                        identifier: '"1"'
                        blueprint: '"issue"'
                        properties: {env: env, dollarEnv: $ENV, path: $ENV.PATH}
                """);

        Entity closed = mapper.map(resource, List.of(json("{}"))).passed().get(0);
        Entity open = JqEntityMapper.create(MappingOptions.custom().allowEnvironmentVariables(true).build())
                .map(resource, List.of(json("{}"))).passed().get(0);

        assertThat(closed.properties().get("env")).isEqualTo(json("{}"));
        assertThat(closed.properties().get("dollarEnv")).isEqualTo(json("{}"));
        assertThat(closed.properties().get("path").isNull()).isTrue();
        assertThat(open.properties().get("path").asText()).isEqualTo(System.getenv("PATH"));
    }

    @Test
    void itemsToParseExpandsEachElementAndRemovesTheArrayFromTheParent() {
        ResourceConfig resource = resource("""
                - kind: member
                  port:
                    itemsToParse: .members
                    entity:
                      mappings:
                        identifier: .item.login
                        blueprint: '"member"'
                        properties:
                          team: .team
                          membersLeft: .members
                """);

        MappingResult result = mapper.map(resource, List.of(
                json("{\"team\":\"core\",\"members\":[{\"login\":\"ann\"},{\"login\":\"bob\"}]}"),
                json("{\"team\":\"broken\",\"members\":\"not an array\"}")));

        assertThat(result.passed()).extracting(Entity::identifierText).containsExactly("ann", "bob");
        assertThat(result.passed().get(0).properties().get("team").asText()).isEqualTo("core");
        assertThat(result.passed().get(0).properties().get("membersLeft").isNull()).isTrue();
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("port.itemsToParse");
            assertThat(e.message()).contains("must yield an array");
        });
    }

    @Test
    void itemsToParseKeepsTheArrayWithoutTopLevelTransformAndHonoursTheName() {
        ResourceConfig resource = resource("""
                - kind: member
                  port:
                    itemsToParse: .members
                    itemsToParseName: member
                    itemsToParseTopLevelTransform: false
                    entity:
                      mappings:
                        identifier: .member.login
                        blueprint: '"member"'
                        properties:
                          count: .members | length
                """);

        Entity entity = mapper.map(resource, List.of(json("{\"members\":[{\"login\":\"ann\"}]}"))).passed().get(0);

        assertThat(entity.identifierText()).isEqualTo("ann");
        assertThat(entity.properties().get("count").asInt()).isEqualTo(1);
    }

    @Test
    void searchObjectLeavesAreEvaluated() {
        ResourceConfig resource = resource("""
                - kind: issue
                  port:
                    entity:
                      mappings:
                        identifier:
                          combinator: '"and"'
                          rules:
                            - {property: '"jiraKey"', operator: '"="', value: .key}
                        blueprint: '"issue"'
                        team:
                          combinator: '"and"'
                          rules:
                            - {property: '"$identifier"', operator: '"="', value: .team}
                        relations:
                          project:
                            combinator: '"and"'
                            rules:
                              - {property: '"$identifier"', operator: '"="', value: .project}
                """);

        Entity entity = mapper.map(resource, List.of(json("{\"key\":\"OC-1\",\"team\":\"core\",\"project\":\"OC\"}")))
                .passed().get(0);

        assertThat(entity.hasSearchIdentifier()).isTrue();
        assertThat(entity.identifier()).isEqualTo(json(
                "{\"combinator\":\"and\",\"rules\":[{\"property\":\"jiraKey\",\"operator\":\"=\",\"value\":\"OC-1\"}]}"));
        assertThat(entity.team().path("rules").get(0).path("value").asText()).isEqualTo("core");
        assertThat(entity.relations().get("project").path("rules").get(0).path("value").asText()).isEqualTo("OC");
    }

    @Test
    void numbersAreWrittenAsJqPrintsThem() {
        ResourceConfig resource = resource("""
                - kind: issue
                  port:
                    entity:
                      mappings:
                        identifier: .id
                        blueprint: '"issue"'
                        properties: {double: .n * 2, floor: .n | floor, text: (.n * 2 | tostring), half: .n / 3}
                """);

        Entity entity = mapper.map(resource, List.of(json("{\"id\":7,\"n\":1.5}"))).passed().get(0);

        assertThat(entity.identifierText()).isEqualTo("7");
        assertThat(serialised(entity)).contains("\"double\":3,", "\"floor\":1,", "\"text\":\"3\"", "\"half\":0.5}");
    }

    @Test
    void anExpressionThatDoesNotCompileIsAnErrorForItsFieldOnly() {
        ResourceConfig resource = resource("""
                - kind: issue
                  port:
                    entity:
                      mappings:
                        identifier: .id
                        blueprint: '"issue"'
                        properties: {bad: '.a | | .b', good: .id}
                """);

        MappingResult result = mapper.map(resource, List.of(json("{\"id\":\"1\"}"), json("{\"id\":\"2\"}")));

        assertThat(result.passed()).hasSize(2);
        assertThat(result.errors()).hasSize(2).allSatisfy(e -> {
            assertThat(e.field()).isEqualTo("properties.bad");
            assertThat(e.message()).startsWith("cannot compile");
        });
    }

    @Test
    void titleIconAndTeamAreAbsentWhenNotMapped() {
        ResourceConfig resource = resource("""
                - kind: issue
                  port: {entity: {mappings: {identifier: .id, blueprint: '"issue"', title: .missing}}}
                """);

        Entity entity = mapper.map(resource, List.of(json("{\"id\":\"1\"}"))).passed().get(0);

        assertThat(serialised(entity)).isEqualTo(
                "{\"identifier\":\"1\",\"blueprint\":\"issue\",\"properties\":{},\"relations\":{}}");
    }
}
