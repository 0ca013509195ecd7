package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import net.thisptr.jackson.jq.exception.JsonQueryUserException;
import net.thisptr.jackson.jq.internal.misc.JsonNodeComparator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builtins jackson-jq lacks or answers differently from jq 1.7.1: {@code error}, {@code has}, {@code bsearch},
 * {@code fabs}, {@code builtins}, {@code debug}, {@code implode}, {@code fromjson}, {@code tojson}, {@code @uri}.
 */
final class CoreFunctions {

    /** Created on first use (of {@code debug}): a program that never debugs never starts the logging backend. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger("io.ocean.jq.Jq");
    }
    private static final Pattern NAN = Pattern.compile("\\s*-?nan[0-9]*\\s*");
    private static final String URI_UNRESERVED =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";

    private CoreFunctions() {
    }

    /** {@code error} and {@code error(v)}: the value itself is the error, null included. */
    static final Function ERROR = (scope, args, in, path, output, version) -> {
        if (args.isEmpty()) {
            throw new JsonQueryUserException(in);
        }
        for (JsonNode value : Args.values(args.get(0), scope, in)) {
            throw new JsonQueryUserException(value);
        }
    };

    /** {@code has(key)}, where an array has no nan index. */
    static Function has(Function original) {
        return (scope, args, in, path, output, version) -> {
            for (JsonNode key : Args.values(args.get(0), scope, in)) {
                if (in.isArray() && key.isNumber() && Double.isNaN(key.doubleValue())) {
                    output.emit(BooleanNode.FALSE, null);
                } else {
                    original.apply(scope, List.of((s, i, p, o, r) -> o.emit(key, null)), in, path, output, version);
                }
            }
        };
    }

    /** {@code getpath(p)}, where a fractional array index is floored, as in {@code .[1.5]}. */
    static Function getpath(Function original) {
        return (scope, args, in, path, output, version) -> {
            for (JsonNode p : Args.values(args.get(0), scope, in)) {
                JsonNode floored = p;
                if (p.isArray()) {
                    for (int i = 0; i < p.size(); i++) {
                        JsonNode key = p.get(i);
                        if (key.isFloatingPointNumber() && !Double.isNaN(key.doubleValue())
                                && Math.abs(key.doubleValue()) < 9.007199254740992E15
                                && key.doubleValue() != Math.rint(key.doubleValue())) {
                            if (floored == p) {
                                floored = p.deepCopy();
                            }
                            ((ArrayNode) floored).set(i, LongNode.valueOf((long) Math.floor(key.doubleValue())));
                        }
                    }
                }
                JsonNode arg = floored;
                original.apply(scope, List.of((s, i, ip, o, r) -> o.emit(arg, null)), in, path, output, version);
            }
        };
    }

