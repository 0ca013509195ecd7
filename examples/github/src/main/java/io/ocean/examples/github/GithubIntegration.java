package io.ocean.examples.github;

import io.ocean.core.WebhookEvent;
import io.ocean.webhook.DeliveryIds;
import io.ocean.webhook.IntegrationSettings;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.signature.SignatureVerifier;
import io.ocean.webhook.signature.Verifiers;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GitHub integration: signed {@code issues} and {@code pull_request} events on {@code /webhook}, duplicates
 * suppressed, one item's events kept in order, fresh data from GitHub when a token is set, and webhooks registered
 * in GitHub at start when the integration's public URL is known, and full resyncs of every issue and pull request of
 * the repositories through GitHub's REST API when a token is set. Settings ({@code OCEAN__INTEGRATION__CONFIG__*}):
 * {@code webhook_secret}, {@code allow_unsigned}, {@code github_token}, {@code github_api_url}, {@code app_host},
 * {@code repositories} (comma-separated {@code owner/name}).
 */
public final class GithubIntegration {

    private static final Logger log = LoggerFactory.getLogger(GithubIntegration.class);

    private GithubIntegration() {
    }

    /**
     * Starts with the process environment; entities go to Port with credentials, else to the local catalog. A local
     * run has the console on (loopback clients only, unless {@code OCEAN__CONSOLE__TOKEN} is set), its URL logged at
     * start; {@code OCEAN__CONSOLE__ENABLED=false} turns it off.
     */
    public static void main(String[] args) {
        // snippet:console
        Ocean ocean = create(System.getenv());
        if (System.getenv("OCEAN__CONSOLE__ENABLED") == null) {
            ocean.config().console.enabled = true;   // http://localhost:8001/ocean/, loopback clients only
        }
        ocean.start();
        // end-snippet
    }

    /**
     * The integration, configured from {@code environment}; not started.
     *
     * @throws io.ocean.core.OceanException naming {@code OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET} when there is no
     *                                      secret and unsigned requests are not allowed
     */
    public static Ocean create(Map<String, String> environment) {
        Ocean ocean = Ocean.create(environment, cfg -> {
            if ("custom".equals(cfg.integration.type)) {
                cfg.integration.type = "github";
            }
        });
        IntegrationSettings settings = ocean.integrationConfig();
        SignatureVerifier verifier = verifier(settings);
        GithubClient github = new GithubClient(settings.getOrDefault("github_api_url", "https://api.github.com"),
                settings.get("github_token"));
        // snippet:register
        ocean.addWebhookProcessor("/webhook", event -> new IssueProcessor(event, verifier, github));
        ocean.addWebhookProcessor("/webhook", event -> new PullRequestProcessor(event, verifier, github));
        ocean.deduplicateBy("/webhook", DeliveryIds.github());
        ocean.groupEventsBy("/webhook", GithubIntegration::itemKey);
        ocean.onStart(() -> WebhookRegistration.register(github, settings, log));
        // end-snippet
        String repositories = settings.getOrDefault("repositories", "");
        if (github.hasToken() && !repositories.isBlank()) {
            // snippet:resync
            GithubResync listings = new GithubResync(github, repositories);
            ocean.onResync("issue", listings::issues);
            ocean.onResync("pull-request", listings::pullRequests);
            // end-snippet
        } else {
            log.info("resync off: set github_token and repositories to list issues and pull requests from GitHub");
        }
        return ocean;
    }

    /** Repository and number: one issue's (or pull request's) events are processed in the order they came. */
    static String itemKey(WebhookEvent event) {
        var payload = event.payload();
        var item = payload.has("pull_request") ? payload.get("pull_request") : payload.path("issue");
        return payload.path("repository").path("full_name").asText() + "#" + item.path("number").asText();
    }

    private static SignatureVerifier verifier(IntegrationSettings settings) {
        // snippet:verifier
        if ("true".equalsIgnoreCase(settings.get("allow_unsigned")) && !settings.containsKey("webhook_secret")) {
            return Verifiers.allowUnsigned("OCEAN__INTEGRATION__CONFIG__ALLOW_UNSIGNED=true");
        }
        // Fails here, before the server listens, naming OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET when it is unset.
        return Verifiers.github(settings.require("webhook_secret"));
        // end-snippet
    }
}
