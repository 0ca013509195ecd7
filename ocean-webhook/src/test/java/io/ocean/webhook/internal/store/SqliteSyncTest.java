package io.ocean.webhook.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocean.webhook.store.EventStoreException;
import io.ocean.webhook.store.InsertResult;
import io.ocean.webhook.store.NewEvent;
import io.ocean.webhook.store.StoreSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipelined group commit on SQLite: the connection commits without fsync, and nothing is answered before a sync of
 * the WAL that started after its commit; a failed sync fails what it covered and every write after it.
 */
class SqliteSyncTest {

    @TempDir
    Path temp;

    private final List<SqliteEventStore> stores = new ArrayList<>();
    private final List<HeldSync> held = new ArrayList<>();

    @AfterEach
    void close() {
        // A failed assertion may leave a sync held: close() waits for the syncer, so let every sync go first.
        held.forEach(sync -> sync.permits.release(1_000_000));
        stores.forEach(SqliteEventStore::close);
    }

    /** A sync that waits for a permit per call, and says when a call began. */
    private static final class HeldSync implements WalSyncer.Sync {
        final Semaphore permits = new Semaphore(0);
        final Semaphore entered = new Semaphore(0);

        @Override
        public void sync() {
            entered.release();
            permits.acquireUninterruptibly();
        }
    }

    @Test
    void anInsertIsAnsweredOnlyAfterASyncThatBeganAfterItsCommit() throws Exception {
        HeldSync sync = new HeldSync();
        held.add(sync);
        Path dir = temp.resolve("state");
        SqliteEventStore store = open(dir, path -> sync);

        CompletableFuture<InsertResult> first = store.insert(event("trace-1")).toCompletableFuture();
        assertThat(sync.entered.tryAcquire(30, TimeUnit.SECONDS)).as("the sync of the first commit began").isTrue();
        assertThat(committedTraceIds(dir)).as("committed before its sync began").contains("trace-1");
        CompletableFuture<InsertResult> second = store.insert(event("trace-2")).toCompletableFuture();

        assertThat(first).as("not answered while its sync is held").isNotDone();
        sync.permits.release();
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(InsertResult.Status.ACCEPTED);
        assertThat(sync.entered.tryAcquire(30, TimeUnit.SECONDS)).as("a second sync began").isTrue();
        assertThat(committedTraceIds(dir)).as("committed before the second sync began").contains("trace-2");
        assertThat(second).as("not answered by the first sync, which began before its commit").isNotDone();
        sync.permits.release();
        assertThat(second.get(30, TimeUnit.SECONDS).status()).isEqualTo(InsertResult.Status.ACCEPTED);
    }

    @Test
    void whatArrivesWhileASyncRunsSharesTheNextCommitAndSync() throws Exception {
        HeldSync sync = new HeldSync();
        held.add(sync);
        SqliteEventStore store = open(temp.resolve("state"), path -> sync);
        CompletableFuture<InsertResult> first = store.insert(event("trace-0")).toCompletableFuture();
        assertThat(sync.entered.tryAcquire(30, TimeUnit.SECONDS)).isTrue();

        List<CompletableFuture<InsertResult>> meanwhile = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            meanwhile.add(store.insert(event("trace-" + i)).toCompletableFuture());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (store.queuedForWriter() > 0) {
            assertThat(System.nanoTime()).as("the writer takes the 20 in").isLessThan(deadline);
            Thread.sleep(1);
        }
        assertThat(store.commits()).as("nothing more is committed while the first sync runs").isEqualTo(1);
        sync.permits.release(1_000);

        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(InsertResult.Status.ACCEPTED);
        for (CompletableFuture<InsertResult> answer : meanwhile) {
            assertThat(answer.get(30, TimeUnit.SECONDS).status()).isEqualTo(InsertResult.Status.ACCEPTED);
        }
        assertThat(store.commits()).as("the 20 ran in the transaction left open while the first sync ran")
                .isEqualTo(2);
        assertThat(store.syncs()).isEqualTo(2);
    }

