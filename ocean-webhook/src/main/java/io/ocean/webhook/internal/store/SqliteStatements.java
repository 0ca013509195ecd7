package io.ocean.webhook.internal.store;

import io.ocean.webhook.store.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/** The SQL of {@link SqliteEventStore}: prepared once, used by its writer thread only. */
final class SqliteStatements {

    private final PreparedStatement insert;
    private final PreparedStatement selectById;
    private final PreparedStatement claim;
    private final PreparedStatement renew;
    private final PreparedStatement delete;
    private final PreparedStatement waiting;
    private final PreparedStatement dead;
    private final PreparedStatement requeue;
    private final PreparedStatement release;
    private final PreparedStatement replay;
    private final PreparedStatement seenDeliveryId;
    private final PreparedStatement rememberDeliveryId;
    private final PreparedStatement forgetDeliveryId;
    private final PreparedStatement purgeDeliveryIds;
    private final PreparedStatement idOf;
    private final PreparedStatement keysOf;

    SqliteStatements(Connection connection) throws SQLException {
        insert = connection.prepareStatement("INSERT INTO events (id, trace_id, path, group_key, delivery_id, "
                + "received_at, headers, body, body_bytes, attempts, next_attempt_at, state, last_error, "
                + "failed_at, token, lease_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL)");
        selectById = connection.prepareStatement("SELECT " + SqliteRows.EVENT_COLUMNS
                + " FROM events WHERE id = ?");
        claim = connection.prepareStatement("UPDATE events SET state = 'RUNNING', attempts = attempts + 1, "
                + "token = ?, lease_until = ?, first_claimed_at = coalesce(first_claimed_at, ?) WHERE id = ?");
        renew = connection.prepareStatement("UPDATE events SET lease_until = ? WHERE id = ?");
        delete = connection.prepareStatement("DELETE FROM events WHERE id = ?");
        // the worker keeps its lease while it waits (it renews it), so no one else takes the retry while it lives
        waiting = connection.prepareStatement("UPDATE events SET state = 'WAITING', attempts = ?, "
                + "next_attempt_at = ?, last_error = ? WHERE id = ?");
        release = connection.prepareStatement("UPDATE events SET state = ?, attempts = ?, first_claimed_at = ?, "
                + "token = ?, lease_until = NULL WHERE id = ?");
        dead = connection.prepareStatement("UPDATE events SET state = 'DEAD', last_error = ?, failed_at = ?, "
                + "lease_until = NULL WHERE id = ?");
        requeue = connection.prepareStatement("UPDATE events SET state = 'QUEUED', lease_until = NULL "
                + "WHERE state IN ('RUNNING', 'WAITING')");
        replay = connection.prepareStatement("UPDATE events SET id = ?, state = 'QUEUED', attempts = 0, "
                + "next_attempt_at = ?, last_error = NULL, failed_at = NULL, token = 0, lease_until = NULL "
                + "WHERE id = ?");
        seenDeliveryId = connection.prepareStatement("SELECT trace_id, seen_at FROM delivery_ids "
                + "WHERE path = ? AND delivery_id = ?");
        rememberDeliveryId = connection.prepareStatement("INSERT OR REPLACE INTO delivery_ids "
                + "(path, delivery_id, trace_id, seen_at) VALUES (?, ?, ?, ?)");
        forgetDeliveryId = connection.prepareStatement("DELETE FROM delivery_ids "
                + "WHERE path = ? AND delivery_id = ? AND trace_id = ?");
        purgeDeliveryIds = connection.prepareStatement("DELETE FROM delivery_ids WHERE seen_at <= ?");
        idOf = connection.prepareStatement("SELECT id FROM events WHERE trace_id = ?");
        keysOf = connection.prepareStatement("SELECT trace_id, path, delivery_id FROM events WHERE id = ?");
    }

    void insert(EventMeta meta, String traceId, String deliveryId, String lastError,
                String headersJson, byte[] body) throws SQLException {
        insert.setLong(1, meta.id);
        insert.setString(2, traceId);
        insert.setString(3, meta.path);
        insert.setString(4, meta.groupKey);
        insert.setString(5, deliveryId);
        SqliteRows.setInstant(insert, 6, meta.receivedAt);
        insert.setString(7, headersJson);
        insert.setBytes(8, body);
        insert.setLong(9, meta.bytes);
        insert.setInt(10, meta.attempts);
        SqliteRows.setInstant(insert, 11, meta.nextAttemptAt);
        insert.setString(12, meta.state.name());
        insert.setString(13, lastError);
        SqliteRows.setInstant(insert, 14, meta.failedAt);
        insert.executeUpdate();
    }

