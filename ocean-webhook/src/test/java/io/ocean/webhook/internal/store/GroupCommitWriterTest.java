package io.ocean.webhook.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitWriterTest {

    @Test
    void closeOnAnInterruptedThreadStillRunsAnswersAndReleasesWhatWasQueuedBeforeIt() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            connection.setAutoCommit(false);
            GroupCommitWriter writer = new GroupCommitWriter(connection, new Object(), () -> { }, "test-writer",
                    () -> { });
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger released = new AtomicInteger();
            CompletableFuture<Integer> first = writer.submit(c -> {
                running.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new java.sql.SQLException(e);
                }
                return 1;
            }, new CompletableFuture<>(), released::incrementAndGet);
            assertThat(running.await(30, TimeUnit.SECONDS)).as("the first task runs").isTrue();
            CompletableFuture<Integer> second = writer.submit(c -> 2, new CompletableFuture<>(),
                    released::incrementAndGet);

            // Lets the first task finish once close() waits (for the writer, or wrongly only for the syncer).
            Thread closer = Thread.currentThread();
            Thread releaser = new Thread(() -> {
                while (closer.getState() != Thread.State.WAITING && go.getCount() > 0) {
                    Thread.onSpinWait();
                }
                go.countDown();
            });
            releaser.start();
            try {
                Thread.currentThread().interrupt();
                writer.close();
                assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
                assertThat(first).as("answered when close() returns").isCompletedWithValue(1);
                assertThat(second).as("queued before close(): run, not failed").isCompletedWithValue(2);
                assertThat(released).as("each task released exactly once").hasValue(2);
            } finally {
                go.countDown();
                releaser.join();
            }
        }
    }
}
