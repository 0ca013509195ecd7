package io.ocean.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.webhook.DeliveryIds;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.signature.SignatureVerifier;
import io.ocean.webhook.signature.Verifiers;

/** The integration under test in the harness tests: GitHub issues, signed, deduplicated, grouped per issue. */
final class SignedGithubIssues {

    static final String SECRET = "harness-secret";
    private static final SignatureVerifier VERIFIER = Verifiers.github(SECRET);

    private SignedGithubIssues() {
    }

    static Ocean create() {
        Ocean ocean = Ocean.create(java.util.Map.of(), cfg -> { });
        ocean.addWebhookProcessor("/webhook", event -> new GithubIssues(event) {
            @Override
            public boolean authenticate(JsonNode payload, EventHeaders headers) {
                return VERIFIER.verify(event());
            }
        });
        ocean.deduplicateBy("/webhook", DeliveryIds.github());
        ocean.groupEventsBy("/webhook", SignedGithubIssues::issueKey);
        return ocean;
    }

    private static String issueKey(WebhookEvent event) {
        return event.payload().path("repository").path("full_name").asText() + "#"
                + event.payload().path("issue").path("number").asText();
    }
}
