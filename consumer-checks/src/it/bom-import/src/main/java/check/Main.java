package check;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.config.ResourceConfig;
import io.ocean.testkit.OceanTest;
import io.ocean.testkit.Signers;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.signature.SignatureVerifier;
import io.ocean.webhook.signature.Verifiers;
import java.util.List;
import java.util.jar.JarFile;

/** ocean-bom imported: ocean-webhook and ocean-testkit at the BOM's version, working together. */
public final class Main {

    static final SignatureVerifier VERIFIER = Verifiers.atlassian("jira-secret");

    static final class TicketProcessor extends AbstractWebhookProcessor {
        TicketProcessor(WebhookEvent event) { super(event); }

        @Override public boolean shouldProcessEvent(WebhookEvent event) { return true; }
        @Override public List<String> getMatchingKinds(WebhookEvent event) { return List.of("ticket"); }
        @Override public boolean authenticate(JsonNode payload, EventHeaders headers) { return VERIFIER.verify(event()); }
        @Override public boolean validatePayload(JsonNode payload) { return payload.hasNonNull("id"); }

        @Override
        public WebhookEventRawResults handleEvent(JsonNode payload, ResourceConfig resourceConfig) {
            return WebhookEventRawResults.updated(payload);
        }
    }

    public static void main(String[] args) throws Exception {
        PortAppConfig mapping = PortAppConfig.fromYaml("""
                resources:
                  - kind: ticket
                    selector:
                      query: "true"
                    port:
                      entity:
                        mappings:
                          identifier: .id
                          title: .title
                          blueprint: '"ticket"'
                """);
        Ocean ocean = Ocean.create(cfg -> { });
        ocean.addWebhookProcessor("/webhook", TicketProcessor::new);
        OceanTest.run(ocean, mapping, (app, port, client) -> {
            String body = "{\"id\":\"T-1\",\"title\":\"First\"}";
            int status = client.send("/webhook", body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Signers.atlassian("jira-secret").sign(body)).status();
            check(status == 200, "200, got " + status);
            app.awaitIdle();
            check(port.entity("ticket", "T-1").isPresent(), "ticket T-1 in FakePort");
        });
        checkModuleName(Ocean.class, "io.ocean.webhook");
        System.out.println("ocean-bom import: OK");
    }

    static void checkModuleName(Class<?> type, String expected) throws Exception {
        String jar = type.getProtectionDomain().getCodeSource().getLocation().getPath();
        try (JarFile file = new JarFile(jar)) {
            String name = file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
            check(expected.equals(name), jar + " has Automatic-Module-Name " + expected + ", not " + name);
        }
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("expected " + what);
        }
    }
}
