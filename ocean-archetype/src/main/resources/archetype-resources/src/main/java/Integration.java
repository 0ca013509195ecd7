package ${package};

import io.ocean.core.WebhookEvent;
import io.ocean.webhook.DeliveryIds;
import io.ocean.webhook.IntegrationSettings;
import io.ocean.webhook.Ocean;
#if( $sender == "gitlab" )
import io.ocean.webhook.gitlab.GitLabEvent;
#end
#if( $sender == "hmac" )
import io.ocean.webhook.signature.HmacSignature;
#end
import io.ocean.webhook.signature.SignatureVerifier;
import io.ocean.webhook.signature.Verifiers;
import java.util.Map;

/**
 * The integration: ${kind} events from ${sender} posted to {@code /integration/webhook}, verified, de-duplicated by
 * delivery id and kept in order per ${kind}. Settings come from {@code OCEAN__...} variables; the webhook secret from
 * {@code OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET}.
 */
public final class Integration {
#if( $sender == "hmac" )

    /** How the sender signs: an HMAC-SHA256 of the body, as hex after {@code sha256=}, in {@code X-Signature}. */
    public static final HmacSignature SIGNATURE = HmacSignature.sha256Hex("X-Signature").withPrefix("sha256=");
#end

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
     * replay) and entities at {@code http://localhost:8001/ocean/} (its own port; the webhooks stay on 8000). Without
     * {@code OCEAN__CONSOLE__TOKEN} it answers loopback clients only, so a local run is safe; set the token, or
     * {@code OCEAN__CONSOLE__ENABLED=false}, for a deployment.
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
        String secret = settings.require("webhook_secret");
#if( $sender == "github" )
        SignatureVerifier verifier = Verifiers.github(secret);
#elseif( $sender == "gitlab" )
        SignatureVerifier verifier = Verifiers.sharedToken("X-Gitlab-Token", secret);
#elseif( $sender == "jira" )
        SignatureVerifier verifier = Verifiers.atlassian(secret);
#elseif( $sender == "stripe" )
        SignatureVerifier verifier = Verifiers.stripe(secret);
#elseif( $sender == "standard" )
        SignatureVerifier verifier = Verifiers.standardWebhooks(secret);
#else
        SignatureVerifier verifier = Verifiers.hmac(SIGNATURE, secret);
#end

        ocean.addWebhookProcessor("/webhook", event -> new EventProcessor(event, verifier));
#if( $sender == "github" )
        ocean.deduplicateBy("/webhook", DeliveryIds.github());
#elseif( $sender == "gitlab" )
        ocean.deduplicateBy("/webhook", DeliveryIds.gitlab());
#elseif( $sender == "jira" )
        ocean.deduplicateBy("/webhook", DeliveryIds.jira());
#elseif( $sender == "stripe" )
        ocean.deduplicateBy("/webhook", event -> event.payload().path("id").asText(null));   // the evt_ id
#elseif( $sender == "standard" )
        ocean.deduplicateBy("/webhook", DeliveryIds.standardWebhooks());
#else
        ocean.deduplicateBy("/webhook", DeliveryIds.header("X-Delivery-Id"));
#end
        ocean.groupEventsBy("/webhook", event -> event.payload().path("id").asText());
        return ocean;
    }

    /** The sender's name for the event, which routes it; empty when it has none. */
    public static String eventName(WebhookEvent event) {
#if( $sender == "github" )
        String name = event.headers().get("X-GitHub-Event");
#elseif( $sender == "gitlab" )
        String name = GitLabEvent.of(event).objectKind();
#elseif( $sender == "jira" )
        String name = event.payload().path("webhookEvent").asText();
#elseif( $sender == "stripe" || $sender == "standard" )
        String name = event.payload().path("type").asText();
#else
        String name = event.headers().get("X-Event-Type");
#end
        return name == null ? "" : name;
    }
}
