package io.ocean.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.EventHeaders;
import io.ocean.core.internal.Json;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.signature.SignatureVerifier;
import io.ocean.webhook.signature.Verifiers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium: signed GitHub events appear without a reload, a dead letter is replayed
 * with one click, a paused path keeps its events across a restart until resumed, the local catalog is searched, and
 * the page fits a phone. Screenshots of each view go to
 * {@code target/console-*.png}.
 */
class ConsoleBrowserTest {

    private static final String SECRET = "browser-secret";
    private static final SignatureVerifier VERIFIER = Verifiers.github(SECRET);
    private static final Path SCREENSHOTS = Path.of("target");

    private static ChromeDriver browser;
    private final AtomicBoolean failing = new AtomicBoolean();
    private Ocean ocean;
    private OceanTestClient client;
    private WebDriverWait wait;

    @BeforeAll
    static void openBrowser() throws IOException {
        Browser.assumeInstalled();
        browser = Browser.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private Path state;

    @BeforeEach
    void startIntegration() throws IOException {
        state = io.ocean.testkit.internal.StateDirs.create();
        startOcean();
    }

    /** Starts an Ocean on this test's state directory: again, for a restart. */
    private void startOcean() {
        ocean = Ocean.create(Map.of(), cfg -> {
            cfg.http.host = "127.0.0.1";
            cfg.http.port = 0;
            cfg.webhooks.stateDir = state;
            cfg.webhooks.shutdownDrainSeconds = 0;
            cfg.localCatalog.file = state.resolve("entities.jsonl");
            cfg.startup.shutdownHook = false;
            cfg.portAppConfig(GithubIssues.mapping("githubIssue"));
            cfg.console.enabled = true;
            cfg.console.port = 0;
            cfg.console.replaysPerSecond = 1_000;
        });
        ocean.addWebhookProcessor("/webhook", event -> new GithubIssues(event) {
            @Override
            public boolean authenticate(JsonNode payload, EventHeaders headers) {
                return VERIFIER.verify(event());
            }

            @Override
            public io.ocean.core.WebhookEventRawResults handleEvent(JsonNode payload,
                                                                   io.ocean.core.config.ResourceConfig resource) {
                if (failing.get()) {
                    throw new IllegalStateException("GitHub API unavailable");
                }
                return super.handleEvent(payload, resource);
            }
        });
        ocean.start();
        client = new OceanTestClient(ocean.port());
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        // the page rebuilds a table when its data changes: an element found a moment ago may be replaced
        wait.ignoring(StaleElementReferenceException.class);
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @AfterEach
    void stopIntegration() {
        if (ocean != null) {
            ocean.stop();
        }
        io.ocean.testkit.internal.StateDirs.delete(state);
    }

    private void open(String view) {
        browser.get("http://127.0.0.1:" + ocean.consolePort() + "/ocean/#" + view);
        wait.until(ExpectedConditions.textMatches(By.id("live-text"), java.util.regex.Pattern.compile("live")));
    }

    /** Posts issue {@code number} of the fixture, signed as GitHub signs; returns its trace id. */
    private String sendIssue(int number, String title) {
        ObjectNode payload = (ObjectNode) Json.readOrMissing(Fixtures.bytes("github/issues.opened.json"));
        ((ObjectNode) payload.get("issue")).put("number", number).put("title", title);
        byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(Signers.github(SECRET).sign(body));
        headers.put("X-GitHub-Event", "issues");
        headers.put("X-GitHub-Delivery", UUID.randomUUID().toString());
        OceanTestClient.Response response = client.send("/webhook", body, headers);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.traceId();
    }

    private By row(String table, String traceId) {
        return By.cssSelector("#" + table + " tr[data-trace-id='" + traceId + "']");
    }

    /** Clicks what {@code inside} finds within {@code at}, again if the page replaced it meanwhile. */
    private void click(By at, By inside) {
        wait.until(driver -> {
            WebElement found = driver.findElement(at);
            (inside == null ? found : found.findElement(inside)).click();
            return true;
        });
    }

    private String text(By at) {
        return wait.until(driver -> driver.findElement(at).getText());
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private Object script(String js) {
        return ((JavascriptExecutor) browser).executeScript(js);
    }

    @Test
    void aSignedEventAppearsWithoutAReloadAndOpensToMaskedHeadersAndThePayload() throws IOException {
        open("events");
        script("window.oceanNotReloaded = true;");

        String traceId = sendIssue(11, "Console shows live events");
        sendIssue(12, "A second event");
        byte[] unsigned = "{\"issue\":{\"number\":13}}".getBytes(StandardCharsets.UTF_8);
        String forged = client.send("/webhook", unsigned, Map.of("X-GitHub-Event", "issues",
                "X-Hub-Signature-256", "sha256=0000")).traceId();
        String push = client.send("/webhook", unsigned, Map.of("X-GitHub-Event", "push")).traceId();

        wait.until(ExpectedConditions.attributeToBe(row("events-body", traceId), "data-outcome", "processed"));
        wait.until(ExpectedConditions.attributeToBe(row("events-body", forged), "data-outcome", "unauthorized"));
        wait.until(ExpectedConditions.attributeToBe(row("events-body", push), "data-outcome", "ignored"));
        assertThat(script("return window.oceanNotReloaded === true;")).isEqualTo(true);

        click(row("events-body", traceId), null);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-facts"), traceId));
        assertThat(text(By.cssSelector("#detail-headers tr[data-header='x-hub-signature-256']"))).contains("masked")
                .doesNotContain("sha256=");
        assertThat(text(By.id("detail-payload"))).contains("Console shows live events");
        assertThat(text(By.id("detail-entities"))).contains("githubIssue");
        assertThat(browser.getPageSource()).doesNotContain(Signers.github(SECRET).sign("x").values().iterator().next());
        screenshot("console-events.png");
    }

    @Test
    void aBulkReplayByFilterTurnsAHundredDeadLettersIntoProcessedEventsWithTheCountShown() throws Exception {
        failing.set(true);
        for (int i = 0; i < 100; i++) {
            sendIssue(1_000 + i, "Fails in bulk " + i);
        }
        assertThat(ocean.awaitIdle(Duration.ofSeconds(60))).isTrue();
        assertThat(ocean.deadLetters()).hasSize(100);
        open("dead-letters");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dead-summary"), "100 dead letter(s)"));

        failing.set(false);
        browser.findElement(By.id("dead-path")).sendKeys("/webhook");
        click(By.id("bulk-replay"), null);
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("bulk-progress"), "Bulk replay done: 100 replayed"));
        assertThat(ocean.awaitIdle(Duration.ofSeconds(60))).isTrue();
        assertThat(ocean.deadLetters()).isEmpty();
        HttpResponse<String> processed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + ocean.consolePort() + "/ocean/api/events?outcome=processed&limit=1000"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(Json.readOrMissing(processed.body().getBytes(StandardCharsets.UTF_8)).path("events"))
                .hasSize(100);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dead-summary"), "0 dead letter(s)"));
    }

    @Test
    void aDeadLetterIsReplayedWithOneClickAndIsProcessed() throws IOException {
        failing.set(true);
        String first = sendIssue(21, "Fails until GitHub is back");
        String second = sendIssue(22, "Fails too");
        String third = sendIssue(23, "And this one");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        open("dead-letters");
        wait.until(ExpectedConditions.presenceOfElementLocated(row("dead-letters-body", third)));
        assertThat(text(row("dead-letters-body", first))).contains("GitHub API unavailable");
        screenshot("console-dead-letters.png");

        failing.set(false);
        click(row("dead-letters-body", first), By.cssSelector("button.replay"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(row("dead-letters-body", first)));

        click(row("dead-letters-body", second), By.cssSelector("input.select"));
        click(row("dead-letters-body", third), By.cssSelector("input.select"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("replay-selected"), "(2)"));
        click(By.id("replay-selected"), null);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("replay-message"), "2 replayed"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dead-letters-empty")));

        click(By.id("tab-events"), null);
        for (String traceId : List.of(first, second, third)) {
            wait.until(ExpectedConditions.attributeToBe(row("events-body", traceId), "data-outcome", "processed"));
        }
        assertThat(ocean.deadLetters()).isEmpty();
    }

    @Test
    void aPausedPathKeepsItsEventsQueuedAcrossARestartAndRunsThemAfterResume() throws Exception {
        open("health");
        By webhook = By.cssSelector("#health-paths tr[data-path='/webhook']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(webhook, "running"));
        click(webhook, By.cssSelector("button.pause-toggle"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(webhook, "paused"));

        for (int i = 0; i < 3; i++) {
            sendIssue(50 + i, "Waits for the resume " + i); // accepted: 200
        }
        wait.until(ExpectedConditions.textToBePresentInElementLocated(webhook, "paused"));
        awaitQueued(3); // the queue depth is read from the store at most once a second
        assertThat(consoleJson("entities").path("catalogSize").asInt()).as("nothing processed").isZero();

        ocean.stop();
        startOcean(); // the same state directory: a restart
        open("health");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(webhook, "paused"));
        assertThat(consoleJson("status").path("paths").get(0).path("paused").asBoolean()).isTrue();
        awaitQueued(3); // still queued after the restart
        assertThat(consoleJson("entities").path("catalogSize").asInt()).as("nothing processed").isZero();
        screenshot("console-paused.png");

        click(webhook, By.cssSelector("button.pause-toggle"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(webhook, "running"));
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(driver ->
                consoleJson("entities").path("catalogSize").asInt() == 3);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(60))).isTrue();
        awaitQueued(0);
    }

    private void awaitQueued(long events) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver ->
                consoleJson("status").path("paths").get(0).path("queued").asLong() == events);
    }

