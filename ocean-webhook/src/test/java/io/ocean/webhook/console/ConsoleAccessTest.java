package io.ocean.webhook.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ocean.webhook.Ocean;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Who may use the console: loopback clients only without a token (others 404, forwarding headers do not help),
 * everyone with the token (bearer or login cookie) and no one without it (401, no hint), and state-changing
 * requests only from the console's own origin. The token appears in no answer and no log line.
 */
class ConsoleAccessTest {

    private static final String TOKEN = "s3cret-console-token-0123456789";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger oceanLogger = (Logger) LoggerFactory.getLogger("io.ocean");
    private Ocean ocean;

    private Ocean start(Consumer<io.ocean.webhook.OceanConfig> extra) {
        logs.start();
        oceanLogger.addAppender(logs);
        ocean = ConsoleOceans.start(new ConsoleProcessor.Behaviour(), extra);
        return ocean;
    }

    @AfterEach
    void stop() {
        if (ocean != null) {
            ocean.stop();
        }
        oceanLogger.detachAppender(logs);
    }

    /** An IPv4 address of this machine that is not the loopback, if it has one. */
    private static Optional<String> nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                    return Optional.of(address.getHostAddress());
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void withoutATokenLoopbackClientsAreAnswered() {
        start(cfg -> { });
        ConsoleHttp local = new ConsoleHttp(ocean.port());

        assertThat(local.get("/ocean/api/status").status()).isEqualTo(200);
        assertThat(local.get("/ocean/").status()).isEqualTo(200);
        assertThat(local.get("/ocean/login").status()).isEqualTo(303);
    }

    @Test
    void withoutATokenAClientOnAnotherInterfaceGets404EvenClaimingToBeLocal() throws Exception {
        Optional<String> address = nonLoopbackAddress();
        assumeThat(address).as("this machine has no non-loopback IPv4 address to connect from").isPresent();
        start(cfg -> {
            // the webhooks on every interface, the console on its own loopback listener (the default)
            cfg.http.host = "0.0.0.0";
            cfg.console.onMainListener = false;
        });
        assertThat(new ConsoleHttp(ocean.consolePort()).get("/ocean/api/status").status()).isEqualTo(200);
        ConsoleHttp remote = new ConsoleHttp(address.get(), ocean.port());

        for (String path : new String[] {"/ocean/", "/ocean/api/status", "/ocean/api/events", "/ocean/login",
                "/ocean/assets/console.js"}) {
            ConsoleHttp.Reply reply = remote.get(path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.body()).as(path).isEqualTo("Endpoint GET " + path + " not found");
        }
        assertThat(remote.get("/ocean/api/status", "X-Forwarded-For", "127.0.0.1").status()).isEqualTo(404);
        assertThat(remote.rawGet("/ocean/api/status", "Host", "localhost")).isEqualTo(404);
        assertThat(remote.post("/ocean/api/dead-letters/x/replay", null, "").status()).isEqualTo(404);
        assertThatThrownBy(() -> new ConsoleHttp(address.get(), ocean.consolePort()).get("/ocean/api/status"))
                .as("the console's own listener is not on this interface").isInstanceOf(AssertionError.class);
        // the webhook itself is still served on every interface
        assertThat(remote.post("/integration/webhook", "application/json", "{\"ignore\":true}").status())
                .isEqualTo(200);
    }

    @Test
    void withoutATokenAForwardedOrRebindingRequestFromLoopbackGets404() {
        start(cfg -> { });
        ConsoleHttp local = new ConsoleHttp(ocean.port());

        assertThat(local.get("/ocean/api/status", "X-Forwarded-For", "203.0.113.9").status()).isEqualTo(404);
        assertThat(local.get("/ocean/api/status", "Forwarded", "for=203.0.113.9").status()).isEqualTo(404);
        assertThat(local.get("/ocean/api/status", "X-Real-IP", "203.0.113.9").status()).isEqualTo(404);
        // DNS rebinding: a page of evil.example whose name now points at 127.0.0.1
        assertThat(local.rawGet("/ocean/api/status", "Host", "evil.example:" + ocean.port())).isEqualTo(404);
        assertThat(local.rawGet("/ocean/api/status", "Host", "localhost:" + ocean.port())).isEqualTo(200);
    }

