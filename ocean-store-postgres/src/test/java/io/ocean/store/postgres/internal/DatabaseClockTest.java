package io.ocean.store.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.store.postgres.PostgresAvailable;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The offset the store moves the runtime's times by (a retry's time, an event's first due time) is how far
 * PostgreSQL's clock is from this process's: a process whose clock runs 10 s ahead gets about -10 s.
 */
@ExtendWith(PostgresAvailable.class)
class DatabaseClockTest {

    @Test
    void theOffsetCancelsAProcessClockThatRunsAhead() throws Exception {
        DatabaseClock clock = new DatabaseClock(Clock.systemUTC(), () -> Instant.now().plusSeconds(10));
        try (Connection connection = PostgresAvailable.connect()) {
            Duration offset = clock.offset(connection);
            // The database and this test share a machine (one clock); the margin is for the round trip.
            assertThat(offset).isBetween(Duration.ofMillis(-10_500), Duration.ofMillis(-9_500));
        }
    }

    @Test
    void aTestClockIsUsedAsGivenWithNoOffset() throws Exception {
        DatabaseClock clock = new DatabaseClock(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"),
                java.time.ZoneOffset.UTC));
        try (Connection connection = PostgresAvailable.connect()) {
            assertThat(clock.offset(connection)).isZero();
        }
    }
}
