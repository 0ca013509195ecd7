package io.ocean.webhook;

import io.ocean.core.config.PortAppConfig;

/** Port app configs used across the runtime tests. */
final class TestConfigs {

    /** One resource of kind issue, one of kind pr. */
    static final PortAppConfig ISSUES_AND_PRS = PortAppConfig.fromYaml("""
            resources:
              - kind: issue
                port:
                  entity:
                    mappings: {identifier: .issue.id | tostring, blueprint: '"githubIssue"'}
              - kind: pr
                port:
                  entity:
                    mappings: {identifier: .pull_request.id | tostring, blueprint: '"githubPullRequest"'}
            """);

    /** Two resources of kind issue (say, open and closed issues mapped differently). */
    static final PortAppConfig TWO_ISSUE_RESOURCES = PortAppConfig.fromYaml("""
            resources:
              - kind: issue
                selector: {query: .issue.state == "open"}
                port:
                  entity:
                    mappings: {identifier: .issue.id | tostring, blueprint: '"openIssue"'}
              - kind: issue
                selector: {query: .issue.state == "closed"}
                port:
                  entity:
                    mappings: {identifier: .issue.id | tostring, blueprint: '"closedIssue"'}
            """);

    private TestConfigs() {
    }
}
