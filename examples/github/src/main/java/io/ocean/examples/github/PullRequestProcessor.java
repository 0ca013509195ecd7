package io.ocean.examples.github;

import io.ocean.core.WebhookEvent;
import io.ocean.webhook.signature.SignatureVerifier;

/** GitHub {@code pull_request} events; a closed pull request leaves the catalog when the selector wants open ones. */
final class PullRequestProcessor extends GithubProcessor {

    PullRequestProcessor(WebhookEvent event, SignatureVerifier verifier, GithubClient github) {
        super(event, "pull_request", "pull_request", "pull-request", verifier, github);
    }

    @Override
    String restPath(String fullName, long number) {
        return "/repos/" + fullName + "/pulls/" + number;
    }
}
