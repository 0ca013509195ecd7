package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import net.thisptr.jackson.jq.internal.misc.OnigUtils;
import org.joni.Matcher;
import org.joni.Option;
import org.joni.Region;

/**
 * {@code _match_impl(re; flags; test)}, under {@code match}, {@code test}, {@code capture}, {@code scan},
 * {@code split}, {@code sub} and {@code gsub}, with Oniguruma (joni) as jq uses, and jq 1.7.1's global iteration:
 * after an empty match the search moves on by one character and may still match at the very end
 * ({@code "abc" | gsub("x*"; "-")} is {@code "-a-b-c-"}), a zero-width match ahead of the position is found once, and
 * an empty match carries its groups as empty strings. Compiled patterns are cached by (regex, flags).
 */
final class RegexFunctions {

    private static final int CACHE_LIMIT = 512;
    private static final Map<String, OnigUtils.Pattern> PATTERNS = new ConcurrentHashMap<>();

    private RegexFunctions() {
    }

    static final Function MATCH_IMPL = (scope, args, in, path, output, version) -> {
        if (!in.isTextual()) {
            throw new JsonQueryException(Args.describe(in) + " cannot be matched, as it is not a string");
        }
        for (JsonNode regex : Args.values(args.get(0), scope, in)) {
            if (!regex.isTextual()) {
                throw new JsonQueryException(Args.describe(regex) + " cannot be matched, as it is not a string");
            }
            for (JsonNode flags : Args.values(args.get(1), scope, in)) {
                if (!flags.isTextual() && !flags.isNull()) {
                    throw new JsonQueryException(Args.describe(flags) + " is not a string");
                }
                for (JsonNode test : Args.values(args.get(2), scope, in)) {
                    OnigUtils.Pattern pattern = pattern(regex.textValue(), flags.isNull() ? null : flags.textValue());
                    output.emit(match(pattern, in.textValue(), test.asBoolean()), null);
                }
            }
        }
    };

    private static OnigUtils.Pattern pattern(String regex, String flags) throws JsonQueryException {
        String key = (flags == null ? "\u0000" : flags) + '\u0000' + regex;
        OnigUtils.Pattern pattern = PATTERNS.get(key);
        if (pattern == null) {
            pattern = new OnigUtils.Pattern(regex, flags);
            if (PATTERNS.size() >= CACHE_LIMIT) {
                PATTERNS.clear();
            }
            PATTERNS.put(key, pattern);
        }
        return pattern;
    }

    private static JsonNode match(OnigUtils.Pattern pattern, String input, boolean test) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        Matcher m = pattern.regex.matcher(bytes);
        if (test) {
            return BooleanNode.valueOf(m.search(0, bytes.length, Option.NONE) >= 0);
        }
        int[] codePoints = codePointIndex(bytes);
        ArrayNode matches = JsonNodeFactory.instance.arrayNode();
        int start = 0;
        while (start <= bytes.length) {
            if (m.search(start, bytes.length, Option.NONE) < 0) {
                break;
            }
            int begin = m.getBegin();
            int end = m.getEnd();
            matches.add(matchObject(pattern, bytes, codePoints, m.getRegion(), begin, end));
            if (!pattern.global) {
                break;
            }
            start = end == begin ? end + charLength(bytes, end) : end;
        }
        return matches;
    }

    private static ObjectNode matchObject(OnigUtils.Pattern pattern, byte[] bytes, int[] codePoints, Region region,
                                          int begin, int end) {
        ObjectNode match = JsonNodeFactory.instance.objectNode();
        match.put("offset", codePoints[begin]);
        match.put("length", codePoints[end] - codePoints[begin]);
        match.put("string", new String(bytes, begin, end - begin, StandardCharsets.UTF_8));
        ArrayNode captures = match.putArray("captures");
        if (region != null) {
            for (int i = 1; i < region.getNumRegs(); i++) {
                ObjectNode capture = captures.addObject();
                int b = region.getBeg(i);
                if (begin == end) {
                    capture.put("offset", codePoints[begin]).put("length", 0).put("string", "");
                } else if (b >= 0) {
                    int e = region.getEnd(i);
                    capture.put("offset", codePoints[b]).put("length", codePoints[e] - codePoints[b])
                            .put("string", new String(bytes, b, e - b, StandardCharsets.UTF_8));
                } else {
                    capture.put("offset", -1).put("length", 0).putNull("string");
                }
                String name = i < pattern.names.length ? pattern.names[i] : null;
                if (name == null) {
                    capture.putNull("name");
                } else {
                    capture.put("name", name);
                }
            }
        }
        return match;
    }

    /** For each byte offset, the index of the code point it belongs to (one more entry for the end). */
    private static int[] codePointIndex(byte[] bytes) {
        int[] index = new int[bytes.length + 1];
        int cp = 0;
        int i = 0;
        while (i < bytes.length) {
            int n = Math.max(1, Math.min(charLength(bytes, i), bytes.length - i));
            for (int j = 0; j < n; j++) {
                index[i + j] = cp;
            }
            cp++;
            i += n;
        }
        index[bytes.length] = cp;
        return index;
    }

    private static int charLength(byte[] bytes, int i) {
        if (i >= bytes.length) {
            return 1;
        }
        int b = bytes[i] & 0xff;
        return b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
    }
}
