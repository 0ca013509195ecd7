package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.testkit.FakePort;
import io.ocean.testkit.OceanExtension;
import io.ocean.testkit.OceanTestClient;
import io.ocean.testkit.Signer;
import io.ocean.testkit.Signers;
import io.ocean.webhook.Ocean;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The integration against FakePort: a signed sample event becomes a ${kind} entity. */
class IntegrationTest {

    private static final String SECRET = "test-secret";
#if( $sender == "github" )
    private static final Map<String, String> EVENT_HEADERS = Map.of("X-GitHub-Event", "${kind}",
            "X-GitHub-Delivery", "delivery-1");
#elseif( $sender == "gitlab" )
    private static final Map<String, String> EVENT_HEADERS = Map.of("X-Gitlab-Event", "Issue Hook",
            "X-Gitlab-Event-UUID", "delivery-1");
#elseif( $sender == "jira" )
    private static final Map<String, String> EVENT_HEADERS = Map.of("X-Atlassian-Webhook-Identifier", "delivery-1");
#elseif( $sender == "hmac" )
    private static final Map<String, String> EVENT_HEADERS = Map.of("X-Event-Type", "${kind}.created",
            "X-Delivery-Id", "delivery-1");
#else
    private static final Map<String, String> EVENT_HEADERS = Map.of();
#end

    /** Signs as ${sender} does. */
    private static Signer signer(String secret) {
#if( $sender == "github" )
        return Signers.github(secret);
#elseif( $sender == "gitlab" )
        return Signers.sharedToken("X-Gitlab-Token", secret);
#elseif( $sender == "jira" )
        return Signers.atlassian(secret);
#elseif( $sender == "stripe" )
        return Signers.stripe(secret);
#elseif( $sender == "standard" )
        return Signers.standardWebhooks(secret);
#else
        return Signers.hmac(Integration.SIGNATURE, secret);
#end
    }

    @RegisterExtension
    final OceanExtension extension = OceanExtension.of(
            () -> Integration.create(Map.of("OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET", SECRET)));

    @Test
    void aSignedEventBecomesAnEntity(OceanTestClient client, FakePort port, Ocean ocean) throws IOException {
        byte[] body = sampleEvent();
        Map<String, String> headers = new HashMap<>(signer(SECRET).sign(body));
        headers.putAll(EVENT_HEADERS);

        assertThat(client.send("/webhook", body, headers).status()).isEqualTo(200);
        assertThat(ocean.awaitIdle(java.time.Duration.ofSeconds(30))).isTrue();

        assertThat(port.entity("${kind}", "1")).hasValueSatisfying(entity ->
                assertThat(entity.title()).isEqualTo("The first ${kind}"));
    }

    @Test
    void aWronglySignedEventIsRefused(OceanTestClient client, FakePort port) throws IOException {
        byte[] body = sampleEvent();

        Map<String, String> headers = new HashMap<>(signer("not-the-secret").sign(body));
        headers.putAll(EVENT_HEADERS);

        assertThat(client.send("/webhook", body, headers).status()).isEqualTo(401);
        assertThat(port.entities()).isEmpty();
    }

    @Test
    void aLocalRunHasTheConsoleUnlessTheEnvironmentSaysOtherwise() {
        Map<String, String> local = Map.of("OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET", SECRET);
        Map<String, String> off = Map.of("OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET", SECRET,
                "OCEAN__CONSOLE__ENABLED", "false");

        assertThat(Integration.withConsoleForLocalRuns(Integration.create(local), local).config().console.enabled)
                .isTrue();
        assertThat(Integration.withConsoleForLocalRuns(Integration.create(off), off).config().console.enabled)
                .isFalse();
    }

    private static byte[] sampleEvent() throws IOException {
        try (InputStream in = IntegrationTest.class.getResourceAsStream("/sample-event.json")) {
            return in.readAllBytes();
        }
    }
}
