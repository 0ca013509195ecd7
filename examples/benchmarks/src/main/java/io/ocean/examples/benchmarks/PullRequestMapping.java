package io.ocean.examples.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.config.ResourceConfig;
import io.ocean.testkit.Fixtures;

/** The 8-field pull-request mapping every mapping benchmark uses, and the equivalent jq program. */
final class PullRequestMapping {

    /** identifier, title, blueprint and five properties. */
    static final String YAML = """
            resources:
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

    /** The same mapping as one jq program over an array of pull requests, for jq and gojq. */
    static final String JQ = ".[] | {identifier: (.head.repo.name + (.id|tostring)), title: .title, "
            + "blueprint: \"githubPullRequest\", properties: {status: .state, creator: .user.login, "
            + "reviewers: [.requested_reviewers[].login], branch: .head.ref, link: .html_url}}";

    private PullRequestMapping() {
    }

    static ResourceConfig resource() {
        return PortAppConfig.fromYaml(YAML).resources().get(0);
    }

    /** The pull request of the GitHub {@code pull_request.opened} fixture, with a given id. */
    static JsonNode pullRequest(ObjectMapper json, long id) throws java.io.IOException {
        ObjectNode pr = (ObjectNode) json.readTree(Fixtures.bytes("github/pull_request.opened.json")).get("pull_request");
        return pr.put("id", id);
    }
}
