package io.ocean.store.postgres.internal;

import io.ocean.webhook.internal.store.EventQuerySql;
import io.ocean.webhook.store.DeadLetterCount;
import io.ocean.webhook.store.EventPage;
import io.ocean.webhook.store.EventQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The console's listings on PostgreSQL, and its discard: plain SELECTs (no row lock, no key lock, so never in a claim's way), keyset
 * paging on the id, metadata columns only, and dead-letter counts on the partial index {@code events_dead_reasons}.
 * The queries are ocean-webhook's {@link EventQuerySql}, shared with SQLite; only the instants' binding is ours.
 */
final class PostgresReads {

    private static final EventQuerySql.Instants TIMESTAMPS = new EventQuerySql.Instants() {
        @Override
        public void bind(PreparedStatement statement, int index, Instant instant) throws SQLException {
            Rows.setInstant(statement, index, instant);
        }

        @Override
        public Instant read(ResultSet rows, int column) throws SQLException {
            return Rows.instant(rows, column);
        }
    };

    private final String events;

    PostgresReads(String schema) {
        this.events = '"' + schema + "\".events";
    }

    EventPage query(Connection connection, EventQuery query) throws SQLException {
        return EventQuerySql.query(connection, events, query, TIMESTAMPS);
    }

    /** Dead letters hold no key row (their key was released when they died): one delete is all. */
    boolean discard(Connection connection, String traceId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + events
                + " WHERE trace_id = ? AND state = 'DEAD'")) {
            ps.setString(1, traceId);
            return ps.executeUpdate() == 1;
        }
    }

    /** The counts of {@code paths}' dead letters per reason. */
    List<DeadLetterCount> deadLetterCounts(Connection connection, Collection<String> paths) throws SQLException {
        return EventQuerySql.deadLetterCounts(connection, events, paths);
    }
}
