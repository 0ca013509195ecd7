package io.ocean.webhook.internal.store;

import io.ocean.webhook.store.DeadLetterCount;
import io.ocean.webhook.store.EventPage;
import io.ocean.webhook.store.EventQuery;
import io.ocean.webhook.store.EventStoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The read side of {@code events.db}: its own read-only connection, so the console's listings run beside the one
 * writer thread (WAL lets a reader see the last commit while the writer writes) instead of queueing on it, and never
 * under the index lock. Each query is its own short read transaction (auto-commit), so no reader holds back a WAL
 * checkpoint. Only metadata columns are read; the bodies stay on disk.
 */
final class SqliteReader implements AutoCloseable {

    /** Instants as epoch nanoseconds. */
    private static final EventQuerySql.Instants NANOS = new EventQuerySql.Instants() {
        @Override
        public void bind(PreparedStatement statement, int index, Instant instant) throws SQLException {
            SqliteRows.setInstant(statement, index, instant);
        }

        @Override
        public Instant read(ResultSet rows, int column) throws SQLException {
            return SqliteRows.nullableInstant(rows, column);
        }
    };

    private final Connection connection;

    private SqliteReader(Connection connection) {
        this.connection = connection;
    }

    static SqliteReader open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5_000);
        return new SqliteReader(config.createConnection("jdbc:sqlite:" + file));
    }

    /** A page of the query; the connection is one, so readers take turns (never with the writer). */
    synchronized EventPage query(EventQuery query) {
        try {
            return EventQuerySql.query(connection, "events", query, NANOS);
        } catch (SQLException e) {
            throw new EventStoreException("cannot list the events: " + e.getMessage(), e);
        }
    }

    /** Counted on the covering index {@code events_dead_reasons}: no row, no body is read. */
    synchronized List<DeadLetterCount> deadLetterCounts(Collection<String> paths) {
        try {
            return EventQuerySql.deadLetterCounts(connection, "events", paths);
        } catch (SQLException e) {
            throw new EventStoreException("cannot count the dead letters: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
