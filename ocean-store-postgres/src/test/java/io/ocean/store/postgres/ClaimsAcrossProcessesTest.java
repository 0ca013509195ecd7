package io.ocean.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.webhook.store.Claim;
import io.ocean.webhook.store.EventState;
import io.ocean.webhook.store.InsertResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimsAcrossProcessesTest extends TwoProcesses {

    @Test
    void anEventInsertedByOneProcessIsClaimedOnceAcrossBoth() {
        InsertResult inserted = insert(storeA, event("k1", "{\"n\":1}"));
        assertThat(inserted.status()).isEqualTo(InsertResult.Status.ACCEPTED);

        List<Claim> byB = storeB.claim("/webhook", 10, LEASE);
        List<Claim> byA = storeA.claim("/webhook", 10, LEASE);

        assertThat(byB).hasSize(1);
        assertThat(byA).isEmpty();
        Claim claim = byB.get(0);
        assertThat(claim.event().state()).isEqualTo(EventState.RUNNING);
        assertThat(claim.event().attempts()).isEqualTo(1);
        assertThat(new String(claim.event().body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
        assertThat(claim.event().headers()).containsEntry("X-Test", List.of("yes"));
        assertThat(storeA.complete(claim)).isTrue();
        assertThat(storeA.stats("/webhook").held()).isZero();
    }

    @Test
    void aKeyRunsOneEventAtATimeInOrderWhileOtherKeysRunInParallel() {
        insert(storeA, event("k1", "1"));
        insert(storeB, event("k1", "2"));
        insert(storeA, event("k2", "3"));

        List<Claim> first = storeA.claim("/webhook", 10, LEASE);
        assertThat(first).extracting(c -> new String(c.event().body(), StandardCharsets.UTF_8))
                .containsExactly("1", "3");
        assertThat(storeB.claim("/webhook", 10, LEASE)).isEmpty();

        assertThat(storeA.complete(first.get(0))).isTrue();
        List<Claim> second = storeB.claim("/webhook", 10, LEASE);
        assertThat(second).extracting(c -> new String(c.event().body(), StandardCharsets.UTF_8)).containsExactly("2");
        assertThat(second.get(0).token()).isGreaterThan(first.get(1).token());
    }

    @Test
    void aStaleLeaseIsTakenOverAndTheStaleWorkersWritesAreRefused() {
        insert(storeA, event("k1", "slow"));
        Claim paused = storeA.claim("/webhook", 1, LEASE).get(0);

        assertThat(storeB.claim("/webhook", 1, LEASE)).as("the lease is live").isEmpty();
        clockB.advance(LEASE.plusSeconds(1));
        List<Claim> takenOver = storeB.claim("/webhook", 1, LEASE);

        assertThat(takenOver).hasSize(1);
        Claim fresh = takenOver.get(0);
        assertThat(fresh.event().traceId()).isEqualTo(paused.event().traceId());
        assertThat(fresh.event().attempts()).isEqualTo(2);
        assertThat(fresh.token()).isGreaterThan(paused.token());
        assertThat(storeA.complete(paused)).isFalse();
        assertThat(storeA.deadLetter(paused, "too late")).isFalse();
        assertThat(storeA.renew(paused, LEASE)).isFalse();
        assertThat(storeA.waitForRetry(paused, 2, START, "too late")).isFalse();
        assertThat(storeA.find(fresh.event().traceId())).get().extracting(e -> e.state())
                .isEqualTo(EventState.RUNNING);
        assertThat(storeB.complete(fresh)).isTrue();
        assertThat(storeA.find(fresh.event().traceId())).isEmpty();
    }

    @Test
    void aRenewedLeaseIsNotTakenOver() {
        insert(storeA, event("k1", "long"));
        Claim claim = storeA.claim("/webhook", 1, LEASE).get(0);
        clockA.advance(Duration.ofSeconds(50));
        assertThat(storeA.renew(claim, LEASE)).isTrue();

        clockB.advance(Duration.ofSeconds(70));
        assertThat(storeB.claim("/webhook", 1, LEASE)).isEmpty();
        assertThat(storeA.complete(claim)).isTrue();
    }

    @Test
    void aRetryKeepsItsKeyAndIsRunByAnyProcessOnceDueAndItsWorkersLeaseRanOut() {
        insert(storeA, event("k1", "1"));
        insert(storeA, event("k1", "2"));
        Claim claim = storeA.claim("/webhook", 5, LEASE).get(0);
        assertThat(storeA.waitForRetry(claim, 1, START.plusSeconds(10), "503 from the API")).isTrue();

        assertThat(storeB.claim("/webhook", 5, LEASE)).as("the key is kept while the retry waits").isEmpty();
        assertThat(storeB.nextDue("/webhook")).contains(START.plusSeconds(10));
        clockB.advance(Duration.ofSeconds(10));
        assertThat(storeB.claim("/webhook", 5, LEASE)).as("due, but A's lease still holds it").isEmpty();
        clockB.advance(LEASE); // A stopped renewing: it died, or stopped without handing the event back
        List<Claim> due = storeB.claim("/webhook", 5, LEASE);
        assertThat(due).hasSize(1);
        assertThat(due.get(0).traceId()).isEqualTo(claim.traceId());
        assertThat(due.get(0).event().attempts()).isEqualTo(2);
        assertThat(due.get(0).event().lastError()).isEqualTo("503 from the API");
        assertThat(storeA.complete(claim)).as("the retry was claimed again").isFalse();
    }

    @Test
    void aDuplicateDeliveryIsADuplicateInEveryProcess() {
        InsertResult first = insert(storeA, event("/webhook", "k1", "delivery-1", "1"));
        InsertResult again = insert(storeB, event("/webhook", "k1", "delivery-1", "1"));
        InsertResult otherPath = insert(storeB, event("/other", "k1", "delivery-1", "1"));

        assertThat(again.status()).isEqualTo(InsertResult.Status.DUPLICATE);
        assertThat(again.traceId()).isEqualTo(first.traceId());
        assertThat(otherPath.status()).isEqualTo(InsertResult.Status.ACCEPTED);
    }

    @Test
    void deadLettersAndReplayAreSeenFromEveryProcess() {
        InsertResult inserted = insert(storeA, event("/webhook", "k1", "d-1", "1"));
        Claim claim = storeA.claim("/webhook", 1, LEASE).get(0);
        assertThat(storeA.deadLetter(claim, "mapping failed")).isTrue();

        assertThat(storeB.deadLetters("/webhook", 10)).extracting(e -> e.traceId())
                .containsExactly(inserted.traceId());
        assertThat(storeB.stats("/webhook").dead()).isEqualTo(1);
        assertThat(insert(storeB, event("/webhook", "k1", "d-1", "1")).status())
                .as("a dead letter's delivery id is forgotten").isEqualTo(InsertResult.Status.ACCEPTED);

        assertThat(storeB.replay(inserted.traceId())).isEqualTo(io.ocean.webhook.store.ReplayResult.REPLAYED);
        List<Claim> again = storeA.claim("/webhook", 5, LEASE);
        assertThat(again).hasSize(1);
        assertThat(again.get(0).event().traceId()).as("the replay queues behind the newer delivery")
                .isNotEqualTo(inserted.traceId());
        assertThat(storeA.complete(again.get(0))).isTrue();
        Claim replayed = storeB.claim("/webhook", 5, LEASE).get(0);
        assertThat(replayed.event().traceId()).isEqualTo(inserted.traceId());
        assertThat(replayed.event().attempts()).isEqualTo(1);
    }
}
