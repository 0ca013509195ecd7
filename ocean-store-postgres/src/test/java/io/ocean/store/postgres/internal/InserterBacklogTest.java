package io.ocean.store.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.store.postgres.PostgresAvailable;
import io.ocean.testkit.MutableClock;
import io.ocean.webhook.store.InsertResult.Status;
import io.ocean.webhook.store.NewEvent;
import io.ocean.webhook.store.StoreSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the inserter counts against the backlog comes back exactly once, whatever fails after the commit. */
@ExtendWith(PostgresAvailable.class)
class InserterBacklogTest {

    @Test
    void aFailureAfterTheCommitReleasesTheBatchesBytesOnce() throws Exception {
        String schema = PostgresAvailable.newSchema();
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        StoreSettings settings = new StoreSettings(Path.of("target", "state"), 10_000, 256L << 20, 10_000,
                256L << 20, Duration.ofMinutes(10), clock);
        Database database = Database.open(PostgresSettings.of(PostgresAvailable.URL, PostgresAvailable.USER, null,
                schema));
        try {
            // An unexpected RuntimeException after the commit: the writer's loop catches it and releases the batch.
            Inserter inserter = new Inserter(database, new Sql(schema), settings, new DatabaseClock(clock), paths -> {
                throw new IllegalStateException("the notifier broke");
            });
            NewEvent event = new NewEvent("trace-1", "/webhook", "k", null, clock.instant(), Map.of(),
                    "{\"n\":1}".getBytes(StandardCharsets.UTF_8));
            assertThat(inserter.insert(event).toCompletableFuture().get(10, TimeUnit.SECONDS).status())
                    .isEqualTo(Status.ACCEPTED);
            inserter.close();
            assertThat(inserter.backlogBytes()).isZero();
        } finally {
            database.close();
            PostgresAvailable.dropSchema(schema);
        }
    }
}
