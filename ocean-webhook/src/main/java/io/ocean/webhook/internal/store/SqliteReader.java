package io.ocean.webhook.internal.store;

import io.ocean.webhook.store.DeadLetterCount;
import io.ocean.webhook.store.EventPage;
import io.ocean.webhook.store.EventQuery;
import io.ocean.webhook.store.EventState;
import io.ocean.webhook.store.EventStoreException;
import io.ocean.webhook.store.EventSummary;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The read side of {@code events.db}: its own read-only connection, so the console's listings run beside the one
 * writer thread (WAL lets a reader see the last commit while the writer writes) instead of queueing on it, and never
 * under the index lock. Each query is its own short read transaction (auto-commit), so no reader holds back a WAL
 * checkpoint. Only metadata columns are read; the bodies stay on disk.
 */
final class SqliteReader implements AutoCloseable {

    private static final String SUMMARY_COLUMNS = "id, trace_id, path, group_key, delivery_id, received_at, "
            + "body_bytes, attempts, state, last_error, failed_at";

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
        StringBuilder where = new StringBuilder("id < ?");
        List<Object> args = new ArrayList<>();
        args.add(query.beforeId());
        if (query.state() != null) {
            where.append(" AND state = ?");
            args.add(query.state().name());
        }
        if (query.path() != null) {
            where.append(" AND path = ?");
            args.add(query.path());
        }
        if (query.reason() != null) {
            where.append(" AND last_error = ?");
            args.add(query.reason());
        }
        String time = query.state() == EventState.DEAD ? "failed_at" : "received_at";
        if (query.from() != null) {
            where.append(" AND ").append(time).append(" >= ?");
            args.add(SqliteRows.nanos(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND ").append(time).append(" < ?");
            args.add(SqliteRows.nanos(query.to()));
        }
        if (query.deliveryId() != null) {
            where.append(" AND delivery_id = ?");
            args.add(query.deliveryId());
        }
        String sql = "SELECT " + SUMMARY_COLUMNS + " FROM events WHERE " + where + " ORDER BY id DESC LIMIT ?";
        args.add(query.limit() + 1);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            List<EventSummary> matching = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long failedAt = rows.getLong(11);
                    boolean noFailure = rows.wasNull();
                    matching.add(new EventSummary(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), SqliteRows.instant(rows.getLong(6)),
                            rows.getLong(7), rows.getInt(8), EventState.valueOf(rows.getString(9)),
                            rows.getString(10), noFailure ? null : SqliteRows.instant(failedAt)));
                }
            }
            return EventPage.of(matching, query);
        } catch (SQLException e) {
            throw new EventStoreException("cannot list the events: " + e.getMessage(), e);
        }
    }

    /** Counted on the covering index {@code events_dead_reasons}: no row, no body is read. */
    synchronized List<DeadLetterCount> deadLetterCounts() {
        try (PreparedStatement statement = connection.prepareStatement("SELECT path, last_error, count(*) "
                + "FROM events WHERE state = 'DEAD' GROUP BY path, last_error ORDER BY path, last_error");
             ResultSet rows = statement.executeQuery()) {
            List<DeadLetterCount> counts = new ArrayList<>();
            while (rows.next()) {
                String reason = rows.getString(2);
                counts.add(new DeadLetterCount(rows.getString(1), reason == null ? "" : reason, rows.getLong(3)));
            }
            return counts;
        } catch (SQLException e) {
            throw new EventStoreException("cannot count the dead letters: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
