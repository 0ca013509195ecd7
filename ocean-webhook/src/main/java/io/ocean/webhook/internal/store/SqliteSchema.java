package io.ocean.webhook.internal.store;

import io.ocean.webhook.store.EventStoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables of {@code events.db}, versioned by a one-row {@code schema_version} table: each migration runs once,
 * in order, in one transaction with the version bump. Not Flyway: see docs/architecture.md, "Event store schema".
 * Times are epoch nanoseconds, so every {@link java.time.Instant} comes back exactly.
 */
final class SqliteSchema {

    /** The migrations; the version of the schema is the number of them. Append, never edit. */
    private static final List<List<String>> MIGRATIONS = List.of(
            List.of("""
                    CREATE TABLE events (
                        id              INTEGER PRIMARY KEY,
                        trace_id        TEXT    NOT NULL UNIQUE,
                        path            TEXT    NOT NULL,
                        group_key       TEXT    NOT NULL,
                        delivery_id     TEXT,
                        received_at     INTEGER NOT NULL,
                        headers         TEXT    NOT NULL,
                        body            BLOB    NOT NULL,
                        body_bytes      INTEGER NOT NULL,
                        attempts        INTEGER NOT NULL,
                        next_attempt_at INTEGER NOT NULL,
                        state           TEXT    NOT NULL,
                        last_error      TEXT,
                        failed_at       INTEGER,
                        token           INTEGER NOT NULL,
                        lease_until     INTEGER
                    )""", """
                    CREATE TABLE delivery_ids (
                        path        TEXT    NOT NULL,
                        delivery_id TEXT    NOT NULL,
                        trace_id    TEXT    NOT NULL,
                        seen_at     INTEGER NOT NULL,
                        PRIMARY KEY (path, delivery_id)
                    ) WITHOUT ROWID""",
                    "CREATE INDEX delivery_ids_by_age ON delivery_ids (seen_at)"),
            // 2: an event's time budget counts from its first claim, across retries and restarts
            List.of("ALTER TABLE events ADD COLUMN first_claimed_at INTEGER"),
            // 3: the console's listings and counts, read by SqliteReader: newest first by state, counts per reason
            List.of("CREATE INDEX events_by_state ON events (state, id)",
                    "CREATE INDEX events_dead_reasons ON events (state, path, last_error)"),
            // 4: paths an operator paused; their events are stored but not claimed until resumed
            List.of("CREATE TABLE paused_paths (path TEXT NOT NULL PRIMARY KEY, paused_at INTEGER NOT NULL) "
                    + "WITHOUT ROWID"));

    private SqliteSchema() {
    }

    /** The version this code writes. */
    static int current() {
        return MIGRATIONS.size();
    }

    /**
     * Brings the schema to {@link #current()}; the connection must not be in auto-commit.
     *
     * @throws EventStoreException when the file was written by a newer Ocean, or a migration fails
     */
    static void migrate(Connection connection, Path file) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int version = 0;
            try (ResultSet row = statement.executeQuery("SELECT version FROM schema_version")) {
                if (row.next()) {
                    version = row.getInt(1);
                } else {
                    statement.execute("INSERT INTO schema_version (version) VALUES (0)");
                }
            }
            if (version > current()) {
                connection.rollback();
                throw new EventStoreException(file + " has schema version " + version + ", written by a newer Ocean; "
                        + "this version reads up to " + current() + ". Upgrade Ocean or use another webhooks.stateDir");
            }
            for (int next = version; next < current(); next++) {
                for (String sql : MIGRATIONS.get(next)) {
                    statement.execute(sql);
                }
            }
            statement.execute("UPDATE schema_version SET version = " + current());
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }
}
