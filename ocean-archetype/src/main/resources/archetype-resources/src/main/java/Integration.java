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

    /**
     * Starts with the process environment; entities go to Port with credentials, else to a local catalog. The
     * console is on (see {@code withConsoleForLocalRuns}); its URL is logged at start.
     */
    public static void main(String[] args) {
        withConsoleForLocalRuns(create(System.getenv()), System.getenv()).start();
    }

    /**
     * Turns the console on unless {@code OCEAN__CONSOLE__ENABLED} says otherwise: events, dead letters (with
     * replay) and entities at {@code http://localhost:8000/ocean/}. Without {@code OCEAN__CONSOLE__TOKEN} it answers
     * loopback clients only, so a local run is safe; set the token, or {@code OCEAN__CONSOLE__ENABLED=false}, for a
     * deployment.
     */
    public static Ocean withConsoleForLocalRuns(Ocean ocean, Map<String, String> environment) {
        if (!environment.containsKey("OCEAN__CONSOLE__ENABLED")) {
            ocean.config().console.enabled = true;
        }
        return ocean;
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
