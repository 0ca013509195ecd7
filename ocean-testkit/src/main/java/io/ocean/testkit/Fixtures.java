package io.ocean.testkit;

import io.ocean.core.OceanException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Real webhook payloads from GitHub, GitLab and Jira, byte for byte as published by their sources (see the
 * bundled {@code fixtures/README.md} and {@code fixtures/LICENSES}): {@code Fixtures.bytes("github/issues.opened.json")}.
 */
public final class Fixtures {

    private static final String ROOT = "/io/ocean/testkit/fixtures/";

    private Fixtures() {
    }

    /** The exact bytes of a fixture, by its path below the fixtures folder. */
    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new OceanException("no fixture named " + name + "; try one of " + github());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file names of the GitHub fixtures; the event name is the part before the first dot. */
    public static List<String> github() {
        return List.of("deployment_status.created.json", "issue_comment.created.json", "issue_comment.deleted.json",
                "issues.closed.json", "issues.deleted.json", "issues.edited.json", "issues.labeled.json",
                "issues.opened.json", "issues.reopened.json", "member.added.json", "ping.json",
                "pull_request.closed.json", "pull_request.edited.json", "pull_request.labeled.json",
                "pull_request.opened.json", "pull_request.reopened.json", "pull_request.synchronize.json",
                "push.new-branch.json", "push.tag-deleted.json", "release.deleted.json", "release.published.json",
                "repository.created.json", "repository.deleted.json", "repository.renamed.json",
                "team.created.json", "workflow_run.completed.json", "workflow_run.requested.json");
    }
}
