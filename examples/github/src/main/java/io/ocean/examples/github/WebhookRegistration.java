package io.ocean.examples.github;

import java.util.Map;
import org.slf4j.Logger;

/** Registers the integration's webhook in each configured repository, when it knows its public URL and a token. */
final class WebhookRegistration {

    private WebhookRegistration() {
    }

    static void register(GithubClient github, Map<String, String> settings, Logger log) throws Exception {
        String appHost = settings.get("app_host");
        String repositories = settings.getOrDefault("repositories", "");
        if (appHost == null || appHost.isBlank() || !github.hasToken() || repositories.isBlank()) {
            log.info("webhook registration skipped: set app_host, github_token and repositories to register");
            return;
        }
        String url = (appHost.endsWith("/") ? appHost.substring(0, appHost.length() - 1) : appHost)
                + "/integration/webhook";
        for (String repository : repositories.split(",")) {
            github.createWebhook(repository.trim(), url, settings.getOrDefault("webhook_secret", ""));
            log.info("webhook registered in {}", repository.trim());
        }
    }
}
