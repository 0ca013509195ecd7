package io.ocean.webhook.internal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocean.core.LocalCatalog;
import io.ocean.core.config.PortAppConfig;
import io.ocean.webhook.ResyncOutcome;
import io.ocean.webhook.store.DeadLetterCount;
import io.ocean.webhook.store.EventPage;
import io.ocean.webhook.store.EventQuery;
import io.ocean.webhook.store.EventState;
import io.ocean.webhook.store.EventSummary;
import io.ocean.webhook.store.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The bulk actions over a host that holds its dead letters in a map: the discard bound, a replay that cannot start. */
class ConsoleActionsTest {

    private static final DeadLetterFilter ALL = new DeadLetterFilter(null, null, null, null, null);

    /** Dead letters by id; replay takes one out (as the runtime queues it again) unless {@code refuse} says no. */
    static final class Host implements ConsoleHost {
        final ConcurrentSkipListMap<Long, StoredEvent> dead = new ConcurrentSkipListMap<>();
        volatile Predicate<String> refuse = traceId -> false;
        /** Trace ids that are gone by the time their turn comes (discarded by someone else meanwhile). */
        final Set<String> vanishing = java.util.concurrent.ConcurrentHashMap.newKeySet();

        Host(int count) {
            Instant at = Instant.parse("2026-12-08T00:00:00Z");
            for (long id = 1; id <= count; id++) {
                dead.put(id, new StoredEvent(id, "t" + id, "/webhook", "g", null, at, Map.of(), "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, at,
                        EventState.DEAD, "boom", at));
            }
        }

        /** Thrown by {@link #events} when set: the store failing under a running replay. */
        volatile RuntimeException failure;

        @Override
        public EventPage events(EventQuery query) {
            if (failure != null) {
                throw failure;
            }
            List<EventSummary> matching = new ArrayList<>();
            for (StoredEvent event : dead.descendingMap().values()) {
                EventSummary summary = EventSummary.of(event);
                if (query.matches(summary) && matching.size() <= query.limit()) {
                    matching.add(summary);
                }
            }
            return EventPage.of(matching, query);
        }

        @Override
        public List<DeadLetterCount> deadLetterCounts() {
            return List.of();
        }

        @Override
        public Optional<StoredEvent> heldEvent(String traceId) {
            if (vanishing.remove(traceId)) {
                discard(traceId);
            }
            return dead.values().stream().filter(event -> event.traceId().equals(traceId)).findFirst();
        }

        @Override
        public boolean discard(String traceId) {
            return dead.values().removeIf(event -> event.traceId().equals(traceId));
        }

        @Override
        public boolean replay(String traceId) {
            return !refuse.test(traceId) && discard(traceId);
        }

        @Override
        public boolean setPaused(String path, boolean paused) {
            return true;
        }

        @Override
        public PortAppConfig portAppConfig() {
            return null;
        }

        @Override
        public LocalCatalog localCatalog() {
            throw new IllegalStateException("none");
        }

        @Override
        public ResyncOutcome lastResync() {
            return null;
        }

        @Override
        public Instant resyncRunningSince() {
            return null;
        }
    }

    private static ConsoleActions actions(Host host, java.util.concurrent.ThreadFactory threads, int discardAtMost) {
        return new ConsoleActions(host, new RecentEvents(10, 1_000, Clock.systemUTC()), null, 1_000, threads,
                discardAtMost);
    }

