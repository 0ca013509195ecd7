package ${package};

import io.ocean.webhook.DeliveryIds;
import io.ocean.webhook.IntegrationSettings;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.signature.HmacSignature;
import io.ocean.webhook.signature.SignatureVerifier;
import io.ocean.webhook.signature.Verifiers;
import java.util.Map;

/**
 * The integration: ${kind} events posted to {@code /integration/webhook}, signed, de-duplicated by delivery id and
 * kept in order per ${kind}. Settings come from {@code OCEAN__...} variables; the webhook secret from
 * {@code OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET}.
 */
public final class Integration {

    /** How the sender signs: an HMAC-SHA256 of the body, as hex after {@code sha256=}, in {@code X-Signature}. */
    public static final HmacSignature SIGNATURE = HmacSignature.sha256Hex("X-Signature").withPrefix("sha256=");

    private Integration() {
    }

    /** Starts with the process environment; entities go to Port with credentials, else to a local catalog. */
    public static void main(String[] args) {
        create(System.getenv()).start();
    }

    /**
     * The integration, configured from {@code environment}; not started.
     *
     * @throws io.ocean.core.OceanException naming OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET when it is not set
     */
    public static Ocean create(Map<String, String> environment) {
        Ocean ocean = Ocean.create(environment, cfg -> {
            if ("custom".equals(cfg.integration.type)) {
                cfg.integration.type = "${artifactId}";
            }
        });
        IntegrationSettings settings = ocean.integrationConfig();
        // Other senders have their own: Verifiers.github, Verifiers.atlassian (Jira), Verifiers.standardWebhooks...
        SignatureVerifier verifier = Verifiers.hmac(SIGNATURE, settings.require("webhook_secret"));

        ocean.addWebhookProcessor("/webhook", event -> new EventProcessor(event, verifier));
        ocean.deduplicateBy("/webhook", DeliveryIds.header("X-Delivery-Id"));
        ocean.groupEventsBy("/webhook", event -> event.payload().path("id").asText());
        return ocean;
    }
}
