package io.ocean.webhook.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GitLabEventTest {

    static final Path GITLAB = Path.of(System.getProperty("ocean.fixtures.dir",
            "../ocean-testkit/src/main/resources/io/ocean/testkit/fixtures")).resolve("gitlab");

    static WebhookEvent delivery(String fixture, String header) throws Exception {
        byte[] body = Files.readAllBytes(GITLAB.resolve(fixture));
        return WebhookEvent.of("/webhook", new ObjectMapper().readTree(body),
                header == null ? EventHeaders.empty() : EventHeaders.of(GitLabEvent.EVENT_HEADER, header), body);
    }

    @Test
    void aMergeRequestBelongsToItsTargetProjectNotTheHooksProject() throws Exception {
        GitLabEvent mr = GitLabEvent.of(delivery("merge_request.open.json", "Merge Request Hook"));

        assertThat(mr.itemKind()).isEqualTo(GitLabEvent.MERGE_REQUEST);
        assertThat(mr.projectId()).isEqualTo(14);   // project.id is 1
        assertThat(mr.iid()).isEqualTo(1);
        assertThat(mr.action()).isEqualTo("open");
    }

    @Test
    void anIssueBelongsToItsProjectId() throws Exception {
        GitLabEvent issue = GitLabEvent.of(delivery("issue.open.json", "Issue Hook"));

        assertThat(issue.itemKind()).isEqualTo(GitLabEvent.ISSUE);
        assertThat(issue.projectId()).isEqualTo(14);
        assertThat(issue.iid()).isEqualTo(23);
    }

    @Test
    void aNoteIsAboutItsMergeRequestOrIssue() throws Exception {
        GitLabEvent onMr = GitLabEvent.of(delivery("note.merge_request.json", "Note Hook"));
        GitLabEvent onIssue = GitLabEvent.of(delivery("note.issue.json", "Note Hook"));

        assertThat(onMr.objectKind()).isEqualTo(GitLabEvent.NOTE);
        assertThat(onMr.itemKind()).isEqualTo(GitLabEvent.MERGE_REQUEST);
        assertThat(onMr.item().path("id").asInt()).isEqualTo(7);
        assertThat(onMr.projectId()).isEqualTo(5);
        assertThat(onIssue.isAbout(GitLabEvent.ISSUE)).isTrue();
        assertThat(onIssue.iid()).isEqualTo(17);
    }

    @Test
    void aNoteAndItsMergeRequestShareTheItemKey() throws Exception {
        assertThat(GitLabEvent.itemKey(delivery("note.merge_request.json", "Note Hook"))).isEqualTo("merge_request:5:1");
        assertThat(GitLabEvent.itemKey(delivery("merge_request.open.json", "Merge Request Hook")))
                .isEqualTo("merge_request:14:1");
        assertThat(GitLabEvent.itemKey(delivery("pipeline.json", "Pipeline Hook"))).isEqualTo("pipeline:1:31");
    }

    @Test
    void withoutObjectKindTheHeaderNamesTheKind() throws Exception {
        WebhookEvent event = WebhookEvent.of("/webhook", new ObjectMapper().readTree("{}"),
                EventHeaders.of(GitLabEvent.EVENT_HEADER, "Confidential Issue Hook"), new byte[0]);

        assertThat(GitLabEvent.of(event).objectKind()).isEqualTo(GitLabEvent.ISSUE);
        assertThat(GitLabEvent.of(delivery("push.json", null)).objectKind()).isEqualTo("push");
    }
}