    @Test
    void withATokenEveryRequestNeedsItAndAWrongOneIsAPlain401() throws Exception {
        start(cfg -> {
            cfg.http.host = "0.0.0.0";
            cfg.console.token = TOKEN;
        });
        ConsoleHttp local = new ConsoleHttp(ocean.port());

        ConsoleHttp.Reply none = local.get("/ocean/api/status");
        ConsoleHttp.Reply wrong = local.get("/ocean/api/status", "Authorization", "Bearer not-the-token-at-all");
        ConsoleHttp.Reply almost = local.get("/ocean/api/status", "Authorization", "Bearer " + TOKEN + "x");
        ConsoleHttp.Reply basic = local.get("/ocean/api/status", "Authorization", "Basic " + TOKEN);
        assertThat(none.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(almost.status()).isEqualTo(401);
        assertThat(basic.status()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(none.body()).isEqualTo(almost.body()).isEqualTo(basic.body());
        assertThat(none.header("WWW-Authenticate")).isNull();
        assertThat(local.post("/ocean/api/dead-letters/x/replay", null, "").status()).isEqualTo(401);
        assertThat(local.get("/ocean/").status()).isEqualTo(303);
        assertThat(local.get("/ocean/").header("Location")).isEqualTo("/ocean/login");
        assertThat(local.get("/ocean/assets/console.js").status()).isEqualTo(303);

        ConsoleHttp.Reply right = local.get("/ocean/api/status", "Authorization", "Bearer " + TOKEN);
        assertThat(right.status()).isEqualTo(200);
        assertThat(right.json().path("console").path("access").asText()).isEqualTo("token");
        assertThat(right.body()).doesNotContain(TOKEN);
        assertThat(local.get("/ocean/", "Authorization", "Bearer " + TOKEN).body()).doesNotContain(TOKEN);

        Optional<String> address = nonLoopbackAddress();
        if (address.isPresent()) {
            ConsoleHttp remote = new ConsoleHttp(address.get(), ocean.port());
            assertThat(remote.get("/ocean/api/status").status()).isEqualTo(401);
            assertThat(remote.get("/ocean/api/status", "Authorization", "Bearer " + TOKEN).status()).isEqualTo(200);
        }
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(line -> line.startsWith("Ocean console at http://"))
                .noneMatch(line -> line.contains(TOKEN));
    }

    @Test
    void theLoginPageSetsAnHttpOnlyStrictCookieThatIsNotTheToken() {
        start(cfg -> {
            cfg.http.host = "0.0.0.0";
            cfg.console.token = TOKEN;
        });
        ConsoleHttp local = new ConsoleHttp(ocean.port());
        String origin = "http://127.0.0.1:" + ocean.port();

        ConsoleHttp.Reply page = local.get("/ocean/login");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"token\"").doesNotContain(TOKEN);

        ConsoleHttp.Reply failed = local.post("/ocean/login", "application/x-www-form-urlencoded",
                "token=wrong-token-wrong-token", "Origin", origin);
        assertThat(failed.status()).isEqualTo(401);
        assertThat(failed.body()).contains("Sign-in failed.").doesNotContain("wrong-token");
        assertThat(failed.header("Set-Cookie")).isNull();

        ConsoleHttp.Reply crossSite = local.post("/ocean/login", "application/x-www-form-urlencoded",
                "token=" + TOKEN, "Origin", "https://evil.example");
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(crossSite.header("Set-Cookie")).isNull();

        ConsoleHttp.Reply signedIn = local.post("/ocean/login", "application/x-www-form-urlencoded",
                "token=" + TOKEN, "Origin", origin);
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.header("Location")).isEqualTo("/ocean/");
        String cookie = signedIn.header("Set-Cookie");
        assertThat(cookie).startsWith("ocean_console=").contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/ocean").doesNotContain(TOKEN);
        String session = cookie.substring(0, cookie.indexOf(';'));

        assertThat(local.get("/ocean/api/status", "Cookie", session).status()).isEqualTo(200);
        assertThat(local.get("/ocean/", "Cookie", session).status()).isEqualTo(200);
        assertThat(local.get("/ocean/api/status", "Cookie", "ocean_console=forged").status()).isEqualTo(401);
    }

    @Test
    void stateChangingRequestsMustComeFromTheConsolesOwnOrigin() {
        start(cfg -> {
            cfg.http.host = "0.0.0.0";
            cfg.console.token = TOKEN;
        });
        ConsoleHttp local = new ConsoleHttp(ocean.port());
        String origin = "http://127.0.0.1:" + ocean.port();
        String cookie = local.post("/ocean/login", "application/x-www-form-urlencoded", "token=" + TOKEN,
                "Origin", origin).header("Set-Cookie");
        String session = cookie.substring(0, cookie.indexOf(';'));
        String replay = "/ocean/api/dead-letters/unknown/replay";

        assertThat(local.post(replay, null, "", "Cookie", session).status()).as("cookie, no Origin").isEqualTo(403);
        assertThat(local.post(replay, null, "", "Cookie", session, "Origin", "https://evil.example").status())
                .isEqualTo(403);
        assertThat(local.post(replay, null, "", "Cookie", session, "Origin", origin, "Sec-Fetch-Site",
                "cross-site").status()).isEqualTo(403);
        // past the checks, an unknown dead letter is a 404
        assertThat(local.post(replay, null, "", "Cookie", session, "Origin", origin).status()).isEqualTo(404);
        assertThat(local.post(replay, null, "", "Authorization", "Bearer " + TOKEN).status())
                .as("a script with the bearer token sends no Origin").isEqualTo(404);
        assertThat(local.post(replay, null, "", "Authorization", "Bearer " + TOKEN, "Origin",
                "https://evil.example").status()).isEqualTo(403);
    }

    @Test
    void withoutATokenACrossSitePageCannotReplayThroughALocalBrowser() {
        start(cfg -> { });
        ConsoleHttp local = new ConsoleHttp(ocean.port());
        String replay = "/ocean/api/dead-letters/unknown/replay";

        assertThat(local.post(replay, null, "", "Origin", "https://evil.example").status()).isEqualTo(403);
        assertThat(local.post(replay, null, "", "Origin", "http://127.0.0.1:" + ocean.port()).status())
                .isEqualTo(404);
        assertThat(local.post(replay, null, "").status())
                .as("no token and no Origin: a local proxy or page must not pass either").isEqualTo(403);
    }
}
