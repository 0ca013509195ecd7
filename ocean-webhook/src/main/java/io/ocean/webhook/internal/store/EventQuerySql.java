package io.ocean.webhook.internal.store;

import io.ocean.webhook.store.DeadLetterCount;
import io.ocean.webhook.store.EventPage;
import io.ocean.webhook.store.EventQuery;
import io.ocean.webhook.store.EventState;
import io.ocean.webhook.store.EventSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The console's read queries on an SQL {@code events} table, for every SQL engine (SQLite here, PostgreSQL in its
 * own module): the page of an {@link EventQuery} with keyset paging on the id, metadata columns only, and the
 * dead-letter counts of the given paths. The engines differ only in how an instant is stored, which {@link Instants}
 * says.
 */
public final class EventQuerySql {

    /** How an engine binds and reads an instant column. */
    public interface Instants {
        /** Binds {@code instant} (never null) as parameter {@code index}. */
        void bind(PreparedStatement statement, int index, Instant instant) throws SQLException;

        /** The instant in {@code column}, or null when it is SQL NULL. */
        Instant read(ResultSet rows, int column) throws SQLException;
    }

    private static final String SUMMARY_COLUMNS = "id, trace_id, path, group_key, delivery_id, received_at, "
            + "body_bytes, attempts, state, last_error, failed_at";

    private EventQuerySql() {
    }

    /** One page of {@code query} from {@code table} (already quoted as the engine needs), newest first. */
    public static EventPage query(Connection connection, String table, EventQuery query, Instants instants)
            throws SQLException {
        StringBuilder where = new StringBuilder("id < ?");
        List<Object> args = new ArrayList<>();
        args.add(query.beforeId());
        condition(where, args, "state", query.state() == null ? null : query.state().name(), " = ?");
        condition(where, args, "path", query.path(), " = ?");
        condition(where, args, "last_error", query.reason(), " = ?");
        String time = query.state() == EventState.DEAD ? "failed_at" : "received_at";
        condition(where, args, time, query.from(), " >= ?");
        condition(where, args, time, query.to(), " < ?");
        condition(where, args, "delivery_id", query.deliveryId(), " = ?");
        String sql = "SELECT " + SUMMARY_COLUMNS + " FROM " + table + " WHERE " + where
                + " ORDER BY id DESC LIMIT ?";
        args.add(query.limit() + 1);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i) instanceof Instant instant) {
                    instants.bind(statement, i + 1, instant);
                } else {
                    statement.setObject(i + 1, args.get(i));
                }
            }
            List<EventSummary> matching = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    matching.add(new EventSummary(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), instants.read(rows, 6), rows.getLong(7),
                            rows.getInt(8), EventState.valueOf(rows.getString(9)), rows.getString(10),
                            instants.read(rows, 11)));
                }
            }
            return EventPage.of(matching, query);
        }
    }

    /**
     * How many dead letters each of {@code paths} holds per reason, by path and reason; on the engines' partial
     * index of dead letters, so no row and no body is read.
     */
    public static List<DeadLetterCount> deadLetterCounts(Connection connection, String table,
            Collection<String> paths) throws SQLException {
        if (paths.isEmpty()) {
            return List.of();
        }
        String in = String.join(", ", java.util.Collections.nCopies(paths.size(), "?"));
        try (PreparedStatement statement = connection.prepareStatement("SELECT path, last_error, count(*) FROM "
                + table + " WHERE state = 'DEAD' AND path IN (" + in + ") GROUP BY path, last_error "
                + "ORDER BY path, last_error")) {
            int index = 1;
            for (String path : paths) {
                statement.setString(index++, path);
            }
            List<DeadLetterCount> counts = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String reason = rows.getString(2);
                    counts.add(new DeadLetterCount(rows.getString(1), reason == null ? "" : reason,
                            rows.getLong(3)));
                }
            }
            return counts;
        }
    }

    private static void condition(StringBuilder where, List<Object> args, String column, Object value, String op) {
        if (value != null) {
            where.append(" AND ").append(column).append(op);
            args.add(value);
        }
    }
}
