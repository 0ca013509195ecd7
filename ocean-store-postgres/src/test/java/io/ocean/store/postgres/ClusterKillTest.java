package io.ocean.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three Ocean processes on one PostgreSQL store; 10 000 events over 200 keys, each carrying its key's sequence
 * number, posted round-robin (a key's next event only after the previous one's answer, as a sender that waits for
 * its 200); one process is {@code kill -9}ed mid-run and restarted. Every event answered 200 is processed, no key's
 * events are processed out of order, and the re-runs of events that were in flight at the kill are counted.
 */
@ExtendWith(PostgresAvailable.class)
class ClusterKillTest {

    private static final int KEYS = 200;
    private static final int PER_KEY = 50;
    private static final int SENDERS = 24;

    @Test
    void aKilledProcessLosesNothingAndNoKeyRunsOutOfOrder() throws Exception {
        try (ClusterProcesses cluster = new ClusterProcesses("kill", 5)) {
            AtomicReferenceArray<ClusterProcesses.Node> nodes = new AtomicReferenceArray<>(3);
            for (int i = 0; i < 3; i++) {
                nodes.set(i, cluster.start("node" + i));
            }
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            AtomicInteger refusedOrUnreachable = new AtomicInteger();
            long started = System.nanoTime();
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            List<Future<?>> sending = new ArrayList<>();
            for (int t = 0; t < SENDERS; t++) {
                int sender = t;
                sending.add(senders.submit(() -> {
                    for (int seq = 0; seq < PER_KEY; seq++) {
                        for (int k = sender; k < KEYS; k += SENDERS) {
                            int target = (seq * KEYS + k) % 3;
                            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                            // A load balancer's retry: a node that is down or answers 503 passes to the next one.
                            while (cluster.post(nodes.get(target), "key-" + k, seq, false) != 200) {
                                refusedOrUnreachable.incrementAndGet();
                                target = (target + 1) % 3;
                                if (System.nanoTime() > deadline) {
                                    throw new AssertionError("key-" + k + "/" + seq + " never answered 200");
                                }
                            }
                            accepted.add("key-" + k + "/" + seq);
                        }
                    }
                    return null;
                }));
            }

            awaitUntil(() -> accepted.size() >= 3_000, "3 000 events accepted");
            ClusterProcesses.Node victim = nodes.get(1);
            ClusterProcesses.signal(victim, "KILL");
            victim.process.waitFor(30, TimeUnit.SECONDS);
            int acceptedAtKill = accepted.size();
            nodes.set(1, cluster.start("node1-restarted"));

            for (Future<?> future : sending) {
                future.get(10, TimeUnit.MINUTES);
            }
            senders.shutdown();
            double sendSeconds = (System.nanoTime() - started) / 1e9;
            awaitUntil(() -> processedDistinct(cluster) >= accepted.size(), "every accepted event processed");
            double allSeconds = (System.nanoTime() - started) / 1e9;

            Map<String, Integer> last = new HashMap<>();
            Set<String> processed = new HashSet<>();
            int rows = 0;
            int outOfOrder = 0;
            try (Connection connection = cluster.results(); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT key, seq FROM \"" + cluster.results
                         + "\".processed ORDER BY id")) {
                while (rs.next()) {
                    rows++;
                    String key = rs.getString(1);
                    int seq = rs.getInt(2);
                    Integer before = last.put(key, seq);
                    if (before != null && seq < before) {
                        outOfOrder++;
                    }
                    processed.add(key + "/" + seq);
                }
            }
            int duplicates = rows - processed.size();
            Set<String> lost = new HashSet<>(accepted);
            lost.removeAll(processed);
            System.out.printf("cluster kill test: 3 processes, %d events answered 200 (%d when node1 was killed -9), "
                            + "%d processed, %d lost, %d duplicates (re-runs of events in flight at the kill), "
                            + "%d out of order, %d answers not 200 retried on the next node; sent in %.1f s, all "
                            + "processed after %.1f s%n", accepted.size(), acceptedAtKill, processed.size(),
                    lost.size(), duplicates, outOfOrder, refusedOrUnreachable.get(), sendSeconds, allSeconds);

            assertThat(accepted).hasSize(KEYS * PER_KEY);
            assertThat(lost).isEmpty();
            assertThat(outOfOrder).isZero();
            assertThat(last).hasSize(KEYS).allSatisfy((key, seq) -> assertThat(seq).isEqualTo(PER_KEY - 1));
            // At most one event per key is in flight, and a node runs at most its workers' worth at once.
            assertThat(duplicates).isLessThanOrEqualTo(16);
        }
    }

    private static long processedDistinct(ClusterProcesses cluster) {
        try (Connection connection = cluster.results(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(DISTINCT (key, seq)) FROM \"" + cluster.results
                     + "\".processed")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }
}
