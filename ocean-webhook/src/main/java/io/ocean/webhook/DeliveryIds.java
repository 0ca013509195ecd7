package io.ocean.webhook;

import io.ocean.core.WebhookEvent;
import java.util.function.Function;

/**
 * Where common senders put the id of a delivery, for {@link Ocean#deduplicateBy}: a sender's retry of the same
 * delivery carries the same id.
 */
public final class DeliveryIds {

    private DeliveryIds() {
    }

    /** GitHub: {@code X-GitHub-Delivery}. */
    public static Function<WebhookEvent, String> github() {
        return header("X-GitHub-Delivery");
    }

    /** Standard Webhooks: {@code webhook-id}. */
    public static Function<WebhookEvent, String> standardWebhooks() {
        return header("webhook-id");
    }

    /** GitLab: {@code Idempotency-Key}, else {@code X-Gitlab-Event-UUID}. */
    public static Function<WebhookEvent, String> gitlab() {
        return event -> {
            String key = event.headers().get("Idempotency-Key");
            return key != null ? key : event.headers().get("X-Gitlab-Event-UUID");
        };
    }

    /** Jira: {@code X-Atlassian-Webhook-Identifier}. */
    public static Function<WebhookEvent, String> jira() {
        return header("X-Atlassian-Webhook-Identifier");
    }

    /** Any header. */
    public static Function<WebhookEvent, String> header(String name) {
        return event -> event.headers().get(name);
    }
}
