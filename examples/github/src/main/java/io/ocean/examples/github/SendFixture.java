package io.ocean.examples.github;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a GitHub fixture with the development secret and posts it to the running integration:
 * {@code SendFixture issues.opened [url] [secret]}. Run from the repository root (send-fixture.sh does).
 */
public final class SendFixture {

    private SendFixture() {
    }

    /** Posts the fixture and prints the answer. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: send-fixture.sh <fixture, such as issues.opened> [url] [secret]");
            System.exit(2);
        }
        String name = args[0].endsWith(".json") ? args[0] : args[0] + ".json";
        String url = args.length > 1 ? args[1] : "http://localhost:8000/integration/webhook";
        String secret = args.length > 2 ? args[2] : System.getenv().getOrDefault("WEBHOOK_SECRET", "dev-secret");
        byte[] body = Files.readAllBytes(Path.of("ocean-testkit/src/main/resources/io/ocean/testkit/fixtures/github",
                name));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", name.substring(0, name.indexOf('.')))
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println(response.statusCode() + " " + response.body());
    }
}
