package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/** String builtins jackson-jq 1.6 lacks: {@code trim}, {@code ltrim}, {@code rtrim}, {@code ascii}, base32. */
final class StringFunctions {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private StringFunctions() {
    }

    /** {@code trim}, {@code ltrim} or {@code rtrim}: removes ASCII whitespace from the chosen ends. */
    static Function trim(String name, boolean left, boolean right) {
        return (scope, args, in, path, output, version) -> {
            if (!in.isTextual()) {
                throw new JsonQueryException(name + " input must be a string");
            }
            String s = in.asText();
            int start = 0;
            int end = s.length();
            while (left && start < end && isSpace(s.charAt(start))) {
                start++;
            }
            while (right && end > start && isSpace(s.charAt(end - 1))) {
                end--;
            }
            output.emit(start == 0 && end == s.length() ? in : TextNode.valueOf(s.substring(start, end)), null);
        };
    }

    /** {@code ascii}: a code point from 0 to 127 as a one-character string. */
    static final Function ASCII = (scope, args, in, path, output, version) -> {
        if (!in.isIntegralNumber() || in.asLong() < 0 || in.asLong() > 127) {
            throw new JsonQueryException("ascii only takes integers from 0 to 127, got " + Args.describe(in));
        }
        output.emit(TextNode.valueOf(String.valueOf((char) in.asInt())), null);
    };

    /** {@code _ocean_bignum("...")}: an integer literal beyond a long, kept exact (see {@link JqRewriter}). */
    static final Function BIGNUM = (scope, args, in, path, output, version) -> {
        for (JsonNode digits : Args.values(args.get(0), scope, in)) {
            output.emit(BigIntegerNode.valueOf(new BigInteger(digits.asText())), null);
        }
    };

    /** {@code @base32}: RFC 4648 base32 of the UTF-8 bytes of the string form, with padding. */
    static final Function BASE32_ENCODE = (scope, args, in, path, output, version) -> {
        byte[] bytes = text(in).getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder((bytes.length + 4) / 5 * 8);
        for (int i = 0; i < bytes.length; i += 5) {
            long block = 0;
            int n = Math.min(5, bytes.length - i);
            for (int j = 0; j < 5; j++) {
                block = (block << 8) | (j < n ? bytes[i + j] & 0xff : 0);
            }
            int chars = (n * 8 + 4) / 5;
            for (int j = 0; j < 8; j++) {
                out.append(j < chars ? BASE32.charAt((int) (block >>> (35 - 5 * j)) & 31) : '=');
            }
        }
        output.emit(TextNode.valueOf(out.toString()), null);
    };

    /** {@code @base32d}: decodes RFC 4648 base32 (padding optional) to a UTF-8 string. */
    static final Function BASE32_DECODE = (scope, args, in, path, output, version) -> {
        String s = text(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long buffer = 0;
        int bits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=') {
                break;
            }
            int value = BASE32.indexOf(Character.toUpperCase(c));
            if (value < 0) {
                throw new JsonQueryException(Args.describe(in) + " is not valid base32 data");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out.write((int) (buffer >>> bits) & 0xff);
            }
        }
        output.emit(TextNode.valueOf(out.toString(StandardCharsets.UTF_8)), null);
    };

    private static String text(JsonNode in) {
        return in.isTextual() ? in.asText() : in.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }
}
