package io.ocean.webhook.internal.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.ocean.core.internal.Json;
import io.ocean.webhook.store.EventState;
import io.ocean.webhook.store.StoredEvent;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Rows of {@code events} to and from events: instants as epoch nanoseconds, headers as a JSON object. */
final class SqliteRows {

    /** The columns {@link #event} reads, in its order. */
    static final String EVENT_COLUMNS = "id, trace_id, path, group_key, delivery_id, received_at, headers, body, "
            + "attempts, next_attempt_at, state, last_error, failed_at";

    /**
     * The columns {@link #meta} reads, in its order: what ordering and limits need. Not the headers and body, and
     * not the trace id, delivery id and last error either: the store reads those from the database when it needs
     * them, which keeps the in-memory index at about half the heap per event.
     */
    static final String META_COLUMNS = "id, path, group_key, received_at, body_bytes, attempts, next_attempt_at, "
            + "state, failed_at, token, lease_until, first_claimed_at";

    private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {
    };

    private SqliteRows() {
    }

    static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, nanos(instant));
        }
    }

    static String headers(Map<String, List<String>> headers) {
        try {
            return Json.MAPPER.writeValueAsString(headers);
        } catch (IOException e) {
            throw new IllegalStateException("headers cannot be written as JSON", e);
        }
    }

    /** A whole event from a row of {@link #EVENT_COLUMNS}. */
    static StoredEvent event(ResultSet row) throws SQLException {
        Map<String, List<String>> headers;
        try {
            headers = Json.MAPPER.readValue(row.getString(7), HEADERS);
        } catch (IOException e) {
            throw new SQLException("the headers of event " + row.getLong(1) + " are not JSON", e);
        }
        return new StoredEvent(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), instant(row.getLong(6)), headers, row.getBytes(8), row.getInt(9),
                instant(row.getLong(10)), EventState.valueOf(row.getString(11)), row.getString(12),
                nullableInstant(row, 13));
    }

    /** An event's metadata from a row of {@link #META_COLUMNS}. */
    static EventMeta meta(ResultSet row, Map<String, String> paths) throws SQLException {
        String path = row.getString(2);
        EventMeta meta = new EventMeta(row.getLong(1), null, paths.computeIfAbsent(path, p -> p), row.getString(3),
                null, instant(row.getLong(4)), row.getLong(5), row.getInt(6), instant(row.getLong(7)),
                EventState.valueOf(row.getString(8)), null, nullableInstant(row, 9), row.getLong(10),
                nullableInstant(row, 11));
        meta.firstClaimedAt = nullableInstant(row, 12);
        return meta;
    }

    static Instant nullableInstant(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : instant(value);
    }
}
