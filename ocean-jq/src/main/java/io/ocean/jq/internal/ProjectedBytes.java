package io.ocean.jq.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@link ProjectedRead} straight from UTF-8 bytes: the fields no path names are skipped by a byte scan that checks
 * their syntax without decoding them (Jackson would tokenise every nested name and value). It decodes only what it
 * is sure to read as Jackson does — ASCII or valid UTF-8 strings without escapes, integers up to 18 digits, the
 * literals — and hands anything else to Jackson whole: a float, an escape, a duplicate key, deep nesting, and any
 * syntax it does not accept, so an invalid item fails with Jackson's own error. One instance per read.
 */
public final class ProjectedBytes {

    private static final JsonFactory FACTORY = new JsonFactory();
    /** Below Jackson's nesting limit, so no item Jackson refuses for depth is read here. */
    private static final int MAX_DEPTH = 400;
    /** Below Jackson's limit on names (50 000) and far below its limit on values. */
    private static final int MAX_NAME = 40_000;
    private static final int MAX_STRING = 10_000_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Gives the item to Jackson: something this reader does not decode itself. */
    private static final class Fallback extends RuntimeException {
        static final Fallback INSTANCE = new Fallback();

        private Fallback() {
            super(null, null, false, false);
        }
    }

    private final byte[] b;
    private final int end;
    private int pos;

    private ProjectedBytes(byte[] bytes, int from, int end) {
        this.b = bytes;
        this.pos = from;
        this.end = end;
    }

