package io.ocean.examples.github;

import io.ocean.core.WebhookEvent;
import io.ocean.webhook.signature.SignatureVerifier;

/** GitHub {@code issues} events: opened, edited, closed, labeled, ... and deleted. */
final class IssueProcessor extends GithubProcessor {

    IssueProcessor(WebhookEvent event, SignatureVerifier verifier, GithubClient github) {
        super(event, "issues", "issue", "issue", verifier, github);
    }

    @Override
    String restPath(String fullName, long number) {
        return "/repos/" + fullName + "/issues/" + number;
    }
}
