package io.ocean.store.postgres.internal;

import io.ocean.webhook.store.DeadLetterCount;
import io.ocean.webhook.store.EventPage;
import io.ocean.webhook.store.EventQuery;
import io.ocean.webhook.store.EventState;
import io.ocean.webhook.store.EventSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's listings on PostgreSQL, and its discard: plain SELECTs (no row lock, no key lock, so never in a claim's way), keyset
 * paging on the id, metadata columns only, and dead-letter counts on the partial index {@code events_dead_reasons}.
 */
final class PostgresReads {

    private final String events;

    PostgresReads(String schema) {
        this.events = '"' + schema + "\".events";
    }

    EventPage query(Connection connection, EventQuery query) throws SQLException {
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
            args.add(query.from());
        }
        if (query.to() != null) {
            where.append(" AND ").append(time).append(" < ?");
            args.add(query.to());
        }
        if (query.deliveryId() != null) {
            where.append(" AND delivery_id = ?");
            args.add(query.deliveryId());
        }
        String sql = "SELECT id, trace_id, path, group_key, delivery_id, received_at, body_bytes, attempts, state, "
                + "last_error, failed_at FROM " + events + " WHERE " + where + " ORDER BY id DESC LIMIT ?";
        args.add(query.limit() + 1);
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i) instanceof java.time.Instant instant) {
                    Rows.setInstant(ps, i + 1, instant);
                } else {
                    ps.setObject(i + 1, args.get(i));
                }
            }
            List<EventSummary> matching = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    matching.add(new EventSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), Rows.instant(rs, 6), rs.getLong(7), rs.getInt(8),
                            EventState.valueOf(rs.getString(9)), rs.getString(10), Rows.instant(rs, 11)));
                }
            }
            return EventPage.of(matching, query);
        }
    }

    /** Dead letters hold no key row (their key was released when they died): one delete is all. */
    boolean discard(Connection connection, String traceId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + events
                + " WHERE trace_id = ? AND state = 'DEAD'")) {
            ps.setString(1, traceId);
            return ps.executeUpdate() == 1;
        }
    }

    List<DeadLetterCount> deadLetterCounts(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT path, last_error, count(*) FROM " + events
                + " WHERE state = 'DEAD' GROUP BY path, last_error ORDER BY path, last_error");
             ResultSet rs = ps.executeQuery()) {
            List<DeadLetterCount> counts = new ArrayList<>();
            while (rs.next()) {
                String reason = rs.getString(2);
                counts.add(new DeadLetterCount(rs.getString(1), reason == null ? "" : reason, rs.getLong(3)));
            }
            return counts;
        }
    }
}
