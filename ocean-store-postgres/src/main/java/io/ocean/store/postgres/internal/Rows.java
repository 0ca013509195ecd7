package io.ocean.store.postgres.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocean.webhook.store.Claim;
import io.ocean.webhook.store.EventState;
import io.ocean.webhook.store.StoredEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Reads and writes the columns of {@code events}: times as {@code timestamptz}, headers as JSON. */
final class Rows {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {
    };

    private Rows() {
    }

    /** An event from a row selected with {@link Sql#EVENT_COLUMNS}. */
    static StoredEvent event(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong("id"), rs.getString("trace_id"), rs.getString("path"),
                rs.getString("group_key"), rs.getString("delivery_id"), instant(rs, "received_at"),
                headers(rs.getString("headers")), rs.getBytes("body"), rs.getInt("attempts"),
                instant(rs, "next_attempt_at"), EventState.valueOf(rs.getString("state")),
                rs.getString("last_error"), instant(rs, "failed_at"));
    }

    /** A claim from a row of the claim statement. */
    static Claim claim(ResultSet rs) throws SQLException {
        Instant leaseUntil = instant(rs, "lease_until");
        Instant first = instant(rs, "first_claimed_at");
        return new Claim(event(rs), rs.getLong("token"), leaseUntil, first == null ? leaseUntil : first);
    }

    /** PostgreSQL keeps microseconds; every time the store writes is cut to them so that reads return it unchanged. */
    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, instant == null ? null : OffsetDateTime.ofInstant(micros(instant), ZoneOffset.UTC));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static String headersJson(Map<String, List<String>> headers) {
        try {
            return JSON.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("headers cannot be written as JSON", e);
        }
    }

    private static Map<String, List<String>> headers(String json) throws SQLException {
        try {
            return JSON.readValue(json, HEADERS);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored headers are not JSON", e);
        }
    }
}
