package io.ocean.testkit.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 is a promise that survives a crash: a child JVM runs an integration on the default SQLite store, 32
 * connections send 5 000 signed events, the child is killed with {@code kill -9} at a random moment and started
 * again on the same state directory. Every event answered 200 is processed; the only events that run twice are those
 * that were running at a kill (claimed, their end not yet committed).
 */
class CrashTest {

    private static final int EVENTS = 5_000;
    /**
     * Claims one path may hold at a kill: events running on its 4 workers, claimed ahead of them, or finished and
     * waiting for the commit of their end. Only those can run again.
     */
    private static final int MAX_CLAIMS = 4 * 16;

    @TempDir
    Path work;

    @Test
    void killDuringIntakeWithAFastProcessorLosesNothingAccepted() throws Exception {
        crashDuringIntake(0, "fast processor");
    }

    @Test
    void killDuringIntakeWithAProcessorSlowerThanIntakeLosesNothingAccepted() throws Exception {
        crashDuringIntake(10, "processor slower than intake (10 ms per event)");
    }

    private void crashDuringIntake(long millisPerEvent, String what) throws Exception {
        Sender sender = new Sender();
        Child first = Child.start(work, 1, millisPerEvent, "256m");
        int killAt = ThreadLocalRandom.current().nextInt(500, 3_500);
        Thread sending = sendInBackground(sender, first.port);
        await(() -> sender.answered() >= killAt || !sending.isAlive(), 120, "answers before the kill");
        first.kill();
        sending.join();

        Child second = Child.start(work, 2, 0, "256m");
        awaitProcessed(sender.accepted);
        second.stop();

        verify(sender, Set.of(1), what + ", kill -9 after " + killAt + " answers");
    }

    @Test
    void killDuringTheDrainOfAGracefulStopAndRightAfterTheRestartLosesNothingAccepted() throws Exception {
        Sender sender = new Sender();
        Child first = Child.start(work, 1, 20, "256m");
        sender.send(first.port, EVENTS);
        first.terminate(); // SIGTERM: stop() drains for up to 30 s, the backlog needs longer
        await(() -> JournalReport.read(work.resolve("journal.txt")).endedIn(1) > 0, 30, "the drain to run");
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextInt(100, 1_500)));
        first.kill();

        Child second = Child.start(work, 2, 10, "256m");
        await(() -> {
            JournalReport journal = JournalReport.read(work.resolve("journal.txt"));
            return journal.endedIn(2) >= 20 || journal.processed().containsAll(sender.accepted);
        }, 60, "the restart to run");
        second.kill();

        Child third = Child.start(work, 3, 0, "256m");
        awaitProcessed(sender.accepted);
        third.stop();

        verify(sender, Set.of(1, 2), "kill -9 during the drain of a graceful stop, and right after the restart");
    }

    private void verify(Sender sender, Set<Integer> killedRuns, String scenario) throws Exception {
        JournalReport journal = JournalReport.read(work.resolve("journal.txt"));
        Set<String> processedNotAccepted = new HashSet<>(journal.processed());
        processedNotAccepted.removeAll(sender.accepted);
        Map<String, List<Integer>> reRuns = journal.reRuns();
        System.out.printf("crash test [%s]: %d answered 200, %d refused, %d unanswered; %d processed, %d of them "
                        + "without an answer; %d re-run(s) of events running at a kill%n", scenario,
                sender.accepted.size(), sender.refused.get(), sender.unanswered.get(), journal.processed().size(),
                processedNotAccepted.size(), reRuns.size());

        assertThat(sender.accepted).as("answered 200").isNotEmpty();
        assertThat(journal.processed()).as("every event answered 200 is processed").containsAll(sender.accepted);
        assertThat(processedNotAccepted.size()).as("processed without a 200: only requests cut by the kill")
                .isLessThanOrEqualTo(sender.unanswered.get());
        for (Map.Entry<String, List<Integer>> reRun : reRuns.entrySet()) {
            List<Integer> earlier = new ArrayList<>(reRun.getValue());
            earlier.remove(earlier.size() - 1);
            assertThat(killedRuns).as("event %s ran again only because a kill cut it short", reRun.getKey())
                    .containsAll(earlier);
        }
        for (int run : killedRuns) {
            long runningAtKill = reRuns.values().stream().filter(runs -> runs.contains(run)).count();
            assertThat(runningAtKill).as("re-runs after the kill of run %d", run).isLessThanOrEqualTo(MAX_CLAIMS);
        }
        journal.ends.forEach((traceId, runs) -> assertThat(new HashSet<>(runs))
                .as("event %s ended twice within one run", traceId).hasSameSizeAs(runs));
    }

    private Thread sendInBackground(Sender sender, int port) {
        Thread thread = new Thread(() -> {
            try {
                sender.send(port, EVENTS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "crash-test-sender");
        thread.start();
        return thread;
    }

    private void awaitProcessed(Set<String> accepted) throws Exception {
        await(() -> JournalReport.read(work.resolve("journal.txt")).processed().containsAll(accepted), 180,
                "every accepted event processed");
    }

    private interface Check {
        boolean done() throws Exception;
    }

    private static void await(Check check, int seconds, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.done()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not reached within " + seconds + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

}