    /** {@code bsearch(x)}: the index of x in the sorted input array, or (-1 - insertion point). */
    static final Function BSEARCH = (scope, args, in, path, output, version) -> {
        for (JsonNode target : Args.values(args.get(0), scope, in)) {
            if (!in.isArray()) {
                throw new JsonQueryException(Args.describe(in) + " cannot be searched from");
            }
            int low = 0;
            int high = in.size() - 1;
            long found = Long.MIN_VALUE;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                int c = JsonNodeComparator.getInstance().compare(in.get(mid), target);
                if (c == 0) {
                    found = mid;
                    break;
                } else if (c < 0) {
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            output.emit(LongNode.valueOf(found != Long.MIN_VALUE ? found : -1L - low), null);
        }
    };

    /** {@code fabs}: the absolute value, as a double. */
    static final Function FABS = (scope, args, in, path, output, version) -> {
        if (!in.isNumber()) {
            throw new JsonQueryException(Args.describe(in) + " number required");
        }
        output.emit(DoubleNode.valueOf(Math.abs(in.doubleValue())), null);
    };

    /** {@code builtins}: "name/arity" of every builtin, without our internal helpers. */
    static final Function BUILTINS = (scope, args, in, path, output, version) -> {
        TreeSet<String> names = new TreeSet<>();
        for (Scope s = JqBuiltins.root(); s != null; s = s.getParentScope()) {
            for (String key : s.getLocalFunctions().keySet()) {
                if (!key.startsWith("_") && !key.startsWith("@")) {
                    names.add(key);
                }
            }
        }
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        names.forEach(list::add);
        output.emit(list, null);
    };

    /** {@code debug}: passes its input through and logs {@code ["DEBUG:", input]} at DEBUG level. */
    static final Function DEBUG = (scope, args, in, path, output, version) -> {
        if (Log.LOG.isDebugEnabled()) {
            Log.LOG.debug("[\"DEBUG:\",{}]", in);
        }
        output.emit(in, path);
    };

    /** {@code implode}: code points to a string; invalid code points become U+FFFD, as in jq 1.7.1. */
    static final Function IMPLODE = (scope, args, in, path, output, version) -> {
        if (!in.isArray()) {
            throw new JsonQueryException("implode input must be an array");
        }
        StringBuilder out = new StringBuilder(in.size());
        for (JsonNode c : in) {
            if (!c.isNumber() || Double.isNaN(c.doubleValue())) {
                String shown = c.isNumber() ? "number (null)" : Args.describe(c);
                throw new JsonQueryException(shown + " can't be imploded, unicode codepoint needs to be numeric");
            }
            double d = c.doubleValue();
            int cp = d >= Integer.MAX_VALUE || d <= Integer.MIN_VALUE ? -1 : (int) d;
            if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                cp = 0xFFFD;
            }
            out.appendCodePoint(cp);
        }
        output.emit(TextNode.valueOf(out.toString()), null);
    };

    /** {@code fromjson}, where jq reads {@code nan} (and, as jq 1.7.1 does, {@code nan} followed by digits). */
    static Function fromjson(Function original) {
        return (scope, args, in, path, output, version) -> {
            if (in.isTextual() && NAN.matcher(in.textValue()).matches()) {
                output.emit(DoubleNode.valueOf(Double.NaN), null);
                return;
            }
            original.apply(scope, args, in, path, output, version);
        };
    }

    /**
     * {@code tojson} and {@code tostring}: nan is written {@code null}, infinities as the largest doubles, and a number
     * read as a decimal (a caller parsing with {@code USE_BIG_DECIMAL_FOR_FLOATS}) as it was written, {@code 1.10}
     * staying {@code 1.10}, as jq 1.7.1 prints an unchanged literal.
     */
    static Function printing(Function original) {
        return (scope, args, in, path, output, version) ->
                original.apply(scope, args, in.isTextual() ? in : finite(in), path, output, version);
    }

    /** The value as jq prints it (see {@link #printing}), copying only what changes. */
    static JsonNode finite(JsonNode value) {
        if (value.isBigDecimal()) {
            return JsonNodeFactory.instance.rawValueNode(
                    new com.fasterxml.jackson.databind.util.RawValue(value.decimalValue().toString()));
        }
        if (value.isDouble() || value.isFloat()) {
            double d = value.doubleValue();
            if (Double.isNaN(d)) {
                return JsonNodeFactory.instance.nullNode();
            }
            if (Double.isInfinite(d)) {
                return DoubleNode.valueOf(d > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE);
            }
            return value;
        }
        if (value.isContainerNode() && value.size() > 0) {
            JsonNode copy = null;
            List<String> names = value.isObject() ? new ArrayList<>() : null;
            if (names != null) {
                value.fieldNames().forEachRemaining(names::add);
            }
            for (int i = 0; i < value.size(); i++) {
                JsonNode element = names != null ? value.get(names.get(i)) : value.get(i);
                JsonNode fixed = finite(element);
                if (fixed != element) {
                    if (copy == null) {
                        copy = value.deepCopy();
                    }
                    if (names != null) {
                        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).set(names.get(i), fixed);
                    } else {
                        ((ArrayNode) copy).set(i, fixed);
                    }
                }
            }
            return copy == null ? value : copy;
        }
        return value;
    }

    /** {@code @uri}: percent-encodes every UTF-8 byte but the unreserved characters of RFC 3986. */
    static final Function URI = (scope, args, in, path, output, version) -> {
        String s = in.isTextual() ? in.textValue() : in.toString();
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && URI_UNRESERVED.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        output.emit(TextNode.valueOf(out.toString()), null);
    };
}
