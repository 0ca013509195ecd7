package io.ocean.examples.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The outage soak's GitHub {@code issues} events: issue {@code n} of {@code octo/soak}, titled {@code seq-<s>}. */
final class OutageEvents {

    static final String REPOSITORY = "octo/soak";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OutageEvents() {
    }

    /** The issue as GitHub returns it at sequence {@code seq}. */
    static ObjectNode issue(long number, int seq) {
        ObjectNode issue = JSON.createObjectNode().put("number", number).put("title", "seq-" + seq)
                .put("state", "open").put("html_url", "https://github.com/" + REPOSITORY + "/issues/" + number)
                .put("created_at", "2026-01-01T00:00:00Z").put("updated_at", "2026-01-01T00:00:00Z");
        issue.putNull("closed_at");
        issue.putArray("labels");
        issue.putArray("assignees");
        issue.putObject("user").put("login", "octocat");
        return issue;
    }

    /** The webhook body of an {@code issues.edited} event that moved the issue to {@code seq}. */
    static byte[] body(long number, int seq) {
        ObjectNode event = JSON.createObjectNode().put("action", "edited");
        event.set("issue", issue(number, seq));
        event.putObject("repository").put("full_name", REPOSITORY).put("name", "soak");
        return event.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The Port identifier the GitHub example's mapping gives issue {@code number}. */
    static String identifier(long number) {
        return "soak-" + number;
    }
}
