package io.ocean.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The complete example of docs/mapping.md reads into every field it shows. */
class PortAppConfigShapeTest {

    @Test
    void everyFieldOfTheDocumentedShapeIsRead() throws IOException {
        PortAppConfig config;
        try (InputStream in = getClass().getResourceAsStream("/port-app-config.complete.yml")) {
            config = PortAppConfig.fromYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }

        assertThat(config.enableMergeEntity()).isTrue();
        assertThat(config.entityDeletionThreshold()).isEqualTo(0.9);
        ResourceConfig issue = config.resourcesOfKind("issue").get(0);
        assertThat(issue.selector().query()).isEqualTo(".state != \"deleted\"");
        assertThat(issue.selector().extra().get("state").asText()).isEqualTo("open");
        assertThat(issue.port().itemsToParse()).isEqualTo(".issue.labels");
        assertThat(issue.port().itemsToParseName()).isEqualTo("label");
        EntityMapping mappings = issue.port().entity().mappings();
        assertThat(mappings.identifier().asText()).isEqualTo(".issue.key + \"-\" + .label.name");
        assertThat(mappings.blueprint()).isEqualTo("\"issueLabel\"");
        assertThat(mappings.team().asText()).isEqualTo(".issue.team");
        assertThat(mappings.icon()).isEqualTo("\"Jira\"");
        assertThat(mappings.properties()).containsEntry("color", ".label.color");
        assertThat(mappings.relations().get("owner").path("rules").get(0).path("value").asText())
                .isEqualTo(".issue.assignee.email");
    }
}