    private JsonNode consoleJson(String api) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + ocean.consolePort() + "/ocean/api/" + api)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return Json.readOrMissing(response.body().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theLocalCatalogIsSearchedByBlueprintAndIdentifier() throws IOException {
        sendIssue(31, "Searchable issue");
        sendIssue(32, "Another issue");
        sendIssue(433, "Third issue");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        open("entities");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#entities-body tr"), 3));

        browser.findElement(By.id("entity-q")).sendKeys("-3");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#entities-body tr"), 2));
        browser.findElement(By.id("entity-q")).sendKeys("1");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#entities-body tr"), 1));
        assertThat(text(By.cssSelector("#entities-body tr"))).contains("Searchable issue");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("entity-blueprint")))
                .selectByValue("githubIssue");
        click(By.cssSelector("#entities-body tr"), null);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("entity-json"), "\"state\""));
        assertThat(browser.findElements(By.cssSelector("#recent-body tr"))).hasSize(1);
        screenshot("console-entities.png");
    }

    @Test
    void healthChartsQueuesAndTheConfigSourceShowAndThePageFitsAPhone() throws IOException {
        for (int i = 0; i < 24; i++) {
            failing.set(i % 8 == 7);
            sendIssue(40 + i, "For the charts");
            assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
        open("health");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-rates .uplot canvas")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#health-paths tr[data-path='/webhook']")));
        assertThat(text(By.id("app-config-source"))).startsWith("code");
        assertThat(browser.findElements(By.cssSelector("#chart-dead .uplot canvas"))).hasSize(1);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dead-held"), "(3 held)"));
        screenshot("console-health.png");

        browser.manage().window().setSize(new Dimension(390, 844));
        open("events");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#events-body tr")));
        assertThat(script("return document.documentElement.scrollWidth <= window.innerWidth + 1;"))
                .as("no sideways scrolling of the page on a phone").isEqualTo(true);
        screenshot("console-phone.png");
    }
}