    private static ReplayJob awaitEnd(ConsoleActions actions) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (actions.lastReplay().running()) {
            assertThat(System.nanoTime()).as("the replay ends within 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
        return actions.lastReplay();
    }

    @Test
    void aDiscardDeletesAtMostItsBoundTheNewestFirstAndSaysMoreMatch() {
        Host host = new Host(7);
        ConsoleActions actions = actions(host, Thread::new, 3);

        ConsoleActions.Discarded unconfirmed = actions.discard(ALL, null, "test");
        assertThat(unconfirmed.confirmed()).isFalse();
        assertThat(unconfirmed.matched()).as("the bound, not all seven").isEqualTo(3);
        assertThat(unconfirmed.more()).isTrue();
        assertThat(host.dead).hasSize(7);

        ConsoleActions.Discarded first = actions.discard(ALL, "3", "test");
        assertThat(first.discarded()).isEqualTo(3);
        assertThat(first.more()).isTrue();
        assertThat(host.dead.keySet()).containsExactly(1L, 2L, 3L, 4L);

        actions.discard(ALL, "3", "test");
        ConsoleActions.Discarded last = actions.discard(ALL, "1", "test");
        assertThat(last.discarded()).isEqualTo(1);
        assertThat(last.more()).isFalse();
        assertThat(host.dead).isEmpty();
    }

    @Test
    void aReplayWhoseThreadCannotStartFailsAndDoesNotBlockTheNext() {
        Host host = new Host(2);
        java.util.concurrent.atomic.AtomicBoolean failOnce = new java.util.concurrent.atomic.AtomicBoolean(true);
        ConsoleActions actions = actions(host, work -> {
            if (failOnce.getAndSet(false)) {
                throw new OutOfMemoryError("unable to create native thread");
            }
            return new Thread(work);
        }, 10);

        assertThatThrownBy(() -> actions.start(ALL, "test")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not start");
        assertThat(actions.lastReplay().toJson().path("status").asText()).isEqualTo("failed");

        assertThat(actions.start(ALL, "test")).as("not refused as if the failed one still ran").isNotNull();
        ReplayJob done = awaitEnd(actions);
        assertThat(done.replayed()).as(done.toJson().toString()).isEqualTo(2);
    }

    @Test
    void aBulkReplayCountsTheDeadLettersThatWereGoneApartFromTheRefused() {
        Host host = new Host(4);
        host.vanishing.add("t2");
        host.refuse = "t3"::equals;
        ConsoleActions actions = actions(host, Thread::new, 10);

        assertThat(actions.start(ALL, "test")).isNotNull();
        ReplayJob done = awaitEnd(actions);

        assertThat(done.toJson().path("replayed").asInt()).as(done.toJson().toString()).isEqualTo(2);
        assertThat(done.toJson().path("refused").asInt()).as("t3: its queue said no").isEqualTo(1);
        assertThat(done.toJson().path("gone").asInt()).as("t2: discarded meanwhile").isEqualTo(1);
    }

    @Test
    void aReplayWhoseStoreThrowsWithoutAMessageReadsFailedNotDone() {
        Host host = new Host(2);
        host.failure = new NullPointerException();
        ConsoleActions actions = actions(host, Thread::new, 10);

        assertThat(actions.start(ALL, "test")).isNotNull();
        ReplayJob done = awaitEnd(actions);

        assertThat(done.toJson().path("status").asText()).as(done.toJson().toString()).isEqualTo("failed");
        assertThat(done.toJson().path("error").asText()).contains("NullPointerException");
    }

    @Test
    void aReplayWhoseThreadIsInterruptedReadsFailedNotDone() {
        Host host = new Host(2);
        ConsoleActions actions = actions(host, work -> new Thread(() -> {
            Thread.currentThread().interrupt(); // the first pause between two replays throws at once
            work.run();
        }), 10);

        assertThat(actions.start(ALL, "test")).isNotNull();
        ReplayJob done = awaitEnd(actions);

        assertThat(done.toJson().path("status").asText()).as(done.toJson().toString()).isEqualTo("failed");
        assertThat(done.replayed()).isEqualTo(1);
    }

    @Test
    void aDeadLetterWhoseQueueRefusesTheBulkReplayIsShownAsADeadLetterAgainNotQueued() {
        Host host = new Host(2);
        host.refuse = "t1"::equals;
        RecentEvents events = new RecentEvents(10, 1_000, Clock.systemUTC());
        ConsoleActions actions = new ConsoleActions(host, events, null, 1_000, Thread::new, 10);

        assertThat(actions.start(ALL, "test")).isNotNull();
        awaitEnd(actions);

        assertThat(events.get("t1").outcome()).as("refused: still a dead letter").isEqualTo(RecentEvent.DEAD_LETTER);
        assertThat(events.get("t1").reason()).isEqualTo("boom");
        assertThat(events.get("t2").outcome()).as("replayed: queued").isEqualTo(RecentEvent.QUEUED);
    }
}