    @Test
    void aFailedSyncFailsWhatItCoveredAndTheStoreRefusesEveryLaterWrite() throws Exception {
        HeldSync entered = new HeldSync();
        held.add(entered);
        WalSyncer.Sync failing = () -> {
            entered.sync();
            throw new IOException("EIO (test)");
        };
        Path dir = temp.resolve("state");
        SqliteEventStore store = open(dir, path -> failing);

        CompletableFuture<InsertResult> covered = store.insert(event("trace-1")).toCompletableFuture();
        assertThat(entered.entered.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
        entered.permits.release(1_000);

        assertThatThrownBy(() -> covered.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(EventStoreException.class)
                .hasMessageContaining("could not sync");
        CompletableFuture<InsertResult> later = store.insert(event("trace-2")).toCompletableFuture();
        assertThatThrownBy(() -> later.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(EventStoreException.class)
                .hasMessageContaining("could not sync");
        assertThatThrownBy(() -> store.claim("/webhook", 10, Duration.ofSeconds(30)))
                .isInstanceOf(EventStoreException.class).hasMessageContaining("could not sync");
        assertThat(committedTraceIds(dir)).as("nothing was written after the failed sync").doesNotContain("trace-2");
    }

    @Test
    void aSyncThatThrowsAnErrorFailsWhatItCoveredInsteadOfLeavingItUnanswered() throws Exception {
        WalSyncer.Sync failing = () -> {
            throw new AssertionError("an Error from the sync (test)");
        };
        SqliteEventStore store = open(temp.resolve("state"), path -> failing);

        CompletableFuture<InsertResult> covered = store.insert(event("trace-1")).toCompletableFuture();
        assertThatThrownBy(() -> covered.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(EventStoreException.class)
                .hasMessageContaining("could not sync");
        CompletableFuture<InsertResult> later = store.insert(event("trace-2")).toCompletableFuture();
        assertThatThrownBy(() -> later.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(EventStoreException.class)
                .hasMessageContaining("could not sync");
    }

    @Test
    void theWalIsSyncedThroughOneChannelBecauseSqliteNeverReplacesItWhileTheStoreIsOpen() throws Exception {
        Path dir = temp.resolve("state");
        SqliteEventStore store = open(dir, WalFile::new);
        insert(store, "trace-1");
        Object before = walKey(dir);

        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
             Statement statement = other.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        insert(store, "trace-2");
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"))) {
            assertThat(other.isValid(1)).isTrue(); // a second connection opened and closed again
        }
        insert(store, "trace-3");

        assertThat(walKey(dir)).as("the same file: truncated and rewritten in place").isEqualTo(before);
        assertThat(store.syncs()).isGreaterThanOrEqualTo(3);
        assertThat(store.summary()).contains("syncs");
    }

    private static Object walKey(Path dir) throws IOException {
        return Files.readAttributes(dir.resolve("events.db-wal"), BasicFileAttributes.class).fileKey();
    }

    /** What is committed, as another connection reads it (with or without a sync). */
    private static List<String> committedTraceIds(Path dir) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
             Statement statement = reader.createStatement();
             ResultSet rows = statement.executeQuery("SELECT trace_id FROM events")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private SqliteEventStore open(Path dir, Function<Path, WalSyncer.Sync> syncs) {
        SqliteEventStore store = new SqliteEventStore(syncs);
        store.open(new StoreSettings(dir, 10_000, 64L * 1024 * 1024, 100, 1024 * 1024, Duration.ofMinutes(10),
                Clock.systemUTC()));
        stores.add(store);
        return store;
    }

    private static void insert(SqliteEventStore store, String traceId) {
        assertThat(store.insert(event(traceId)).toCompletableFuture().join().status())
                .isEqualTo(InsertResult.Status.ACCEPTED);
    }

    private static NewEvent event(String traceId) {
        return new NewEvent(traceId, "/webhook", "k", null, Instant.now(),
                Map.of("Content-Type", List.of("application/json")), "{}".getBytes(StandardCharsets.UTF_8));
    }
}
