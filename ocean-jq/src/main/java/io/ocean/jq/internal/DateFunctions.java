package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/** jq's date builtins that jackson-jq 1.6 lacks: strptime, strftime, strflocaltime, mktime, gmtime, localtime. */
final class DateFunctions {

    private DateFunctions() {
    }

    static final Function GMTIME = (scope, args, in, path, output, version) -> {
        if (!in.isNumber()) {
            throw new JsonQueryException("gmtime() requires a number");
        }
        output.emit(BrokenDownTime.fromEpoch(in.asDouble(), ZoneOffset.UTC), null);
    };

    static final Function LOCALTIME = (scope, args, in, path, output, version) -> {
        if (!in.isNumber()) {
            throw new JsonQueryException("localtime() requires a number");
        }
        output.emit(BrokenDownTime.fromEpoch(in.asDouble(), ZoneId.systemDefault()), null);
    };

    static final Function MKTIME = (scope, args, in, path, output, version) -> {
        if (!in.isArray()) {
            throw new JsonQueryException("mktime requires array of 6 numbers");
        }
        output.emit(LongNode.valueOf(BrokenDownTime.toEpochSeconds(in, "mktime")), null);
    };

    static final Function STRPTIME = (scope, args, in, path, output, version) -> {
        if (!in.isTextual()) {
            throw new JsonQueryException("strptime/1 requires string inputs and arguments");
        }
        for (JsonNode format : Args.values(args.get(0), scope, in)) {
            if (!format.isTextual()) {
                throw new JsonQueryException("strptime/1 requires string inputs and arguments");
            }
            output.emit(StrpTime.parse(in.asText(), format.asText()), null);
        }
    };

    static final Function STRFTIME = (scope, args, in, path, output, version) -> {
        JsonNode tm = BrokenDownTime.coerce(in, ZoneOffset.UTC, "strftime");
        for (JsonNode format : Args.values(args.get(0), scope, in)) {
            if (!format.isTextual()) {
                throw new JsonQueryException("strftime/1 requires a string format");
            }
            output.emit(TextNode.valueOf(StrfTime.format(format.asText(), tm, "UTC", "+0000")), null);
        }
    };

    static final Function STRFLOCALTIME = (scope, args, in, path, output, version) -> {
        ZoneId zone = ZoneId.systemDefault();
        JsonNode tm = BrokenDownTime.coerce(in, zone, "strflocaltime");
        Instant instant = BrokenDownTime.toDateTime(tm, "strflocaltime/1").atZone(zone).toInstant();
        ZoneOffset offset = zone.getRules().getOffset(instant);
        String zoneName = zone.getDisplayName(TextStyle.SHORT, Locale.US);
        String offsetText = offset.getId().equals("Z") ? "+0000" : offset.getId().replace(":", "");
        for (JsonNode format : Args.values(args.get(0), scope, in)) {
            if (!format.isTextual()) {
                throw new JsonQueryException("strflocaltime/1 requires a string format");
            }
            output.emit(TextNode.valueOf(StrfTime.format(format.asText(), tm, zoneName, offsetText)), null);
        }
    };
}
