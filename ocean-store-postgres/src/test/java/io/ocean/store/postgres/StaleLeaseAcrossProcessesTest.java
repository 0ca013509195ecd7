package io.ocean.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A worker stuck in {@code handleEvent} past its lease — its process paused with SIGSTOP, so it cannot renew, as in a
 * long GC pause or a frozen VM — loses the event to another process, and when it wakes up its writes are refused.
 */
@ExtendWith(PostgresAvailable.class)
class StaleLeaseAcrossProcessesTest {

    @Test
    void aPausedWorkerLosesItsEventToAnotherProcessAndItsCompletionIsRefused() throws Exception {
        try (ClusterProcesses cluster = new ClusterProcesses("stale-lease", 3)) {
            ClusterProcesses.Node a = cluster.start("a");
            ClusterProcesses.Node b = cluster.start("b");

            assertThat(cluster.post(a, "held", 0, true)).isEqualTo(200);
            // Either node may claim it first (b hears of it by NOTIFY); that one is paused.
            String[] first = awaitValue(() -> processedBy(cluster, null), "a node in handleEvent");
            String traceId = first[0];
            ClusterProcesses.Node paused = first[1].equals("a") ? a : b;
            ClusterProcesses.Node other = paused == a ? b : a;
            ClusterProcesses.signal(paused, "STOP");
            awaitValue(() -> processedBy(cluster, other.name), "the other node taking the event over after the lease");
            ClusterProcesses.signal(paused, "CONT");

            // Refused by its fencing token: the store logs it ("Refused to renew ...") or, when the other node had
            // already finished the event, the runtime logs that its claim was taken over; or the run fenced itself
            // first (its lease had lapsed); either way it stops.
            awaitValue(() -> paused.logText().lines()
                    .filter(line -> line.contains(traceId)
                            && (line.contains("Refused to") || line.contains("taken over")
                            || line.contains("taken the event over") || line.contains("fenced"))).findFirst(),
                    "the paused node's write refused");
            awaitValue(() -> eventsLeft(cluster, traceId) == 0 ? Optional.of("gone") : Optional.empty(),
                    "the other node completing the event");
            assertThat(other.logText()).doesNotContain("Refused to").doesNotContain("taken over");
            assertThat(paused.logText().lines().filter(line -> line.contains("processing finished")
                    && !line.contains("taken the event over"))).as("the paused node finished nothing").isEmpty();
            assertThat(deadLetters(cluster)).as("the refused worker dead-lettered nothing").isZero();
        }
    }

    /** The trace id and node of the "held" event's processing by {@code node}, or by any node when null. */
    private static Optional<String[]> processedBy(ClusterProcesses cluster, String node) {
        try (Connection connection = cluster.results(); PreparedStatement ps = connection.prepareStatement(
                "SELECT trace_id, node FROM \"" + cluster.results + "\".processed WHERE key = 'held' "
                        + "AND (?::text IS NULL OR node = ?) ORDER BY id")) {
            ps.setString(1, node);
            ps.setString(2, node);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long eventsLeft(ClusterProcesses cluster, String traceId) {
        return count(cluster, "SELECT count(*) FROM \"" + cluster.schema + "\".events WHERE trace_id = '" + traceId
                + "'");
    }

    private static long deadLetters(ClusterProcesses cluster) {
        return count(cluster, "SELECT count(*) FROM \"" + cluster.schema + "\".events WHERE state = 'DEAD'");
    }

    private static long count(ClusterProcesses cluster, String sql) {
        try (Connection connection = cluster.results(); ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T awaitValue(Supplier<Optional<T>> probe, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
