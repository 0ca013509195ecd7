package check;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.config.ResourceConfig;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.signature.HmacSignature;
import io.ocean.webhook.signature.Verifiers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarFile;

/** ocean-webhook on its own: a real server, a real POST, the entity in the local catalog. No SLF4J binding. */
public final class Main {

    static final class TicketProcessor extends AbstractWebhookProcessor {
        TicketProcessor(WebhookEvent event) { super(event); }

        @Override public boolean shouldProcessEvent(WebhookEvent event) { return true; }
        @Override public List<String> getMatchingKinds(WebhookEvent event) { return List.of("ticket"); }
        @Override public boolean authenticate(JsonNode payload, EventHeaders headers) { return true; }
        @Override public boolean validatePayload(JsonNode payload) { return payload.hasNonNull("id"); }

        @Override
        public WebhookEventRawResults handleEvent(JsonNode payload, ResourceConfig resourceConfig) {
            return WebhookEventRawResults.updated(payload);
        }
    }

    public static void main(String[] args) throws Exception {
        Path state = Files.createTempDirectory("webhook-alone");
        // Built only to prove the signature API resolves in a consumer's class path.
        Verifiers.hmac(HmacSignature.sha256Hex("X-Signature"), "secret");
        Ocean ocean = Ocean.create(cfg -> {
            cfg.http.port = 0;
            cfg.http.host = "127.0.0.1";
            cfg.webhooks.stateDir = state;
            cfg.localCatalog.file = state.resolve("entities.jsonl");
            cfg.startup.shutdownHook = false;
            cfg.portAppConfig(PortAppConfig.fromYaml("""
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
                    """));
        });
        ocean.addWebhookProcessor("/webhook", TicketProcessor::new);
        ocean.start();
        try {
            HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + ocean.port() + "/integration/webhook"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"T-1\",\"title\":\"First\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            check(reply.statusCode() == 200, "200, got " + reply.statusCode() + " " + reply.body());
            check(ocean.awaitIdle(Duration.ofSeconds(30)), "the event processed within 30 s");
            check(ocean.localCatalog().entity("ticket", "T-1").isPresent(), "entity ticket/T-1 in the local catalog");
        } finally {
            ocean.stop();
        }
        checkModuleName(Ocean.class, "io.ocean.webhook");
        System.out.println("ocean-webhook alone: OK");
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
