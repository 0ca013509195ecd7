package io.ocean.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ocean.webhook.store.Claim;
import io.ocean.webhook.store.DeadLetterCount;
import io.ocean.webhook.store.EventPage;
import io.ocean.webhook.store.EventQuery;
import io.ocean.webhook.store.EventState;
import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventSummary;
import io.ocean.webhook.store.InsertResult;
import io.ocean.webhook.store.NewEvent;
import io.ocean.webhook.store.PathStats;
import io.ocean.webhook.store.ReplayResult;
import io.ocean.webhook.store.StoreSettings;
import io.ocean.webhook.store.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link EventStore} must do; an engine's test extends this class and says how to make a store:
 *
 * <pre>{@code
 * class SqliteEventStoreTest extends EventStoreContract {
 *     protected EventStore newStore() { return EventStores.sqlite(); }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh state directory ({@link #stateDir()}) and a {@link MutableClock}; an engine must take
 * every time from {@link StoreSettings#clock()}. {@link #newStore()} is called again for a restart and must then
 * reach what the earlier store committed (a file engine finds it in the state directory; an engine on a server keeps
 * the same schema for the whole test, e.g. one chosen in a {@code @BeforeEach}). Engines that lose everything with
 * the process say so with {@link #durable()} and skip the restart tests.
 */
public abstract class EventStoreContract {

    /** The lease the tests claim with. */
    protected static final Duration LEASE = Duration.ofSeconds(30);
    /** The default deduplication window of the tests. */
    protected static final Duration WINDOW = Duration.ofMinutes(10);
    /** The path the tests use unless they need two. */
    protected static final String PATH = "/webhook";

    /** The test's clock, standing until a test moves it. */
    protected final MutableClock clock = MutableClock.standing();

    @TempDir
    private Path tempDir;

    private final List<EventStore> opened = new ArrayList<>();
    private final AtomicInteger traces = new AtomicInteger();
    private EventStore store;
    private StoreSettings settings;

    /** A new, unopened store of the engine, on this test's storage (see the class comment). */
    protected abstract EventStore newStore();

    /** Whether committed events outlive {@link EventStore#close()}; false skips the restart tests. */
    protected boolean durable() {
        return true;
    }

    /**
     * Whether several processes share the engine, so that it recovers through expired leases and
     * {@link EventStore#recover()} returns 0.
     */
    protected boolean shared() {
        return false;
    }

    /** The state directory of this test: empty at the start, the same for a restart. */
    protected Path stateDir() {
        return tempDir.resolve("state");
    }

    /** The settings the tests open with, unless a test needs its own limits. */
    protected StoreSettings settings() {
        return settings(1_000, 64L * 1024 * 1024, 1_000, 64L * 1024 * 1024, WINDOW);
    }

    /** Settings with these limits, on this test's state directory and clock. */
    protected StoreSettings settings(int queueCapacity, long queueMaxBytes, int deadLetterCapacity,
                                     long deadLetterMaxBytes, Duration window) {
        return new StoreSettings(stateDir(), queueCapacity, queueMaxBytes, deadLetterCapacity, deadLetterMaxBytes,
                window, clock);
    }

    /** The open store of this test, opened with {@link #settings()} on first use. */
    protected EventStore store() {
        if (store == null) {
            open(settings());
        }
        return store;
    }

    /** Opens a new store of the engine with these settings; it becomes {@link #store()}. */
    protected EventStore open(StoreSettings with) {
        EventStore fresh = newStore();
        opened.add(fresh);
        fresh.open(with);
        store = fresh;
        settings = with;
        return fresh;
    }

    /** A restart: closes the store and opens a new one of the engine on the same storage and settings. */
    protected EventStore reopen() {
        store().close();
        return open(settings);
    }

    /** Closes every store the test opened. */
    @AfterEach
    void closeStores() {
        Collections.reverse(opened);
        opened.forEach(EventStore::close);
    }

    // ---- order and parallelism ---------------------------------------------------------------------------------

    @Test
    void aClaimedEventCarriesWhatWasInsertedAndCountsItsFirstAttempt() {
        NewEvent event = new NewEvent("trace-a", PATH, "repo-1", "delivery-1", clock.instant(),
                Map.of("X-GitHub-Event", List.of("issues"), "Content-Type", List.of("application/json")),
                bytes("{\"action\":\"opened\"}"));
        assertThat(insert(event)).isEqualTo(new InsertResult(InsertResult.Status.ACCEPTED, "trace-a"));

        List<Claim> claims = store().claim(PATH, 10, LEASE);

        assertThat(claims).hasSize(1);
        StoredEvent claimed = claims.get(0).event();
        assertThat(claimed.traceId()).isEqualTo("trace-a");
        assertThat(claimed.path()).isEqualTo(PATH);
        assertThat(claimed.groupKey()).isEqualTo("repo-1");
        assertThat(claimed.deliveryId()).isEqualTo("delivery-1");
        assertThat(claimed.receivedAt()).isEqualTo(event.receivedAt());
        assertThat(claimed.headers()).isEqualTo(event.headers());
        assertThat(new String(claimed.body(), StandardCharsets.UTF_8)).isEqualTo("{\"action\":\"opened\"}");
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claimed.state()).isEqualTo(EventState.RUNNING);
        assertThat(claims.get(0).leaseUntil()).isEqualTo(clock.instant().plus(LEASE));
        assertThat(store().find("trace-a")).get().extracting(StoredEvent::state).isEqualTo(EventState.RUNNING);
    }

    @Test
    void eventsOfOneKeyRunOneAtATimeInTheOrderTheyArrived() {
        List<String> sent = List.of(insertQueued("k"), insertQueued("k"), insertQueued("k"));
        List<String> ran = new ArrayList<>();

        for (int i = 0; i < sent.size(); i++) {
            List<Claim> claims = store().claim(PATH, 10, LEASE);
            assertThat(claims).as("only the head of the key is handed out").hasSize(1);
            assertThat(store().claim(PATH, 10, LEASE)).as("the key is held while its head runs").isEmpty();
            ran.add(claims.get(0).traceId());
            assertThat(store().complete(claims.get(0))).isTrue();
        }

        assertThat(ran).containsExactlyElementsOf(sent);
        assertThat(store().claim(PATH, 10, LEASE)).isEmpty();
    }

    @Test
    void differentKeysRunInParallelOldestFirst() {
        String a = insertQueued("a");
        String b = insertQueued("b");
        insertQueued("a");
        String c = insertQueued("c");

        List<Claim> claims = store().claim(PATH, 10, LEASE);

        assertThat(claims).extracting(Claim::traceId).containsExactly(a, b, c);
        assertThat(claims).extracting(Claim::token).doesNotHaveDuplicates();
    }

    @Test
    void aClaimHandsOutAtMostMaxEvents() {
        String a = insertQueued("a");
        String b = insertQueued("b");
        String c = insertQueued("c");

        assertThat(store().claim(PATH, 2, LEASE)).extracting(Claim::traceId).containsExactly(a, b);
        assertThat(store().claim(PATH, 2, LEASE)).extracting(Claim::traceId).containsExactly(c);
        assertThat(store().claim(PATH, 0, LEASE)).isEmpty();
    }

    @Test
    void pathsAreQueuedApart() {
        String onWebhook = insertQueued("k");
        String onOther = insert(event("/other", "k", null)).traceId();

        assertThat(store().claim(PATH, 10, LEASE)).extracting(Claim::traceId).containsExactly(onWebhook);
        assertThat(store().claim("/other", 10, LEASE)).extracting(Claim::traceId).containsExactly(onOther);
        assertThat(store().claim("/unknown", 10, LEASE)).isEmpty();
        assertThat(store().stats("/unknown")).isEqualTo(PathStats.EMPTY);
    }

    @Test
    void completingDeletesTheEventAndReleasesItsKey() {
        String first = insertQueued("k");
        String second = insertQueued("k");
        Claim claim = claimOne();

        assertThat(store().complete(claim)).isTrue();

        assertThat(store().find(first)).isEmpty();
        assertThat(claimOne().traceId()).isEqualTo(second);
        assertThat(store().complete(claim)).as("a finished claim changes nothing").isFalse();
    }

    // ---- retries ------------------------------------------------------------------------------------------------

    @Test
    void anEventWaitingForItsRetryKeepsItsKeyAndRunsAgainWhenDue() {
        String first = insertQueued("k");
        String behind = insertQueued("k");
        String other = insertQueued("other");
        Claim claim = store().claim(PATH, 1, LEASE).get(0);
        Instant retryAt = clock.instant().plusSeconds(10);

        assertThat(store().waitForRetry(claim, 1, retryAt, "Port answered 502")).isTrue();

        StoredEvent waiting = store().find(first).orElseThrow();
        assertThat(waiting.state()).isEqualTo(EventState.WAITING);
        assertThat(waiting.nextAttemptAt()).isEqualTo(retryAt);
        assertThat(waiting.lastError()).isEqualTo("Port answered 502");
        assertThat(store().nextDue(PATH)).contains(retryAt);
        assertThat(store().claim(PATH, 10, LEASE)).as("the waiting event blocks its key, not others")
                .extracting(Claim::traceId).containsExactly(other);

        clock.advance(Duration.ofSeconds(10));
        assertThat(store().claim(PATH, 10, LEASE)).as("its worker's lease still holds it").isEmpty();
        Optional<Claim> resumed = store().resume(claim, LEASE);

        assertThat(resumed).get().extracting(Claim::traceId).isEqualTo(first);
        assertThat(resumed.get().event().attempts()).isEqualTo(2);
        assertThat(resumed.get().event().state()).isEqualTo(EventState.RUNNING);
        assertThat(resumed.get().token()).isGreaterThan(claim.token());
        assertThat(resumed.get().firstClaimedAt()).isEqualTo(claim.firstClaimedAt());
        assertThat(store().nextDue(PATH)).isEmpty();
        assertThat(store().complete(claim)).as("the old claim is void").isFalse();
        assertThat(store().complete(resumed.get())).isTrue();
        assertThat(claimOne().traceId()).isEqualTo(behind);
    }

    @Test
    void aWaitingEventWhoseWorkerStoppedIsClaimedOnceDueAndItsLeaseRanOut() {
        String first = insertQueued("k");
        Claim claim = claimOne();
        store().waitForRetry(claim, 1, clock.instant().plusSeconds(5), "later");

        clock.advance(LEASE.minusSeconds(1));
        assertThat(store().renew(claim, LEASE)).as("a waiting worker renews its lease").isTrue();
        clock.advance(LEASE.minusSeconds(1));
        assertThat(store().claim(PATH, 10, LEASE)).as("due, but its worker lives").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        List<Claim> taken = store().claim(PATH, 10, LEASE);

        assertThat(taken).extracting(Claim::traceId).containsExactly(first);
        assertThat(taken.get(0).event().attempts()).as("the count goes on in the new owner").isEqualTo(2);
        assertThat(taken.get(0).firstClaimedAt()).as("and so does the time budget").isEqualTo(claim.firstClaimedAt());
        assertThat(store().resume(claim, LEASE)).as("the old worker learns it was taken over").isEmpty();
    }

    @Test
    void theFirstClaimStartsTheTimeBudgetAndLaterClaimsKeepIt() {
        insertQueued("k");
        Instant first = clock.instant();
        Claim claim = claimOne();
        assertThat(claim.firstClaimedAt()).isEqualTo(first);

        clock.advance(LEASE.plusSeconds(1));
        Claim again = claimOne();

        assertThat(again.firstClaimedAt()).isEqualTo(first);
        assertThat(again.event().attempts()).isEqualTo(2);
    }

    @Test
    void aReleasedClaimIsClaimableAtOnceAndCountsOnlyIfItRan() {
        String ran = insertQueued("ran");
        String prefetched = insertQueued("prefetched");
        List<Claim> claims = store().claim(PATH, 2, LEASE);
        Claim ranClaim = claims.get(0).traceId().equals(ran) ? claims.get(0) : claims.get(1);
        Claim prefetchedClaim = ranClaim == claims.get(0) ? claims.get(1) : claims.get(0);

        assertThat(store().release(ranClaim, true)).isTrue();
        assertThat(store().release(prefetchedClaim, false)).isTrue();

        List<Claim> again = store().claim(PATH, 10, LEASE);
        assertThat(again).extracting(Claim::traceId).containsExactlyInAnyOrder(ran, prefetched);
        assertThat(again).filteredOn(c -> c.traceId().equals(ran)).singleElement()
                .satisfies(c -> assertThat(c.event().attempts()).isEqualTo(2));
        assertThat(again).filteredOn(c -> c.traceId().equals(prefetched)).singleElement()
                .satisfies(c -> assertThat(c.event().attempts()).isEqualTo(1));
        assertThat(store().complete(ranClaim)).as("a released claim is void").isFalse();
        assertThat(store().release(ranClaim, true)).isFalse();
    }

    @Test
    void aReleasedWaitingEventKeepsItsRetryTimeAndIsClaimedWhenDue() {
        String first = insertQueued("k");
        Claim claim = claimOne();
        Instant retryAt = clock.instant().plusSeconds(5);
        store().waitForRetry(claim, 1, retryAt, "later");

        assertThat(store().release(claim, true)).isTrue();

        assertThat(store().find(first)).get().extracting(StoredEvent::state).isEqualTo(EventState.WAITING);
        assertThat(store().claim(PATH, 10, LEASE)).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        assertThat(store().claim(PATH, 10, LEASE)).extracting(Claim::traceId).containsExactly(first);
    }

    @Test
    void aWaitingEventsClaimMayStillFinishItUntilItIsClaimedAgain() {
        insertQueued("k");
        Claim claim = claimOne();
        assertThat(store().waitForRetry(claim, 1, clock.instant().plusSeconds(5), "timeout")).isTrue();

        assertThat(store().complete(claim)).isTrue();

        assertThat(store().stats(PATH).held()).isZero();
        assertThat(store().nextDue(PATH)).isEmpty();
    }

    @Test
    void aWaitingEventsLeaseIsRenewedAndItStaysWaiting() {
        insertQueued("k");
        Claim claim = claimOne();
        store().waitForRetry(claim, 1, clock.instant().plusSeconds(5), "later");

        assertThat(store().renew(claim, LEASE)).isTrue();
        assertThat(store().find(claim.traceId())).get().extracting(StoredEvent::state)
                .isEqualTo(EventState.WAITING);
    }

    @Test
    void nextDueIsEmptyWhenNothingWaitsForATime() {
        assertThat(store().nextDue(PATH)).isEmpty();
        insertQueued("k");
        assertThat(store().nextDue(PATH)).isEmpty();
        claimOne();
        assertThat(store().nextDue(PATH)).as("a lease end is not a due time").isEmpty();
    }

    // ---- dead letters and replay --------------------------------------------------------------------------------

    @Test
    void aDeadLetterKeepsItsBodyAndReleasesItsKey() {
        String first = insert(event(PATH, "k", null, "{\"n\":1}")).traceId();
        String behind = insertQueued("k");
        Claim claim = claimOne();

        assertThat(store().deadLetter(claim, "mapping failed")).isTrue();

        List<StoredEvent> letters = store().deadLetters(PATH, 10);
        assertThat(letters).extracting(StoredEvent::traceId).containsExactly(first);
        StoredEvent letter = letters.get(0);
        assertThat(letter.state()).isEqualTo(EventState.DEAD);
        assertThat(letter.lastError()).isEqualTo("mapping failed");
        assertThat(letter.failedAt()).isEqualTo(clock.instant());
        assertThat(letter.attempts()).isEqualTo(1);
        assertThat(new String(letter.body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
        assertThat(store().find(first)).get().extracting(StoredEvent::state).isEqualTo(EventState.DEAD);
        assertThat(store().stats(PATH)).extracting(PathStats::held, PathStats::dead, PathStats::deadBytes)
                .containsExactly(1L, 1L, 7L);
        assertThat(claimOne().traceId()).isEqualTo(behind);
        assertThat(store().complete(claim)).as("a dead letter's claim is spent").isFalse();
    }

    @Test
    void deadLettersAreListedOldestFirstUpToTheLimit() {
        List<String> dead = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            dead.add(insertQueued("k" + i));
        }
        insert(event("/other", "k", null));
        for (Claim claim : store().claim(PATH, 10, LEASE)) {
            clock.advance(Duration.ofSeconds(1));
            store().deadLetter(claim, "failed");
        }
        store().deadLetter(store().claim("/other", 1, LEASE).get(0), "failed");

        assertThat(store().deadLetters(PATH, 10)).extracting(StoredEvent::traceId).containsExactlyElementsOf(dead);
        assertThat(store().deadLetters(PATH, 2)).extracting(StoredEvent::traceId)
                .containsExactlyElementsOf(dead.subList(0, 2));
        assertThat(store().deadLetters("/other", 10)).hasSize(1);
    }

    /** Dead-letters every queued event of the path, a second apart, with the reasons in turn; their trace ids. */
    private List<String> deadLetterAll(String path, String... reasons) {
        List<String> traceIds = new ArrayList<>();
        int i = 0;
        for (Claim claim : store().claim(path, 100, LEASE)) {
            clock.advance(Duration.ofSeconds(1));
            store().deadLetter(claim, reasons[i++ % reasons.length]);
            traceIds.add(claim.traceId());
        }
        return traceIds;
    }

    @Test
    void deadLettersArePagedNewestFirstWithACursorAndNoBodies() {
        for (int i = 0; i < 5; i++) {
            insertQueued("k" + i);
        }
        List<String> dead = new ArrayList<>(deadLetterAll(PATH, "failed"));
        insertQueued("still-queued");
        Collections.reverse(dead);

        EventQuery first = new EventQuery(EventState.DEAD, PATH, null, null, null, null, Long.MAX_VALUE, 2);
        EventPage one = store().query(first);
        EventPage two = store().query(new EventQuery(EventState.DEAD, PATH, null, null, null, null,
                one.nextBeforeId(), 2));
        EventPage three = store().query(new EventQuery(EventState.DEAD, PATH, null, null, null, null,
                two.nextBeforeId(), 2));

        assertThat(one.events()).extracting(EventSummary::traceId).containsExactlyElementsOf(dead.subList(0, 2));
        assertThat(two.events()).extracting(EventSummary::traceId).containsExactlyElementsOf(dead.subList(2, 4));
        assertThat(three.events()).extracting(EventSummary::traceId).containsExactly(dead.get(4));
        assertThat(three.nextBeforeId()).as("the last page").isZero();
        EventSummary letter = one.events().get(0);
        assertThat(letter.state()).isEqualTo(EventState.DEAD);
        assertThat(letter.lastError()).isEqualTo("failed");
        assertThat(letter.bodyBytes()).isPositive();
        assertThat(letter.failedAt()).isEqualTo(clock.instant());
        assertThat(store().query(new EventQuery(EventState.QUEUED, PATH, null, null, null, null, Long.MAX_VALUE,
                10)).events()).hasSize(1);
    }

    @Test
    void deadLettersFilterByPathReasonFailureTimeAndDeliveryId() {
        Instant start = clock.instant();
        insert(event(PATH, "a", "delivery-1"));
        insert(event(PATH, "b", "delivery-2"));
        insert(event(PATH, "c", null));
        insert(event("/other", "d", null));
        List<String> dead = deadLetterAll(PATH, "timeout", "HTTP 500");
        deadLetterAll("/other", "timeout");

        assertThat(store().query(new EventQuery(EventState.DEAD, null, "timeout", null, null, null,
                Long.MAX_VALUE, 10)).events()).extracting(EventSummary::path)
                .containsExactlyInAnyOrder(PATH, PATH, "/other");
        assertThat(store().query(new EventQuery(EventState.DEAD, PATH, "HTTP 500", null, null, null,
                Long.MAX_VALUE, 10)).events()).extracting(EventSummary::traceId).containsExactly(dead.get(1));
        assertThat(store().query(new EventQuery(EventState.DEAD, PATH, null, null, null, "delivery-1",
                Long.MAX_VALUE, 10)).events()).extracting(EventSummary::traceId).containsExactly(dead.get(0));
        // failed at start + 1 s, 2 s, 3 s: [2 s, 3 s) holds the second only
        assertThat(store().query(new EventQuery(EventState.DEAD, PATH, null, start.plusSeconds(2),
                start.plusSeconds(3), null, Long.MAX_VALUE, 10)).events()).extracting(EventSummary::traceId)
                .containsExactly(dead.get(1));
    }

    @Test
    void aDiscardedDeadLetterIsGoneForGoodAndOnlyDeadLettersAreDiscarded() {
        insertQueued("a");
        insertQueued("b");
        String dead = deadLetterAll(PATH, "failed").get(0);
        String queued = insertQueued("c");

        assertThat(store().discard(dead)).isTrue();
        assertThat(store().discard(dead)).as("twice").isFalse();
        assertThat(store().discard(queued)).as("not a dead letter").isFalse();
        assertThat(store().discard("unknown")).isFalse();
        assertThat(store().find(dead)).isEmpty();
        assertThat(store().find(queued)).isPresent();
        assertThat(store().deadLetters(PATH, 10)).hasSize(1);
        assertThat(store().deadLetterCounts(List.of(PATH))).extracting(DeadLetterCount::count).containsExactly(1L);
    }

    // ---- paused paths -------------------------------------------------------------------------------------------

    @Test
    void aPausedPathStillAcceptsEventsButHandsOutNoneUntilResumed() {
        String before = insertQueued("a");
        store().pausePath(PATH);
        String during = insertQueued("b");
        String onOther = insert(event("/other", "k", null)).traceId();

        assertThat(store().pausedPaths()).containsExactly(PATH);
        assertThat(store().claim(PATH, 10, LEASE)).as("paused").isEmpty();
        assertThat(store().find(during)).as("accepted and stored while paused").isPresent();
        assertThat(store().stats(PATH).held()).isEqualTo(2);
        assertThat(store().claim("/other", 10, LEASE)).as("other paths run").extracting(Claim::traceId)
                .containsExactly(onOther);

        store().pausePath(PATH);
        store().resumePath(PATH);

        assertThat(store().pausedPaths()).isEmpty();
        assertThat(store().claim(PATH, 10, LEASE)).extracting(Claim::traceId).containsExactly(before, during);
        store().resumePath(PATH); // resuming a running path changes nothing
    }

    @Test
    void aPauseIsKeptAcrossARestart() {
        assumeTrue(durable(), "the engine is not durable");
        String queued = insertQueued("a");
        store().pausePath(PATH);

        reopen();
        store().recover();

        assertThat(store().pausedPaths()).containsExactly(PATH);
        assertThat(store().claim(PATH, 10, LEASE)).isEmpty();
        store().resumePath(PATH);
        reopen();
        assertThat(store().pausedPaths()).isEmpty();
        assertThat(store().claim(PATH, 10, LEASE)).extracting(Claim::traceId).containsExactly(queued);
    }

    @Test
    void deadLettersAreCountedPerPathAndReason() {
        for (int i = 0; i < 3; i++) {
            insertQueued("k" + i);
        }
        insert(event("/other", "k", null));
        deadLetterAll(PATH, "timeout", "timeout", "HTTP 500");
        deadLetterAll("/other", "timeout");
        insertQueued("queued");

        assertThat(store().deadLetterCounts(List.of(PATH, "/other")))
                .extracting(DeadLetterCount::path, DeadLetterCount::reason, DeadLetterCount::count)
                .containsExactlyInAnyOrder(tuple("/other", "timeout", 1L), tuple(PATH, "HTTP 500", 1L),
                        tuple(PATH, "timeout", 2L));
    }

    @Test
    void deadLettersAreCountedOnlyForTheGivenPaths() {
        insertQueued("k");
        insert(event("/other", "k", null));
        deadLetterAll(PATH, "timeout");
        deadLetterAll("/other", "timeout");

        assertThat(store().deadLetterCounts(List.of(PATH)))
                .extracting(DeadLetterCount::path, DeadLetterCount::count).containsExactly(tuple(PATH, 1L));
        assertThat(store().deadLetterCounts(List.of("/nowhere"))).isEmpty();
        assertThat(store().deadLetterCounts(List.of())).isEmpty();
    }

    @Test
    void aReplayedDeadLetterRunsAfterWhatIsQueuedForItsKeyWithANewIdAndNoAttempts() {
        String failed = insertQueued("k");
        Claim claim = claimOne();
        store().deadLetter(claim, "failed");
        String queued = insertQueued("k");
        clock.advance(Duration.ofSeconds(3));

        assertThat(store().replay(failed)).isEqualTo(ReplayResult.REPLAYED);

        StoredEvent replayed = store().find(failed).orElseThrow();
        assertThat(replayed.state()).isEqualTo(EventState.QUEUED);
        assertThat(replayed.attempts()).isZero();
        assertThat(replayed.id()).isGreaterThan(claim.event().id());
        assertThat(replayed.nextAttemptAt()).isEqualTo(clock.instant());
        assertThat(store().deadLetters(PATH, 10)).isEmpty();
        Claim next = claimOne();
        assertThat(next.traceId()).isEqualTo(queued);
        store().complete(next);
        Claim again = claimOne();
        assertThat(again.traceId()).isEqualTo(failed);
        assertThat(again.event().attempts()).isEqualTo(1);
        assertThat(again.event().body()).isEqualTo(claim.event().body());
    }

    @Test
    void replayingWhatIsNotADeadLetterFindsNothing() {
        String held = insertQueued("k");

        assertThat(store().replay("no-such-trace")).isEqualTo(ReplayResult.NOT_FOUND);
        assertThat(store().replay(held)).isEqualTo(ReplayResult.NOT_FOUND);
        assertThat(store().find(held)).get().extracting(StoredEvent::state).isEqualTo(EventState.QUEUED);
    }

    @Test
    void replayingIntoAFullPathKeepsTheDeadLetter() {
        open(settings(1, Long.MAX_VALUE, 10, Long.MAX_VALUE, WINDOW));
        String failed = insertQueued("k");
        store().deadLetter(claimOne(), "failed");
        insertQueued("k");

        assertThat(store().replay(failed)).isEqualTo(ReplayResult.FULL);

        assertThat(store().deadLetters(PATH, 10)).extracting(StoredEvent::traceId).containsExactly(failed);
    }

    @Test
    void deadLettersPastTheirCountAreEvictedOldestFirst() {
        open(settings(100, Long.MAX_VALUE, 2, Long.MAX_VALUE, WINDOW));
        List<String> traces = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            traces.add(insertQueued("k"));
            store().deadLetter(claimOne(), "failed");
        }

        assertThat(store().deadLetters(PATH, 10)).extracting(StoredEvent::traceId)
                .containsExactlyElementsOf(traces.subList(1, 3));
        assertThat(store().find(traces.get(0))).isEmpty();
        assertThat(store().stats(PATH).dead()).isEqualTo(2);
    }

    @Test
    void deadLettersPastTheirBytesAreEvictedOldestFirst() {
        open(settings(100, Long.MAX_VALUE, 100, 25, WINDOW));
        List<String> traces = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            traces.add(insert(event(PATH, "k", null, "0123456789")).traceId());
            store().deadLetter(claimOne(), "failed");
        }

        assertThat(store().deadLetters(PATH, 10)).extracting(StoredEvent::traceId)
                .containsExactlyElementsOf(traces.subList(1, 3));
        assertThat(store().stats(PATH).deadBytes()).isEqualTo(20);
    }

    // ---- leases and fencing -------------------------------------------------------------------------------------

    @Test
    void aLiveLeaseKeepsTheEventFromOtherWorkers() {
        insertQueued("k");
        claimOne();

        clock.advance(LEASE.minusSeconds(1));

        assertThat(store().claim(PATH, 10, LEASE)).isEmpty();
    }

    @Test
    void anEventWhoseLeaseRanOutIsClaimedAgainWithOneMoreAttempt() {
        String trace = insertQueued("k");
        Claim first = claimOne();

        clock.advance(LEASE);
        List<Claim> again = store().claim(PATH, 10, LEASE);

        assertThat(again).extracting(Claim::traceId).containsExactly(trace);
        assertThat(again.get(0).event().attempts()).isEqualTo(2);
        assertThat(again.get(0).token()).isGreaterThan(first.token());
    }

    @Test
    void aClaimTakenOverChangesNothing() {
        String trace = insertQueued("k");
        Claim stale = claimOne();
        clock.advance(LEASE.plusSeconds(1));
        Claim current = claimOne();

        assertThat(store().renew(stale, LEASE)).isFalse();
        assertThat(store().waitForRetry(stale, 5, clock.instant().plusSeconds(60), "stale")).isFalse();
        assertThat(store().deadLetter(stale, "stale")).isFalse();
        assertThat(store().complete(stale)).isFalse();

        StoredEvent event = store().find(trace).orElseThrow();
        assertThat(event.state()).isEqualTo(EventState.RUNNING);
        assertThat(event.attempts()).isEqualTo(2);
        assertThat(store().deadLetters(PATH, 10)).isEmpty();
        assertThat(store().complete(current)).isTrue();
        assertThat(store().find(trace)).isEmpty();
    }

    @Test
    void aClaimWhoseLeaseRanOutStillWritesWhileNoOneTookItOver() {
        insertQueued("k");
        Claim claim = claimOne();
        clock.advance(LEASE.plusSeconds(1));

        assertThat(store().complete(claim)).isTrue();
    }

    @Test
    void renewingALeaseKeepsTheEventLonger() {
        String trace = insertQueued("k");
        Claim claim = claimOne();
        clock.advance(Duration.ofSeconds(20));

        assertThat(store().renew(claim, LEASE)).isTrue();

        clock.advance(Duration.ofSeconds(20));
        assertThat(store().claim(PATH, 10, LEASE)).as("renewed until 50 s").isEmpty();
        clock.advance(Duration.ofSeconds(10));
        assertThat(store().claim(PATH, 10, LEASE)).extracting(Claim::traceId).containsExactly(trace);
    }

    // ---- deduplication ------------------------------------------------------------------------------------------

    @Test
    void aDeliveryIdIsADuplicateForExactlyTheWindowByAge() {
        String first = insert(event(PATH, "k", "delivery-1")).traceId();

        InsertResult again = insert(event(PATH, "k", "delivery-1"));
        assertThat(again).isEqualTo(new InsertResult(InsertResult.Status.DUPLICATE, first));
        clock.advance(WINDOW.minusMillis(1));
        assertThat(insert(event(PATH, "k", "delivery-1")).status()).isEqualTo(InsertResult.Status.DUPLICATE);
        clock.advance(Duration.ofMillis(1));
        InsertResult afterWindow = insert(event(PATH, "k", "delivery-1"));

        assertThat(afterWindow.status()).isEqualTo(InsertResult.Status.ACCEPTED);
        assertThat(store().stats(PATH).held()).isEqualTo(2);
    }

    @Test
    void manyNewerIdsDoNotPushOutAnIdWithinTheWindow() {
        open(settings(10_000, 64L * 1024 * 1024, 10, 1024, WINDOW));
        String first = insert(event(PATH, "k", "old")).traceId();
        List<CompletableFuture<InsertResult>> newer = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            clock.advance(Duration.ofMillis(1));
            newer.add(store().insert(event(PATH, "k" + (i % 50), "newer-" + i)).toCompletableFuture());
        }
        newer.forEach(CompletableFuture::join);

        assertThat(insert(event(PATH, "k", "old"))).isEqualTo(
                new InsertResult(InsertResult.Status.DUPLICATE, first));
    }

    @Test
    void deliveryIdsAreRememberedPerPathAndOnlyWhenGiven() {
        insert(event(PATH, "k", "delivery-1"));

        assertThat(insert(event("/other", "k", "delivery-1")).status()).isEqualTo(InsertResult.Status.ACCEPTED);
        assertThat(insert(event(PATH, "k", null)).status()).isEqualTo(InsertResult.Status.ACCEPTED);
        assertThat(insert(event(PATH, "k", null)).status()).isEqualTo(InsertResult.Status.ACCEPTED);
    }

    @Test
    void aFinishedEventsDeliveryIdIsStillRemembered() {
        String first = insert(event(PATH, "k", "delivery-1")).traceId();
        store().complete(claimOne());

        assertThat(insert(event(PATH, "k", "delivery-1"))).isEqualTo(
                new InsertResult(InsertResult.Status.DUPLICATE, first));
    }

    @Test
    void aDeadLettersDeliveryIdIsForgottenSoTheSenderMayDeliverAgain() {
        insert(event(PATH, "k", "delivery-1"));
        store().deadLetter(claimOne(), "failed");

        assertThat(insert(event(PATH, "k", "delivery-1")).status()).isEqualTo(InsertResult.Status.ACCEPTED);
    }

    @Test
    void purgingForgetsExactlyTheIdsOlderThanTheWindow() {
        insert(event(PATH, "k", "old-1"));
        insert(event(PATH, "k", "old-2"));
        clock.advance(WINDOW.dividedBy(2));
        String young = insert(event(PATH, "k", "young")).traceId();
        clock.advance(WINDOW.dividedBy(2));

        assertThat(store().purgeDeliveryIds()).isEqualTo(2);

        assertThat(insert(event(PATH, "k", "young"))).isEqualTo(
                new InsertResult(InsertResult.Status.DUPLICATE, young));
        assertThat(insert(event(PATH, "k", "old-1")).status()).isEqualTo(InsertResult.Status.ACCEPTED);
        assertThat(store().purgeDeliveryIds()).isZero();
    }

    // ---- limits -------------------------------------------------------------------------------------------------

    @Test
    void aPathHoldsAtMostQueueCapacityEventsRunningAndWaitingIncluded() {
        open(settings(3, Long.MAX_VALUE, 10, Long.MAX_VALUE, WINDOW));
        insertQueued("a");
        insertQueued("b");
        Claim running = store().claim(PATH, 1, LEASE).get(0);
        Claim waiting = store().claim(PATH, 1, LEASE).get(0);
        store().waitForRetry(waiting, 1, clock.instant().plusSeconds(60), "later");
        insertQueued("c");

        InsertResult full = insert(event(PATH, "d", null));

        assertThat(full.status()).isEqualTo(InsertResult.Status.FULL_COUNT);
        assertThat(store().find(full.traceId())).isEmpty();
        assertThat(insert(event("/other", "d", null)).status()).as("per path").isEqualTo(
                InsertResult.Status.ACCEPTED);
        store().complete(running);
        assertThat(insert(event(PATH, "d", null)).status()).isEqualTo(InsertResult.Status.ACCEPTED);
    }

    @Test
    void aPathHoldsAtMostQueueMaxBytesOfBodies() {
        open(settings(100, 10, 10, Long.MAX_VALUE, WINDOW));
        assertThat(insert(event(PATH, "k", null, "123456")).status()).isEqualTo(InsertResult.Status.ACCEPTED);

        assertThat(insert(event(PATH, "k", null, "12345")).status()).isEqualTo(InsertResult.Status.FULL_BYTES);
        assertThat(insert(event(PATH, "k", null, "1234")).status()).isEqualTo(InsertResult.Status.ACCEPTED);
        assertThat(store().stats(PATH).heldBytes()).isEqualTo(10);
    }

    @Test
    void aDuplicateIsAnsweredAsSuchEvenWhenThePathIsFull() {
        open(settings(1, Long.MAX_VALUE, 10, Long.MAX_VALUE, WINDOW));
        String first = insert(event(PATH, "k", "delivery-1")).traceId();

        assertThat(insert(event(PATH, "k", "delivery-1"))).isEqualTo(
                new InsertResult(InsertResult.Status.DUPLICATE, first));
    }

    @Test
    void statsCountWhatThePathHolds() {
        Instant start = clock.instant();
        insert(event(PATH, "a", null, "12345"));
        clock.advance(Duration.ofSeconds(1));
        insert(event(PATH, "b", null, "123"));
        store().claim(PATH, 1, LEASE);

        assertThat(store().stats(PATH)).isEqualTo(new PathStats(2, 8, start, 0, 0));
    }

    // ---- restore and recover ------------------------------------------------------------------------------------

    @Test
    void restoredEventsKeepTheirStateAttemptsAndTimes() {
        Instant receivedAt = clock.instant().minusSeconds(100);
        Instant retryAt = clock.instant().plusSeconds(30);
        store().restore(stored("restored-waiting", "k", "d-1", receivedAt, 3, retryAt, EventState.WAITING));
        store().restore(stored("restored-dead", "j", null, receivedAt, 5, receivedAt, EventState.DEAD));
        store().restore(stored("restored-queued", "j", null, receivedAt, 0, receivedAt, EventState.QUEUED));

        StoredEvent waiting = store().find("restored-waiting").orElseThrow();
        assertThat(waiting.attempts()).isEqualTo(3);
        assertThat(waiting.receivedAt()).isEqualTo(receivedAt);
        assertThat(waiting.nextAttemptAt()).isEqualTo(retryAt);
        assertThat(store().deadLetters(PATH, 10)).extracting(StoredEvent::traceId).containsExactly("restored-dead");
        List<Claim> now = store().claim(PATH, 10, LEASE);
        assertThat(now).extracting(Claim::traceId).containsExactly("restored-queued");
        store().complete(now.get(0));
        clock.advance(Duration.ofSeconds(30));
        List<Claim> due = store().claim(PATH, 10, LEASE);
        assertThat(due).extracting(Claim::traceId).containsExactly("restored-waiting");
        assertThat(due.get(0).event().attempts()).isEqualTo(4);
    }

    @Test
    void restoredEventsGetIdsAfterThoseAlreadyHeld() {
        String held = insertQueued("k");
        StoredEvent restored = stored("restored", "k", null, clock.instant().minusSeconds(60), 0,
                clock.instant().minusSeconds(60), EventState.QUEUED);

        store().restore(restored);

        assertThat(store().find("restored").orElseThrow().id()).isGreaterThan(store().find(held).orElseThrow().id());
        assertThat(claimOne().traceId()).isEqualTo(held);
    }

    @Test
    void theDeliveryIdsOfRestoredEventsCountAsSeen() {
        store().restore(stored("restored", "k", "delivery-1", clock.instant().minusSeconds(3_600), 0,
                clock.instant().minusSeconds(3_600), EventState.QUEUED));

        assertThat(insert(event(PATH, "k", "delivery-1"))).isEqualTo(
                new InsertResult(InsertResult.Status.DUPLICATE, "restored"));
    }

    @Test
    void aRestoredDeadLettersDeliveryIdDoesNotCountAsSeen() {
        store().restore(stored("restored-dead", "k", "delivery-1", clock.instant(), 3, clock.instant(),
                EventState.DEAD));

        assertThat(insert(event(PATH, "k", "delivery-1")).status()).isEqualTo(InsertResult.Status.ACCEPTED);
    }

    @Test
    void aRestoredRunningEventHasNoWorkerAndRunsAgain() {
        store().restore(stored("restored-running", "k", null, clock.instant(), 1, clock.instant(),
                EventState.RUNNING));

        Claim claim = claimOne();

        assertThat(claim.traceId()).isEqualTo("restored-running");
        assertThat(claim.event().attempts()).isEqualTo(2);
    }

    @Test
    void recoveringQueuesWaitingEventsAgainKeepingTheirRetryTime() {
        Instant retryAt = clock.instant().plusSeconds(30);
        store().restore(stored("restored-waiting", "k", null, clock.instant(), 2, retryAt, EventState.WAITING));

        int recovered = store().recover();

        if (!shared()) {
            assertThat(recovered).isEqualTo(1);
            assertThat(store().find("restored-waiting").orElseThrow().state()).isEqualTo(EventState.QUEUED);
        }
        assertThat(store().claim(PATH, 10, LEASE)).isEmpty();
        assertThat(store().nextDue(PATH)).contains(retryAt);
        clock.advance(Duration.ofSeconds(30));
        Claim claim = claimOne();
        assertThat(claim.traceId()).isEqualTo("restored-waiting");
        assertThat(claim.event().attempts()).isEqualTo(3);
    }

    // ---- concurrency --------------------------------------------------------------------------------------------

    @Test
    void concurrentInsertsAreAllKeptInEachSendersOrder() throws Exception {
        int senders = 8;
        int perSender = 100;
        EventStore shared = open(settings(10_000, 64L * 1024 * 1024, 10, 1024, WINDOW));
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<List<String>>> sent = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                String key = "sender-" + s;
                sent.add(pool.submit(() -> {
                    List<String> traces = new ArrayList<>();
                    List<CompletableFuture<InsertResult>> unordered = new ArrayList<>();
                    for (int i = 0; i < perSender; i++) {
                        // Half waits for each answer (so its order is defined); half fires and waits later.
                        traces.add(insert(event(PATH, key, key + "-" + i)).traceId());
                        unordered.add(shared.insert(event(PATH, key + "-unordered", null)).toCompletableFuture());
                    }
                    for (CompletableFuture<InsertResult> answer : unordered) {
                        assertThat(answer.get(30, TimeUnit.SECONDS).status())
                                .isEqualTo(InsertResult.Status.ACCEPTED);
                    }
                    return traces;
                }));
            }
            List<List<String>> expected = new ArrayList<>();
            for (Future<List<String>> traces : sent) {
                expected.add(traces.get(60, TimeUnit.SECONDS));
            }

            assertThat(store().stats(PATH).held()).isEqualTo(2L * senders * perSender);
            Map<String, List<String>> ran = drain(PATH);
            for (int s = 0; s < senders; s++) {
                assertThat(ran.get("sender-" + s)).containsExactlyElementsOf(expected.get(s));
                assertThat(ran.get("sender-" + s + "-unordered")).hasSize(perSender);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void workersClaimingWhileSendersInsertNeverRunOneKeyTwiceAtOnceAndKeepItsOrder() throws Exception {
        int senders = 4;
        int perSender = 150;
        int workers = 4;
        EventStore shared = open(settings(10_000, 64L * 1024 * 1024, 10, 1024, WINDOW));
        java.util.Set<String> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Map<String, List<Long>> ran = new java.util.concurrent.ConcurrentHashMap<>();
        List<String> overlaps = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger completed = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        ExecutorService pool = Executors.newFixedThreadPool(senders + workers);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                // Two senders share each of two keys, and each has a key of its own.
                String sharedKey = "shared-" + (s % 2);
                String ownKey = "own-" + s;
                all.add(pool.submit(() -> {
                    for (int i = 0; i < perSender; i++) {
                        insert(event(PATH, i % 2 == 0 ? sharedKey : ownKey, null));
                    }
                    return null;
                }));
            }
            for (int w = 0; w < workers; w++) {
                all.add(pool.submit(() -> {
                    while (completed.get() < senders * perSender && System.nanoTime() < deadline) {
                        for (Claim claim : shared.claim(PATH, 4, LEASE)) {
                            String key = claim.event().groupKey();
                            if (!running.add(key)) {
                                overlaps.add(key);
                            }
                            ran.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>()))
                                    .add(claim.event().id());
                            running.remove(key); // before complete: after it, the key's next event may run
                            assertThat(shared.complete(claim)).isTrue();
                            completed.incrementAndGet();
                        }
                        Thread.onSpinWait();
                    }
                    return null;
                }));
            }
            for (Future<?> task : all) {
                task.get(120, TimeUnit.SECONDS);
            }

            assertThat(overlaps).as("keys claimed while one of their events ran").isEmpty();
            assertThat(completed.get()).isEqualTo(senders * perSender);
            assertThat(ran).hasSize(6);
            ran.forEach((key, ids) -> assertThat(ids).as("ids of %s in the order they ran", key).isSorted());
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- restart (durable engines) ------------------------------------------------------------------------------

    @Test
    void aRestartKeepsQueuedWaitingRunningAndDeadEventsAndTheDeliveryIds() {
        assumeTrue(durable(), "the engine is not durable");
        String running = insert(event(PATH, "running", "d-running", "{\"r\":1}")).traceId();
        String waiting = insert(event(PATH, "waiting", "d-waiting")).traceId();
        String dead = insert(event(PATH, "dead", "d-dead")).traceId();
        List<Claim> claims = store().claim(PATH, 3, LEASE);
        store().waitForRetry(claims.get(1), 1, clock.instant().plusSeconds(60), "retry later");
        store().deadLetter(claims.get(2), "failed for good");
        String queuedBehind = insertQueued("running");
        String queued = insertQueued("queued");

        reopen();
        int recovered = store().recover();

        if (!shared()) {
            assertThat(recovered).isEqualTo(2);
        }
        clock.advance(LEASE);
        List<Claim> afterRestart = store().claim(PATH, 10, LEASE);
        assertThat(afterRestart).extracting(Claim::traceId).containsExactly(running, queued);
        StoredEvent rerun = afterRestart.get(0).event();
        assertThat(rerun.attempts()).as("the run cut short counts").isEqualTo(2);
        assertThat(new String(rerun.body(), StandardCharsets.UTF_8)).isEqualTo("{\"r\":1}");
        assertThat(afterRestart.get(0).token()).isGreaterThan(claims.get(0).token());
        assertThat(store().complete(claims.get(0))).as("a claim from before the restart is stale").isFalse();
        assertThat(store().find(waiting).orElseThrow().nextAttemptAt()).isEqualTo(claims.get(1).leaseUntil()
                .minus(LEASE).plusSeconds(60));
        assertThat(store().deadLetters(PATH, 10)).extracting(StoredEvent::traceId, StoredEvent::lastError)
                .containsExactly(tuple(dead, "failed for good"));
        assertThat(insert(event(PATH, "x", "d-running")).status()).isEqualTo(InsertResult.Status.DUPLICATE);
        assertThat(insert(event(PATH, "x", "d-dead")).status()).isEqualTo(InsertResult.Status.ACCEPTED);
        store().complete(afterRestart.get(0));
        assertThat(claimOne().traceId()).isEqualTo(queuedBehind);
        clock.advance(Duration.ofSeconds(30));
        assertThat(store().claim(PATH, 10, LEASE)).extracting(Claim::traceId).contains(waiting);
    }

    @Test
    void aRestartKeepsTheOrderOfEachKey() {
        assumeTrue(durable(), "the engine is not durable");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(insertQueued("k"));
        }
        store().complete(claimOne());

        reopen();
        store().recover();

        assertThat(drain(PATH).get("k")).containsExactlyElementsOf(sent.subList(1, sent.size()));
    }

    @Test
    void aRestartKeepsTheDeduplicationWindowByAge() {
        assumeTrue(durable(), "the engine is not durable");
        String first = insert(event(PATH, "k", "delivery-1")).traceId();
        clock.advance(WINDOW.minusSeconds(1));

        reopen();

        assertThat(insert(event(PATH, "k", "delivery-1"))).isEqualTo(
                new InsertResult(InsertResult.Status.DUPLICATE, first));
        clock.advance(Duration.ofSeconds(1));
        assertThat(insert(event(PATH, "k", "delivery-1")).status()).isEqualTo(InsertResult.Status.ACCEPTED);
    }

    @Test
    void aReplayAfterARestartRunsTheDeadLetter() {
        assumeTrue(durable(), "the engine is not durable");
        String failed = insertQueued("k");
        store().deadLetter(claimOne(), "failed");

        reopen();

        assertThat(store().replay(failed)).isEqualTo(ReplayResult.REPLAYED);
        assertThat(claimOne().traceId()).isEqualTo(failed);
    }

    // ---- misuse -------------------------------------------------------------------------------------------------

    @Test
    void aStoreThatIsNotOpenSaysSo() {
        EventStore unopened = newStore();
        opened.add(unopened);

        assertThatThrownBy(() -> unopened.claim(PATH, 1, LEASE)).isInstanceOf(RuntimeException.class)
                .hasMessageContaining("open");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** Claims exactly one event of {@link #PATH}, failing the test when none or more may run. */
    protected Claim claimOne() {
        List<Claim> claims = store().claim(PATH, 1, LEASE);
        assertThat(claims).as("one claimable event").hasSize(1);
        return claims.get(0);
    }

    /** Inserts and waits for the answer. */
    protected InsertResult insert(NewEvent event) {
        try {
            return store().insert(event).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("insert of " + event.traceId() + " failed", e);
        }
    }

    /** Inserts an event of {@link #PATH} with this group key, asserting it is accepted; returns its trace id. */
    protected String insertQueued(String groupKey) {
        InsertResult result = insert(event(PATH, groupKey, null));
        assertThat(result.status()).isEqualTo(InsertResult.Status.ACCEPTED);
        return result.traceId();
    }

    /** A new event with a fresh trace id and a small JSON body. */
    protected NewEvent event(String path, String groupKey, String deliveryId) {
        return event(path, groupKey, deliveryId, "{\"n\":" + traces.get() + "}");
    }

    /** A new event with a fresh trace id and this body. */
    protected NewEvent event(String path, String groupKey, String deliveryId, String body) {
        return new NewEvent("trace-" + traces.incrementAndGet(), path, groupKey, deliveryId, clock.instant(),
                Map.of("Content-Type", List.of("application/json")), bytes(body));
    }

    private StoredEvent stored(String traceId, String groupKey, String deliveryId, Instant receivedAt, int attempts,
                               Instant nextAttemptAt, EventState state) {
        return new StoredEvent(0, traceId, PATH, groupKey, deliveryId, receivedAt,
                Map.of("Content-Type", List.of("application/json")), bytes("{\"restored\":true}"), attempts,
                nextAttemptAt, state, state == EventState.DEAD ? "failed before" : null,
                state == EventState.DEAD ? receivedAt : null);
    }

    /** Runs every event of the path to completion, one claim at a time per key; the trace ids each key ran. */
    private Map<String, List<String>> drain(String path) {
        Map<String, List<String>> ran = new java.util.HashMap<>();
        while (true) {
            List<Claim> claims = store().claim(path, 64, LEASE);
            if (claims.isEmpty()) {
                return ran;
            }
            for (Claim claim : claims) {
                ran.computeIfAbsent(claim.event().groupKey(), k -> new ArrayList<>()).add(claim.traceId());
                assertThat(store().complete(claim)).isTrue();
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
