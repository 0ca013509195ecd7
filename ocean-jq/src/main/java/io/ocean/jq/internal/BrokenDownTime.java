package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * jq's "broken down time": {@code [year, month (0-11), day of month, hours, minutes, seconds (may be fractional),
 * day of week (0 = Sunday), day of year (0-365)]}.
 */
final class BrokenDownTime {

    private BrokenDownTime() {
    }

    /** Seconds since the epoch (fraction kept in the seconds field) in the given zone. */
    static ArrayNode fromEpoch(double epochSeconds, ZoneId zone) {
        double whole = Math.floor(epochSeconds);
        ZonedDateTime time = Instant.ofEpochSecond((long) whole).atZone(zone);
        return of(time.toLocalDateTime(), time.getSecond() + (epochSeconds - whole));
    }

    static ArrayNode of(LocalDateTime time, double seconds) {
        ArrayNode tm = JsonNodeFactory.instance.arrayNode();
        tm.add(time.getYear());
        tm.add(time.getMonthValue() - 1);
        tm.add(time.getDayOfMonth());
        tm.add(time.getHour());
        tm.add(time.getMinute());
        tm.add(GuardFunctions.number(seconds));
        tm.add(time.getDayOfWeek().getValue() % 7);
        tm.add(time.getDayOfYear() - 1);
        return tm;
    }

    /** The broken-down time as a date-time, seconds truncated; day of week and year are ignored, as mktime does. */
    static LocalDateTime toDateTime(JsonNode tm, String function) throws JsonQueryException {
        if (!tm.isArray() || tm.size() < 6) {
            throw new JsonQueryException(function + " requires array of 6 numbers");
        }
        for (int i = 0; i < 6; i++) {
            if (!tm.get(i).isNumber()) {
                throw new JsonQueryException(function + " requires parsed datetime inputs");
            }
        }
        return LocalDateTime.of(tm.get(0).asInt(), 1, 1, 0, 0)
                .plusMonths(tm.get(1).asLong())
                .plusDays(tm.get(2).asLong() - 1)
                .plusHours(tm.get(3).asLong())
                .plusMinutes(tm.get(4).asLong())
                .plusSeconds((long) Math.floor(tm.get(5).asDouble()));
    }

    /** Seconds since the epoch of a broken-down UTC time. */
    static long toEpochSeconds(JsonNode tm, String function) throws JsonQueryException {
        return toDateTime(tm, function).toEpochSecond(ZoneOffset.UTC);
    }

    /** The input as a broken-down time: numbers are read as epoch seconds in the zone. */
    static JsonNode coerce(JsonNode in, ZoneId zone, String function) throws JsonQueryException {
        if (in.isNumber()) {
            return fromEpoch(in.asDouble(), zone);
        }
        if (in.isArray()) {
            return in;
        }
        throw new JsonQueryException(function + "/1 requires parsed datetime inputs");
    }
}