    /** The first JSON value in {@code bytes[offset, offset + length)}, projected; null paths read it whole. */
    public static JsonNode read(byte[] bytes, int offset, int length, ReadPaths.Node paths) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        try {
            ProjectedBytes reader = new ProjectedBytes(bytes, offset, offset + length);
            reader.ws();
            JsonNode value = reader.projected(paths, 0);
            reader.ws();
            if (reader.pos < reader.end) {
                throw Fallback.INSTANCE;   // what follows the value is Jackson's to judge (or ignore)
            }
            return value;
        } catch (Fallback fallback) {
            try (JsonParser parser = FACTORY.createParser(bytes, offset, length)) {
                return ProjectedRead.read(parser, paths);
            }
        }
    }

    private JsonNode projected(ReadPaths.Node paths, int depth) {
        if (paths == null || paths.whole()) {
            return whole(depth);
        }
        byte c = peek();
        if (c == '{') {
            check(depth);
            ObjectNode out = NODES.objectNode();
            pos++;
            ws();
            if (peek() == '}') {
                pos++;
                return out;
            }
            while (true) {
                String name = name();
                ReadPaths.Node child = paths.each() != null ? paths.each() : paths.field(name);
                if (child == null) {
                    skip(depth + 1);
                } else if (out.replace(name, projected(child, depth + 1)) != null) {
                    throw Fallback.INSTANCE;
                }
                if (endOf('}')) {
                    return out;
                }
            }
        }
        if (c == '[' && paths.each() != null) {
            check(depth);
            ArrayNode out = NODES.arrayNode();
            pos++;
            ws();
            if (peek() == ']') {
                pos++;
                return out;
            }
            do {
                ws();
                out.add(projected(paths.each(), depth + 1));
            } while (!endOf(']'));
            return out;
        }
        return whole(depth);
    }

    private JsonNode whole(int depth) {
        byte c = peek();
        switch (c) {
            case '{': {
                check(depth);
                ObjectNode out = NODES.objectNode();
                pos++;
                ws();
                if (peek() == '}') {
                    pos++;
                    return out;
                }
                do {
                    String name = name();
                    if (out.replace(name, whole(depth + 1)) != null) {
                        throw Fallback.INSTANCE;
                    }
                } while (!endOf('}'));
                return out;
            }
            case '[': {
                check(depth);
                ArrayNode out = NODES.arrayNode();
                pos++;
                ws();
                if (peek() == ']') {
                    pos++;
                    return out;
                }
                do {
                    ws();
                    out.add(whole(depth + 1));
                } while (!endOf(']'));
                return out;
            }
            case '"':
                return NODES.textNode(string(MAX_STRING));
            case 't':
                literal("true");
                return BooleanNode.TRUE;
            case 'f':
                literal("false");
                return BooleanNode.FALSE;
            case 'n':
                literal("null");
                return NullNode.getInstance();
            default:
                return integer();
        }
    }

    /** Skips one value, checking its syntax as strictly as Jackson or more. */
    private void skip(int depth) {
        byte c = peek();
        switch (c) {
            case '{':
                check(depth);
                pos++;
                ws();
                if (peek() == '}') {
                    pos++;
                    return;
                }
                do {
                    ws();
                    skipString(MAX_NAME);
                    colon();
                    skip(depth + 1);
                } while (!endOf('}'));
                return;
            case '[':
                check(depth);
                pos++;
                ws();
                if (peek() == ']') {
                    pos++;
                    return;
                }
                do {
                    ws();
                    skip(depth + 1);
                } while (!endOf(']'));
                return;
            case '"':
                skipString(MAX_STRING);
                return;
            case 't':
                literal("true");
                return;
            case 'f':
                literal("false");
                return;
            case 'n':
                literal("null");
                return;
            default:
                skipNumber();
        }
    }

    /** A field name and its colon; the value's first byte is next. */
    private String name() {
        ws();
        String name = string(MAX_NAME);
        colon();
        return name;
    }

    private void colon() {
        ws();
        if (peek() != ':') {
            throw Fallback.INSTANCE;
        }
        pos++;
        ws();
    }

    /** After a member: true at the closing bracket (consumed), false at a comma (consumed). */
    private boolean endOf(char close) {
        ws();
        byte c = peek();
        pos++;
        if (c == close) {
            return true;
        }
        if (c != ',') {
            throw Fallback.INSTANCE;
        }
        return false;
    }

    private String string(int max) {
        if (peek() != '"') {
            throw Fallback.INSTANCE;
        }
        int from = ++pos;
        boolean ascii = true;
        while (true) {
            while (pos < end && b[pos] >= 0x20 && b[pos] != '"' && b[pos] != '\\') {
                pos++;
            }
            byte c = peek();
            if (c == '"') {
                break;
            }
            if (c >= 0 || c == '\\') {
                throw Fallback.INSTANCE;   // a control character, or an escape: Jackson decodes those
            }
            ascii = false;
            utf8();
        }
        int length = pos - from;
        pos++;
        if (length > max) {
            throw Fallback.INSTANCE;
        }
        if (ascii) {
            return new String(b, from, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b, from, length)).toString();
        } catch (CharacterCodingException e) {
            throw Fallback.INSTANCE;
        }
    }

    private void skipString(int max) {
        if (peek() != '"') {
            throw Fallback.INSTANCE;
        }
        int from = ++pos;
        while (true) {
            // most bytes of an item are inside strings: this loop is the reader's hot path
            while (pos < end && b[pos] >= 0x20 && b[pos] != '"' && b[pos] != '\\') {
                pos++;
            }
            byte c = peek();
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                escape();
            } else if (c < 0) {
                utf8();
            } else {
                throw Fallback.INSTANCE;   // an unescaped control character
            }
        }
        if (pos - from > max) {
            throw Fallback.INSTANCE;
        }
        pos++;
    }

    private void escape() {
        pos++;
        byte c = peek();
        if (c == 'u') {
            for (int i = 1; i <= 4; i++) {
                if (pos + i >= end || Character.digit(b[pos + i], 16) < 0) {
                    throw Fallback.INSTANCE;
                }
            }
            pos += 5;
        } else if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't') {
            pos++;
        } else {
            throw Fallback.INSTANCE;
        }
    }

    /** One UTF-8 sequence of two to four bytes, well formed in its lead and continuation bytes. */
    private void utf8() {
        int lead = b[pos] & 0xFF;
        int more;
        if (lead >= 0xC2 && lead <= 0xDF) {
            more = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            more = 2;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            more = 3;
        } else {
            throw Fallback.INSTANCE;
        }
        for (int i = 1; i <= more; i++) {
            if (pos + i >= end || (b[pos + i] & 0xC0) != 0x80) {
                throw Fallback.INSTANCE;
            }
        }
        pos += more + 1;
    }

    private void literal(String word) {
        int n = word.length();
        if (pos + n > end) {
            throw Fallback.INSTANCE;
        }
        for (int i = 0; i < n; i++) {
            if (b[pos + i] != word.charAt(i)) {
                throw Fallback.INSTANCE;
            }
        }
        pos += n;
        delimiter();
    }

    /** An integer of at most 18 digits as Jackson's tree has it (int when it fits); other numbers go to Jackson. */
    private JsonNode integer() {
        boolean negative = peek() == '-';
        if (negative) {
            pos++;
        }
        int digitsFrom = pos;
        long value = 0;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            value = value * 10 + (b[pos] - '0');
            pos++;
        }
        int digits = pos - digitsFrom;
        if (digits == 0 || digits > 18 || (digits > 1 && b[digitsFrom] == '0')) {
            throw Fallback.INSTANCE;
        }
        if (pos < end && (b[pos] == '.' || b[pos] == 'e' || b[pos] == 'E')) {
            throw Fallback.INSTANCE;
        }
        delimiter();
        long signed = negative ? -value : value;
        return signed == (int) signed ? NODES.numberNode((int) signed) : NODES.numberNode(signed);
    }

    /** Skips a number, checked against JSON's grammar. */
    private void skipNumber() {
        int from = pos;
        if (peek() == '-') {
            pos++;
        }
        int digits = digits();
        if (digits == 0 || (digits > 1 && b[pos - digits] == '0')) {
            throw Fallback.INSTANCE;
        }
        if (pos < end && b[pos] == '.') {
            pos++;
            if (digits() == 0) {
                throw Fallback.INSTANCE;
            }
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            pos++;
            if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            if (digits() == 0) {
                throw Fallback.INSTANCE;
            }
        }
        if (pos - from > 900) {
            throw Fallback.INSTANCE;   // near Jackson's limit on a number's length
        }
        delimiter();
    }

    private int digits() {
        int from = pos;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
        return pos - from;
    }

    /** A scalar ends at white space, a separator, a closing bracket, or the end of the bytes. */
    private void delimiter() {
        if (pos < end) {
            byte c = b[pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ',' && c != '}' && c != ']') {
                throw Fallback.INSTANCE;
            }
        }
    }

    private void check(int depth) {
        if (depth >= MAX_DEPTH) {
            throw Fallback.INSTANCE;
        }
    }

    private byte peek() {
        if (pos >= end) {
            throw Fallback.INSTANCE;
        }
        return b[pos];
    }

    private void ws() {
        while (pos < end && (b[pos] == ' ' || b[pos] == '\n' || b[pos] == '\r' || b[pos] == '\t')) {
            pos++;
        }
    }
}
