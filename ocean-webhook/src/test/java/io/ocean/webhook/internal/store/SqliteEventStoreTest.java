package io.ocean.webhook.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocean.webhook.store.EventStoreException;
import io.ocean.webhook.store.InsertResult;
import io.ocean.webhook.store.NewEvent;
import io.ocean.webhook.store.StoreSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the SQLite engine promises beyond the contract: files, permissions, the lock, schema, group commit. */
class SqliteEventStoreTest {

    @TempDir
    Path temp;

    private final List<SqliteEventStore> stores = new ArrayList<>();

    @AfterEach
    void close() {
        stores.forEach(SqliteEventStore::close);
    }

    @Test
    void theStateDirectoryIsPrivateAndSoAreItsFiles() throws Exception {
        Path dir = temp.resolve(".ocean");
        SqliteEventStore store = open(dir);
        insert(store, "trace-1", "k");

        assertThat(permissions(dir)).isEqualTo("rwx------");
        for (String file : List.of("events.db", "events.db-wal", "events.db-shm", "events.lock")) {
            assertThat(permissions(dir.resolve(file))).as(file).isEqualTo("rw-------");
        }
    }

    @Test
    void aSecondStoreOnTheSameStateDirectoryFailsNamingIt() {
        Path dir = temp.resolve("state");
        open(dir);

        assertThatThrownBy(() -> open(dir)).isInstanceOf(EventStoreException.class)
                .hasMessageContaining(dir.toAbsolutePath().toString())
                .hasMessageContaining("in use by another Ocean process");
    }

    @Test
    void aSecondProcessOnTheSameStateDirectoryFailsAtOpen() throws Exception {
        Path dir = temp.resolve("state");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldStateDirectory.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("open")) {
                // the child's log lines
            }
            assertThat(line).as("the other process opened the store").isEqualTo("open");
            try (Stream<Path> extracted = Files.list(dir.resolve(SqliteEventStore.NATIVE_DIR))) {
                assertThat(extracted).as("the native library is extracted under the state directory").isNotEmpty();
            }

            assertThatThrownBy(() -> open(dir)).isInstanceOf(EventStoreException.class)
                    .hasMessageContaining(dir.toAbsolutePath().toString());
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        SqliteEventStore afterwards = open(dir);
        assertThat(afterwards.stats("/webhook").held()).isZero();
    }

    @Test
    void closingReleasesTheStateDirectory() {
        Path dir = temp.resolve("state");
        SqliteEventStore first = open(dir);
        insert(first, "trace-1", "k");
        first.close();

        SqliteEventStore second = open(dir);

        assertThat(second.stats("/webhook").held()).isEqualTo(1);
    }

    @Test
    void aDatabaseFromANewerOceanIsRefusedWithTheVersions() throws Exception {
        Path dir = temp.resolve("state");
        open(dir).close();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
             Statement statement = db.createStatement()) {
            statement.execute("UPDATE schema_version SET version = 99");
        }

        assertThatThrownBy(() -> open(dir)).isInstanceOf(EventStoreException.class)
                .hasMessageContaining("schema version 99").hasMessageContaining("newer Ocean");
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedNamingItAndLeftAsItWas() throws Exception {
        Path dir = temp.resolve("state");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("events.db"), "not a database, but someone's data: keep it");

        assertThatThrownBy(() -> open(dir)).isInstanceOf(EventStoreException.class)
                .hasMessageContaining(dir.resolve("events.db").toAbsolutePath().toString());

        assertThat(Files.readString(dir.resolve("events.db")))
                .isEqualTo("not a database, but someone's data: keep it");
        SqliteEventStore elsewhere = open(temp.resolve("other"));
        assertThat(elsewhere.stats("/webhook").held()).as("the failed open released its lock and threads").isZero();
        assertThatThrownBy(() -> open(dir)).as("and may be tried again").isInstanceOf(EventStoreException.class)
                .hasMessageContaining("events.db");
    }

    @Test
    void concurrentInsertsShareCommits() {
        SqliteEventStore store = open(temp.resolve("state"));
        long before = store.commits();
        List<CompletableFuture<InsertResult>> answers = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            answers.add(store.insert(event("trace-" + i, "k" + (i % 7))).toCompletableFuture());
        }

        answers.forEach(answer -> assertThat(answer.join().status()).isEqualTo(InsertResult.Status.ACCEPTED));

        assertThat(store.commits() - before).as("commits for 500 inserts").isLessThan(250);
        assertThat(store.stats("/webhook").held()).isEqualTo(500);
    }

    @Test
    void aFailedWriteFailsAloneAndTheStoreGoesOn() {
        SqliteEventStore store = open(temp.resolve("state"));
        insert(store, "trace-1", "k");

        CompletableFuture<InsertResult> sameTraceId = store.insert(event("trace-1", "k")).toCompletableFuture();
        CompletableFuture<InsertResult> next = store.insert(event("trace-2", "k")).toCompletableFuture();

        assertThatThrownBy(sameTraceId::join).hasCauseInstanceOf(EventStoreException.class);
        assertThat(next.join().status()).isEqualTo(InsertResult.Status.ACCEPTED);
        assertThat(store.stats("/webhook").held()).isEqualTo(2);
        assertThat(store.claim("/webhook", 10, Duration.ofSeconds(30))).hasSize(1);
    }

    @Test
    void theIndexRebuiltAfterAFailedWriteReloadsThePausedPathsToo() throws Exception {
        Path dir = temp.resolve("state");
        SqliteEventStore store = open(dir);
        store.pausePath("/webhook");
        insert(store, "trace-1", "k");
        // What a rolled-back pause would leave: the table says "not paused", the set still says "paused".
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
             Statement statement = other.createStatement()) {
            statement.execute("DELETE FROM paused_paths");
        }

        CompletableFuture<InsertResult> sameTraceId = store.insert(event("trace-1", "k")).toCompletableFuture();

        assertThatThrownBy(sameTraceId::join).hasCauseInstanceOf(EventStoreException.class);
        assertThat(store.pausedPaths()).as("as the database holds them after the rollback").isEmpty();
        assertThat(store.claim("/webhook", 10, Duration.ofSeconds(30))).hasSize(1);
    }

    @Test
    void aClosedStoreRefusesWritesWithoutThrowingAtTheCaller() {
        SqliteEventStore store = open(temp.resolve("state"));
        store.close();
        store.close();

        assertThat(store.insert(event("trace-1", "k"))).isCompletedExceptionally();
        assertThatThrownBy(() -> store.claim("/webhook", 1, Duration.ofSeconds(1)))
                .isInstanceOf(EventStoreException.class).hasMessageContaining("closed");
    }

    private SqliteEventStore open(Path dir) {
        SqliteEventStore store = new SqliteEventStore();
        store.open(new StoreSettings(dir, 10_000, 64L * 1024 * 1024, 100, 1024 * 1024, Duration.ofMinutes(10),
                Clock.systemUTC()));
        stores.add(store);
        return store;
    }

    private static void insert(SqliteEventStore store, String traceId, String key) {
        assertThat(store.insert(event(traceId, key)).toCompletableFuture().join().status())
                .isEqualTo(InsertResult.Status.ACCEPTED);
    }

    private static NewEvent event(String traceId, String key) {
        return new NewEvent(traceId, "/webhook", key, null, Instant.now(),
                Map.of("Content-Type", List.of("application/json")), "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
