package io.ocean.webhook.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.internal.Json;
import io.ocean.webhook.DeadLetter;
import io.ocean.webhook.store.EventState;
import io.ocean.webhook.store.StoreSettings;
import io.ocean.webhook.store.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state files of Ocean before the event store, written by their own writers, imported once. */
class LegacyImportTest {

    private static final Instant RECEIVED = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path stateDir;

    private final List<SqliteEventStore> stores = new ArrayList<>();

    @AfterEach
    void close() {
        stores.forEach(SqliteEventStore::close);
    }

    @Test
    void pendingEventsAreQueuedAgainInOrderAndTheFileRenamed() {
        new PendingStore(stateDir).save(List.of(event("t-1", "{\"n\":1}"), event("t-2", "{\"n\":2}"),
                event("t-3", "{\"n\":3}")));
        SqliteEventStore store = open();

        LegacyImport.Result result = LegacyImport.run(stateDir, store);

        assertThat(result).isEqualTo(new LegacyImport.Result(3, 0, 0));
        assertThat(stateDir.resolve("pending.jsonl")).doesNotExist();
        assertThat(stateDir.resolve("pending.jsonl.imported")).exists();
        List<String> ran = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var claim = store.claim("/webhook", 10, Duration.ofSeconds(30));
            assertThat(claim).as("one key per path: one at a time").hasSize(1);
            ran.add(new String(claim.get(0).event().body(), StandardCharsets.UTF_8));
            StoredEvent claimed = claim.get(0).event();
            assertThat(claimed.receivedAt()).isEqualTo(RECEIVED);
            assertThat(claimed.headers()).containsEntry("x-github-event", List.of("issues"));
            store.complete(claim.get(0));
        }
        assertThat(ran).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
    }

    @Test
    void deadLettersAreImportedAsTheLogLeftThemAndTheFileRenamed() {
        DeadLetterStore legacy = new DeadLetterStore(stateDir, 100);
        legacy.add(letter("d-1", "first failure"));
        legacy.add(letter("d-2", "second failure"));
        legacy.remove("d-1", "replayed");
        legacy.add(letter("d-3", "third failure"));
        SqliteEventStore store = open();

        LegacyImport.Result result = LegacyImport.run(stateDir, store);

        assertThat(result).isEqualTo(new LegacyImport.Result(0, 2, 0));
        assertThat(stateDir.resolve("dead-letters.jsonl.imported")).exists();
        List<StoredEvent> letters = store.deadLetters("/webhook", 10);
        assertThat(letters).extracting(StoredEvent::traceId).containsExactly("d-2", "d-3");
        assertThat(letters.get(0).state()).isEqualTo(EventState.DEAD);
        assertThat(letters.get(0).lastError()).isEqualTo("second failure");
        assertThat(letters.get(0).attempts()).isEqualTo(3);
        assertThat(letters.get(0).failedAt()).isEqualTo(RECEIVED.plusSeconds(60));
        assertThat(new String(letters.get(0).body(), StandardCharsets.UTF_8)).isEqualTo("{\"d\":\"d-2\"}");
    }

    @Test
    void aTornLastLineIsSkippedAndTheRestImported() throws Exception {
        new PendingStore(stateDir).save(List.of(event("t-1", "{\"n\":1}"), event("t-2", "{\"n\":2}")));
        Files.writeString(stateDir.resolve("pending.jsonl"), "{\"traceId\":\"t-3\",\"path\":\"/web",
                StandardOpenOption.APPEND);
        SqliteEventStore store = open();

        LegacyImport.Result result = LegacyImport.run(stateDir, store);

        assertThat(result).isEqualTo(new LegacyImport.Result(2, 0, 1));
        assertThat(store.stats("/webhook").held()).isEqualTo(2);
        assertThat(store.find("t-3")).isEmpty();
    }

    @Test
    void anImportCutShortBeforeTheRenameImportsNothingTwice() throws Exception {
        new PendingStore(stateDir).save(List.of(event("t-1", "{\"n\":1}"), event("t-2", "{\"n\":2}")));
        Path copy = stateDir.resolve("copy");
        Files.copy(stateDir.resolve("pending.jsonl"), copy);
        SqliteEventStore store = open();
        LegacyImport.run(stateDir, store);
        Files.move(copy, stateDir.resolve("pending.jsonl"));

        LegacyImport.Result again = LegacyImport.run(stateDir, store);

        assertThat(again).isEqualTo(new LegacyImport.Result(0, 0, 2));
        assertThat(store.stats("/webhook").held()).isEqualTo(2);
    }

    @Test
    void theKeyingGivesImportedEventsTheirGroupKeysAndDeliveryIds() {
        new PendingStore(stateDir).save(List.of(event("t-1", "{\"repo\":\"a\"}"), event("t-2", "{\"repo\":\"b\"}")));
        SqliteEventStore store = open();

        LegacyImport.run(stateDir, store, new LegacyImport.Keying() {
            @Override
            public String groupKey(StoredEvent event) {
                return Json.readOrMissing(event.body()).path("repo").asText();
            }

            @Override
            public String deliveryId(StoredEvent event) {
                return "delivery-" + event.traceId();
            }
        });

        var claims = store.claim("/webhook", 10, Duration.ofSeconds(30));
        assertThat(claims).extracting(c -> c.event().groupKey()).containsExactly("a", "b");
        assertThat(claims).extracting(c -> c.event().deliveryId()).containsExactly("delivery-t-1", "delivery-t-2");
    }

    @Test
    void withoutLegacyFilesNothingHappens() {
        assertThat(LegacyImport.run(stateDir, open())).isEqualTo(LegacyImport.Result.NONE);
    }

    @Test
    void aDeadLetterFileLargerThanTheHeapIsImported() throws Exception {
        // 24 letters of 2 MiB (64 MiB of base64 on disk, twice that as Java strings) into a JVM of 48 MiB: only a
        // reader that holds one line at a time gets through (the old loader read the whole file and died).
        Path file = stateDir.resolve("dead-letters.jsonl");
        byte[] body = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) 'x');
        String base64 = java.util.Base64.getEncoder().encodeToString(body);
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 24; i++) {
                out.write("{\"traceId\":\"big-" + i + "\",\"path\":\"/webhook\",\"reason\":\"too big\","
                        + "\"attempts\":1,\"failedAt\":\"2026-01-01T10:00:00Z\",\"event\":{\"traceId\":\"big-" + i
                        + "\",\"path\":\"/webhook\",\"receivedAt\":\"2026-01-01T10:00:00Z\",\"headers\":{},"
                        + "\"body\":\"" + base64 + "\"}}\n");
            }
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-cp", System.getProperty("java.class.path"), ImportInSmallHeap.class.getName(),
                stateDir.toString()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("imported 24 dead letters, " + 24L * body.length + " bytes");
        assertThat(stateDir.resolve("dead-letters.jsonl.imported")).exists();
    }

    @Test
    void importedDeadLettersAreBoundedByTheStoresBytes() {
        DeadLetterStore legacy = new DeadLetterStore(stateDir, 100);
        for (int i = 0; i < 5; i++) {
            legacy.add(letter("d-" + i, "failed"));
        }
        long letterBytes = "{\"d\":\"d-0\"}".length();
        SqliteEventStore store = open(100, 2 * letterBytes);

        assertThat(LegacyImport.run(stateDir, store).deadLetters()).isEqualTo(5);

        assertThat(store.deadLetters("/webhook", 10)).extracting(StoredEvent::traceId).containsExactly("d-3", "d-4");
    }

    private SqliteEventStore open() {
        return open(1_000, 256L * 1024 * 1024);
    }

    private SqliteEventStore open(int deadLetterCapacity, long deadLetterMaxBytes) {
        SqliteEventStore store = new SqliteEventStore();
        store.open(new StoreSettings(stateDir, 10_000, 256L * 1024 * 1024, deadLetterCapacity, deadLetterMaxBytes,
                Duration.ofMinutes(10), Clock.systemUTC()));
        stores.add(store);
        return store;
    }

    private static WebhookEvent event(String traceId, String body) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        JsonNode payload = Json.readOrMissing(raw);
        return new WebhookEvent(traceId, "/webhook", payload,
                EventHeaders.of("Content-Type", "application/json", "X-GitHub-Event", "issues"), raw, RECEIVED);
    }

    private static DeadLetter letter(String traceId, String reason) {
        return new DeadLetter(traceId, "/webhook", reason, 3, RECEIVED.plusSeconds(60),
                event(traceId, "{\"d\":\"" + traceId + "\"}"));
    }
}
