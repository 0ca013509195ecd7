package io.ocean.store.postgres.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's clock, read without a round trip per statement: the database's time is sampled now and then and
 * carried forward on this process's monotonic clock, so every process sharing the store compares leases against one
 * clock, and a wall-clock step on one machine changes nothing. A test clock (anything but the system clock) is
 * used as given, so that tests can move time.
 */
final class DatabaseClock {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseClock.class);
    private static final long RESYNC_NANOS = Duration.ofSeconds(30).toNanos();

    private final Clock testClock;
    private final java.util.function.Supplier<Instant> wall;
    /** One field, so a reader never pairs a new sample's monotonic time with an older one's instant. */
    private volatile Sample sample;

    /**
     * The database's time {@code at}, read when the monotonic clock said {@code nanos}; {@code offset} is how far the
     * database's clock was ahead of this process's wall clock then.
     */
    private record Sample(Instant at, long nanos, Duration offset) {
    }

    DatabaseClock(Clock given) {
        this(given, Instant::now);
    }

    /** {@code wall} is this process's wall clock, which {@link #offset} measures against (a test's skewed one). */
    DatabaseClock(Clock given, java.util.function.Supplier<Instant> wall) {
        boolean system = given.equals(Clock.systemUTC()) || given.equals(Clock.systemDefaultZone());
        this.testClock = system ? null : given;
        this.wall = wall;
    }

    /** The time now, sampled again on the caller's connection (inside its transaction) when the last one is old. */
    Instant instant(Connection connection) throws SQLException {
        if (testClock != null) {
            return testClock.instant();
        }
        Sample last = current(connection);
        return last.at().plusNanos(System.nanoTime() - last.nanos());
    }

    /**
     * How far the database's clock is ahead of this process's (zero with a test clock). Times the runtime computes on
     * its own clock (a retry's time, an event's arrival) are moved by this before they are compared with leases and
     * claims, which run on the database's clock; otherwise a process whose clock runs ahead would see its retries
     * and new events held back by the difference.
     */
    Duration offset(Connection connection) throws SQLException {
        if (testClock != null) {
            return Duration.ZERO;
        }
        return current(connection).offset();
    }

    /** The last sample, or a new one read on the caller's connection when there is none or it is old. */
    private Sample current(Connection connection) throws SQLException {
        Sample last = sample;
        if (last == null || System.nanoTime() - last.nanos() > RESYNC_NANOS) {
            last = sample(connection);
        }
        return last;
    }

    /** Reads the database's time, halfway through the round trip. */
    private Sample sample(Connection connection) throws SQLException {
        long before = System.nanoTime();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT clock_timestamp()")) {
            rs.next();
            Instant now = rs.getObject(1, OffsetDateTime.class).toInstant();
            long after = System.nanoTime();
            Instant process = wall.get();
            long middle = before + (after - before) / 2;
            Sample read = new Sample(now, middle, Duration.between(process.minusNanos(after - middle), now));
            sample = read;
            LOG.trace("PostgreSQL's clock read: {}", now);
            return read;
        }
    }
}
