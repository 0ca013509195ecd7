package io.ocean.examples.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.config.ResourceConfig;
import io.ocean.http.AuthHeader;
import io.ocean.http.HttpApi;
import io.ocean.http.Pagination;
import io.ocean.webhook.DeliveryIds;
import io.ocean.webhook.IntegrationSettings;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.ResyncHandler;
import io.ocean.webhook.gitlab.GitLabEvent;
import io.ocean.webhook.signature.SignatureVerifier;
import io.ocean.webhook.signature.Verifiers;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A GitLab integration: merge requests, issues (their notes included) and pipelines from webhooks on
 * {@code /webhook}, checked against {@code X-Gitlab-Token}, one item's events in order, fresh from GitLab's API when
 * a token is set (gone there: deleted here), and resyncs, page by page, of the configured projects' open merge
 * requests (a partial listing: closed ones stay as live events left them) and all their issues, the resource's
 * {@code selector.state} overriding either; pipelines come from live events only. Settings
 * ({@code OCEAN__INTEGRATION__CONFIG__*}): {@code webhook_secret}, {@code allow_unsigned}, {@code gitlab_token},
 * {@code gitlab_api_url}, {@code projects} (comma-separated ids or paths).
 */
public final class GitlabIntegration {

    private GitlabIntegration() {
    }

    /** Starts with the process environment. */
    public static void main(String[] args) {
        create(System.getenv()).start();
    }

    /** The integration, configured from {@code environment}; not started. */
    public static Ocean create(Map<String, String> environment) {
        Ocean ocean = Ocean.create(environment, cfg -> {
            if ("custom".equals(cfg.integration.type)) {
                cfg.integration.type = "gitlab";
            }
        });
        IntegrationSettings settings = ocean.integrationConfig();
        SignatureVerifier verifier = "true".equalsIgnoreCase(settings.get("allow_unsigned"))
                ? Verifiers.allowUnsigned("OCEAN__INTEGRATION__CONFIG__ALLOW_UNSIGNED=true")
                : Verifiers.sharedToken("X-Gitlab-Token", settings.require("webhook_secret"));
        String token = settings.get("gitlab_token");
        // snippet:client
        HttpApi gitlab = token == null ? null : HttpApi.create(cfg -> cfg
                .baseUrl(settings.getOrDefault("gitlab_api_url", "https://gitlab.com/api/v4"))
                .auth(AuthHeader.of("PRIVATE-TOKEN", token))
                .pagination(Pagination.nextPageHeader())
                .rateLimit(600, Duration.ofMinutes(1), 100)   // 100 of GitLab's 600/min kept for live events
                .meterRegistry(ocean.config().metrics.registry()));
        // end-snippet
        ocean.addWebhookProcessor("/webhook", event -> new GitlabProcessor(event, GitLabEvent.MERGE_REQUEST,
                "merge-request", "merge_requests", "!", verifier, gitlab));
        ocean.addWebhookProcessor("/webhook", event -> new GitlabProcessor(event, GitLabEvent.ISSUE, "issue",
                "issues", "#", verifier, gitlab));
        ocean.addWebhookProcessor("/webhook", event -> new GitlabProcessor(event, GitLabEvent.PIPELINE, "pipeline",
                null, null, verifier, null));
        ocean.deduplicateBy("/webhook", DeliveryIds.gitlab());
        ocean.groupEventsBy("/webhook", GitLabEvent::itemKey);
        List<String> projects = Arrays.stream(settings.getOrDefault("projects", "").split(",")).map(String::trim)
                .filter(p -> !p.isEmpty()).toList();
        // snippet:resync
        ocean.liveOnly("pipeline");                 // no GitLab listing: no WARN, never stale
        if (gitlab != null && !projects.isEmpty()) {
            ocean.onResync("merge-request", ResyncHandler.forEachResource(resource ->
                    listing(gitlab, projects, "merge_requests", state(resource, "opened"))));
            ocean.partialListing("merge-request");  // open ones only: closed MRs kept by live events are not stale
            ocean.onResync("issue", ResyncHandler.forEachResource(resource ->
                    listing(gitlab, projects, "issues", state(resource, "all"))));
        }
        // end-snippet
        return ocean;
    }

    /** The resource's {@code selector.state} (GitLab's {@code state} filter), else {@code fallback}. */
    static String state(ResourceConfig resource, String fallback) {
        JsonNode state = resource.selector().extra("state");
        return state == null || state.asText().isBlank() ? fallback : state.asText();
    }

    /** The items of a collection of each project in a state, one page of 100 per batch, fetched as pulled. */
    static Stream<List<JsonNode>> listing(HttpApi gitlab, List<String> projects, String collection, String state) {
        // snippet:listing
        return projects.stream().map(project -> gitlab.forResync()
                        .pages("/projects/{id}/{collection}?state={state}&per_page=100", project, collection, state))
                .reduce(Stream.empty(), Stream::concat);
        // end-snippet
    }
}