    StoredEvent event(long id) throws SQLException {
        selectById.setLong(1, id);
        try (ResultSet row = selectById.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("event " + id + " is in the index but not in the database");
            }
            return SqliteRows.event(row);
        }
    }

    void claim(long id, long token, Instant leaseUntil, Instant now) throws SQLException {
        claim.setLong(1, token);
        SqliteRows.setInstant(claim, 2, leaseUntil);
        SqliteRows.setInstant(claim, 3, now);
        claim.setLong(4, id);
        expectOne(claim.executeUpdate(), id);
    }

    /** Writes what the index says of a released event. */
    void release(EventMeta event) throws SQLException {
        release.setString(1, event.state.name());
        release.setInt(2, event.attempts);
        SqliteRows.setInstant(release, 3, event.firstClaimedAt);
        release.setLong(4, event.token);
        release.setLong(5, event.id);
        expectOne(release.executeUpdate(), event.id);
    }

    void renew(long id, Instant leaseUntil) throws SQLException {
        SqliteRows.setInstant(renew, 1, leaseUntil);
        renew.setLong(2, id);
        expectOne(renew.executeUpdate(), id);
    }

    void delete(long id) throws SQLException {
        delete.setLong(1, id);
        expectOne(delete.executeUpdate(), id);
    }

    void waiting(long id, int attempts, Instant nextAttemptAt, String error) throws SQLException {
        waiting.setInt(1, attempts);
        SqliteRows.setInstant(waiting, 2, nextAttemptAt);
        waiting.setString(3, error);
        waiting.setLong(4, id);
        expectOne(waiting.executeUpdate(), id);
    }

    void dead(long id, String reason, Instant failedAt) throws SQLException {
        dead.setString(1, reason);
        SqliteRows.setInstant(dead, 2, failedAt);
        dead.setLong(3, id);
        expectOne(dead.executeUpdate(), id);
    }

    void requeueInterrupted() throws SQLException {
        requeue.executeUpdate();
    }

    void replay(long oldId, long newId, Instant now) throws SQLException {
        replay.setLong(1, newId);
        SqliteRows.setInstant(replay, 2, now);
        replay.setLong(3, oldId);
        expectOne(replay.executeUpdate(), oldId);
    }

    String firstTraceId(String path, String deliveryId, Instant now, Duration window) throws SQLException {
        seenDeliveryId.setString(1, path);
        seenDeliveryId.setString(2, deliveryId);
        try (ResultSet row = seenDeliveryId.executeQuery()) {
            if (!row.next()) {
                return null;
            }
            Instant seenAt = SqliteRows.instant(row.getLong(2));
            return seenAt.plus(window).isAfter(now) ? row.getString(1) : null;
        }
    }

    void rememberDeliveryId(String path, String deliveryId, String traceId, Instant now) throws SQLException {
        rememberDeliveryId.setString(1, path);
        rememberDeliveryId.setString(2, deliveryId);
        rememberDeliveryId.setString(3, traceId);
        SqliteRows.setInstant(rememberDeliveryId, 4, now);
        rememberDeliveryId.executeUpdate();
    }

    /** Forgets the event's delivery id, if it has one and no later delivery took it over. */
    void forgetDeliveryIdOf(long id) throws SQLException {
        keysOf.setLong(1, id);
        try (ResultSet row = keysOf.executeQuery()) {
            if (!row.next() || row.getString(3) == null) {
                return;
            }
            forgetDeliveryId.setString(1, row.getString(2));
            forgetDeliveryId.setString(2, row.getString(3));
            forgetDeliveryId.setString(3, row.getString(1));
        }
        forgetDeliveryId.executeUpdate();
    }

    /** The id of the event with this trace id, or null. */
    Long idOf(String traceId) throws SQLException {
        idOf.setString(1, traceId);
        try (ResultSet row = idOf.executeQuery()) {
            return row.next() ? row.getLong(1) : null;
        }
    }

    String traceIdOf(long id) throws SQLException {
        keysOf.setLong(1, id);
        try (ResultSet row = keysOf.executeQuery()) {
            return row.next() ? row.getString(1) : null;
        }
    }

    long purgeDeliveryIds(Instant now, Duration window) throws SQLException {
        SqliteRows.setInstant(purgeDeliveryIds, 1, now.minus(window));
        return purgeDeliveryIds.executeUpdate();
    }

    private static void expectOne(int updated, long id) throws SQLException {
        if (updated != 1) {
            throw new SQLException("event " + id + " is in the index but not in the database");
        }
    }
}
