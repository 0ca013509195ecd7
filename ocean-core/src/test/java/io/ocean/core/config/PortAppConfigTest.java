package io.ocean.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocean.core.OceanException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortAppConfigTest {

    private static final String FULL = """
            enableMergeEntity: false
            deleteDependentEntities: false
            createMissingRelatedEntities: false
            entityDeletionThreshold: 0.5
            somethingNew: ignored
            resources:
              - kind: repository
                selector:
                  query: .private == false
                  includeArchived: true
                port:
                  itemsToParse: .items
                  itemsToParseName: member
                  itemsToParseTopLevelTransform: false
                  entity:
                    mappings:
                      identifier: .head.repo.name + (.id|tostring)
                      title: .name
                      blueprint: '"githubRepository"'
                      team: .team
                      icon: '"Github"'
                      properties:
                        url: .html_url
                        visibility: if .private then "private" else "public" end
                      relations:
                        owner: .owner.login
                        service:
                          combinator: '"and"'
                          rules:
                            - property: '"$identifier"'
                              operator: '"="'
                              value: .name
            """;

    @Test
    void readsEveryFieldOfAFullConfig() {
        PortAppConfig config = PortAppConfig.fromYaml(FULL);

        assertThat(config.enableMergeEntity()).isFalse();
        assertThat(config.deleteDependentEntities()).isFalse();
        assertThat(config.createMissingRelatedEntities()).isFalse();
        assertThat(config.entityDeletionThreshold()).isEqualTo(0.5);
        ResourceConfig resource = config.resources().get(0);
        assertThat(resource.kind()).isEqualTo("repository");
        assertThat(resource.selector().query()).isEqualTo(".private == false");
        assertThat(resource.selector().extra("includeArchived").asBoolean()).isTrue();
        assertThat(resource.port().itemsToParse()).isEqualTo(".items");
        assertThat(resource.port().itemsToParseName()).isEqualTo("member");
        assertThat(resource.port().itemsToParseTopLevelTransform()).isFalse();
        EntityMapping mappings = resource.port().entity().mappings();
        assertThat(mappings.identifier().asText()).isEqualTo(".head.repo.name + (.id|tostring)");
        assertThat(mappings.title()).isEqualTo(".name");
        assertThat(mappings.blueprint()).isEqualTo("\"githubRepository\"");
        assertThat(mappings.team().asText()).isEqualTo(".team");
        assertThat(mappings.icon()).isEqualTo("\"Github\"");
        assertThat(mappings.properties()).containsExactly(
                org.assertj.core.api.Assertions.entry("url", ".html_url"),
                org.assertj.core.api.Assertions.entry("visibility", "if .private then \"private\" else \"public\" end"));
        assertThat(mappings.relations().get("owner").asText()).isEqualTo(".owner.login");
        assertThat(mappings.relations().get("service").path("rules").get(0).path("value").asText()).isEqualTo(".name");
    }

    @Test
    void fillsPythonDefaultsForMissingFields() {
        PortAppConfig config = PortAppConfig.fromYaml("""
                resources:
                  - kind: issue
                    port:
                      entity:
                        mappings:
                          identifier: .id | tostring
                          blueprint: '"issue"'
                """);

        assertThat(config.enableMergeEntity()).isTrue();
        assertThat(config.deleteDependentEntities()).isTrue();
        assertThat(config.createMissingRelatedEntities()).isTrue();
        assertThat(config.entityDeletionThreshold()).isEqualTo(0.9);
        ResourceConfig resource = config.resources().get(0);
        assertThat(resource.selector().query()).isEqualTo("true");
        assertThat(resource.selector().extra()).isEmpty();
        assertThat(resource.port().itemsToParse()).isNull();
        assertThat(resource.port().itemsToParseName()).isEqualTo("item");
        assertThat(resource.port().itemsToParseTopLevelTransform()).isTrue();
        assertThat(resource.port().entity().mappings().properties()).isEmpty();
        assertThat(resource.port().entity().mappings().title()).isNull();
    }

    @Test
    void acceptsJsonAsInput() {
        PortAppConfig config = PortAppConfig.fromYaml("""
                {"resources": [{"kind": "issue", "selector": {"query": ".state == \\"open\\""},
                  "port": {"entity": {"mappings": {"identifier": ".id", "blueprint": "\\"issue\\""}}}}]}
                """);

        assertThat(config.resources()).singleElement()
                .satisfies(r -> assertThat(r.selector().query()).isEqualTo(".state == \"open\""));
    }

    @Test
    void keepsASearchIdentifier() {
        PortAppConfig config = PortAppConfig.fromYaml("""
                resources:
                  - kind: issue
                    port:
                      entity:
                        mappings:
                          identifier:
                            combinator: '"and"'
                            rules:
                              - property: '"jiraKey"'
                                operator: '"="'
                                value: .key
                          blueprint: '"issue"'
                """);

        EntityMapping mappings = config.resources().get(0).port().entity().mappings();
        assertThat(mappings.hasSearchIdentifier()).isTrue();
        assertThat(mappings.identifier().path("combinator").asText()).isEqualTo("\"and\"");
    }

    @Test
    void missingBlueprintNamesTheFieldAndLine() {
        assertThatThrownBy(() -> PortAppConfig.fromYaml("""
                resources:
                  - kind: issue
                    port:
                      entity:
                        mappings:
                          identifier: .id
                """))
                .isInstanceOf(OceanException.class)
                .hasMessageContaining("resources[0].port.entity.mappings")
                .hasMessageContaining("blueprint is required")
                .hasMessageMatching("(?s).*\\(line \\d+\\).*");
    }

    @Test
    void missingKindNamesTheResource() {
        assertThatThrownBy(() -> PortAppConfig.fromYaml("""
                resources:
                  - port:
                      entity:
                        mappings: {identifier: .id, blueprint: '"x"'}
                """))
                .isInstanceOf(OceanException.class)
                .hasMessageContaining("resources[0]")
                .hasMessageContaining("kind is required");
    }

    @Test
    void wrongTypeNamesTheFieldAndLine() {
        assertThatThrownBy(() -> PortAppConfig.fromYaml("""
                entityDeletionThreshold: 0.9
                resources:
                  - kind: issue
                    selector:
                      query: [1, 2]
                    port:
                      entity:
                        mappings: {identifier: .id, blueprint: '"x"'}
                """))
                .isInstanceOf(OceanException.class)
                .hasMessageContaining("resources[0].selector")
                .hasMessageContaining("query must be a jq string")
                .hasMessageContaining("(line ");
    }

    @Test
    void malformedYamlGivesTheLine() {
        assertThatThrownBy(() -> PortAppConfig.fromYaml("resources:\n  - kind: issue\n   port: [\n"))
                .isInstanceOf(OceanException.class)
                .hasMessageStartingWith("port app config: ")
                .hasMessageContaining("(line ");
    }

    @Test
    void anEmptyDocumentIsAnError() {
        assertThatThrownBy(() -> PortAppConfig.fromYaml("  \n"))
                .isInstanceOf(OceanException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void thresholdOutsideZeroToOneIsRejected() {
        assertThatThrownBy(() -> PortAppConfig.fromYaml("entityDeletionThreshold: 2\nresources: []\n"))
                .isInstanceOf(OceanException.class)
                .hasMessageContaining("entityDeletionThreshold must be between 0 and 1");
    }

    @Test
    void loadsAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good.yml"), FULL);
        Path bad = Files.writeString(dir.resolve("bad.yml"), "resources: [ {kind: x} ]\n");

        assertThat(PortAppConfig.load(good).resources()).hasSize(1);
        assertThatThrownBy(() -> PortAppConfig.load(bad))
                .isInstanceOf(OceanException.class)
                .hasMessageStartingWith(bad.toString())
                .hasMessageContaining("port is required");
        assertThatThrownBy(() -> PortAppConfig.load(dir.resolve("missing.yml")))
                .isInstanceOf(OceanException.class)
                .hasMessageContaining("cannot read port app config");
    }

    @Test
    void resourcesOfKindKeepsFileOrder() {
        PortAppConfig config = PortAppConfig.fromYaml("""
                resources:
                  - {kind: issue, selector: {query: "1"}, port: {entity: {mappings: {identifier: .id, blueprint: '"a"'}}}}
                  - {kind: pr, port: {entity: {mappings: {identifier: .id, blueprint: '"b"'}}}}
                  - {kind: issue, selector: {query: "2"}, port: {entity: {mappings: {identifier: .id, blueprint: '"c"'}}}}
                """);

        assertThat(config.resourcesOfKind("issue")).extracting(r -> r.selector().query()).containsExactly("1", "2");
        assertThat(config.resourcesOfKind("nothing")).isEmpty();
    }
}
