package io.ocean.jq.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which parts of an item a set of jq expressions can observe, found conservatively from their text: only a small
 * language is understood (field paths {@code .a.b}, {@code .a[]}, literals, operators, object and array
 * construction, {@code if}, and functions right after a {@code |}, whose input is then a value read whole); any
 * other construct — a bare {@code .}, {@code ..}, variables, assignments, {@code def}, {@code reduce}, {@code try},
 * {@code ?}, string interpolation — means "the whole item". Every path's end is kept whole, so what an expression
 * sees is exactly what it would see in the full item.
 */
public final class ReadPaths {

    /** The parts of a value to keep: all of it, some fields, or the same parts of every element. */
    public static final class Node {
        boolean whole;
        final Map<String, Node> fields = new LinkedHashMap<>();
        Node each;

        /** Whether the value is kept whole. */
        public boolean whole() {
            return whole || (each != null && !fields.isEmpty());
        }

        /** The parts of field {@code name} to keep, or null to skip it. */
        public Node field(String name) {
            return fields.get(name);
        }

        /** The parts of every element (or, on an object, every field's value) to keep, or null. */
        public Node each() {
            return each;
        }
    }

    private static final Set<String> KEYWORDS = Set.of("if", "then", "elif", "else", "end", "and", "or");
    private static final Set<String> LITERALS = Set.of("true", "false", "null");
    private static final Set<String> REFUSED = Set.of("def", "reduce", "foreach", "as", "label", "try", "catch",
            "import", "include", "__loc__", "input", "inputs", "getpath", "paths", "path", "env", "splits");

    private ReadPaths() {
    }

    /** What the expressions can observe of their input, or null when that may be all of it. */
    public static Node of(List<String> expressions) {
        Node root = new Node();
        for (String expression : expressions) {
            if (!add(expression, root)) {
                return null;
            }
        }
        return root;
    }

    private static boolean add(String s, Node root) {
        Deque<Character> brackets = new ArrayDeque<>();
        char previous = '(';       // the last token's kind: '(' start, '|' pipe, 'v' value, 'k' key, or the operator
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '.') {
                if (i + 1 >= n || !identStart(s.charAt(i + 1))) {
                    return false;          // a bare ., .., .[ ], ."x", .5
                }
                Node node = root;
                while (i < n && s.charAt(i) == '.' && i + 1 < n && identStart(s.charAt(i + 1))) {
                    int end = identEnd(s, i + 1);
                    node = node.fields.computeIfAbsent(s.substring(i + 1, end), k -> new Node());
                    i = end;
                    while (s.startsWith("[]", i)) {
                        node = node.each == null ? (node.each = new Node()) : node.each;
                        i += 2;
                    }
                }
                if (i < n && (s.charAt(i) == '.' || s.charAt(i) == '?')) {
                    return false;
                }
                node.whole = true;
                previous = 'v';
            } else if (c == '"') {
                int end = stringEnd(s, i);
                if (end < 0) {
                    return false;
                }
                if (inKeyPosition(brackets, previous) && nextIs(s, end, ",}")) {
                    return false;          // {"a"} reads ."a"
                }
                i = end;
                previous = 'v';
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.'
                        || ((s.charAt(i) == '+' || s.charAt(i) == '-') && (s.charAt(i - 1) | 32) == 'e'))) {
                    i++;
                }
                previous = 'v';
            } else if (identStart(c)) {
                int end = identEnd(s, i);
                String word = s.substring(i, end);
                if (end < n && s.charAt(end) == ':' && end + 1 < n && s.charAt(end + 1) == ':') {
                    return false;          // a module path
                }
                if (inKeyPosition(brackets, previous)) {
                    if (nextIs(s, end, ",}")) {
                        root.fields.computeIfAbsent(word, k -> new Node()).whole = true;   // {a} is {a: .a}
                    } else if (!nextIs(s, end, ":")) {
                        return false;
                    }
                    previous = 'k';
                } else if (KEYWORDS.contains(word)) {
                    previous = '(';
                } else if (LITERALS.contains(word)) {
                    previous = 'v';
                } else if (previous != '|' || REFUSED.contains(word)) {
                    return false;          // a function whose input may be the item itself
                } else {
                    previous = 'v';
                }
                i = end;
            } else if (c == '(' || c == '[' || c == '{') {
                brackets.push(c);
                previous = c == '{' ? '{' : '(';
                i++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (brackets.isEmpty()) {
                    return false;
                }
                brackets.pop();
                previous = 'v';
                i++;
            } else if (c == '|' || c == ',' || c == ':' || c == ';' || c == '+' || c == '-' || c == '*'
                    || c == '/' || c == '%' || c == '<' || c == '>' || c == '=' || c == '!') {
                int end = i + 1;
                if (c == '/' && end < n && s.charAt(end) == '/') {
                    end++;
                }
                boolean comparison = (c == '=' || c == '!' || c == '<' || c == '>') && end < n && s.charAt(end) == '=';
                if (comparison) {
                    end++;
                } else if (c == '=' || c == '!' || (end < n && s.charAt(end) == '=')) {
                    return false;          // an assignment or update: its output is the whole item
                }
                previous = c == '|' ? '|' : c == ',' ? ',' : '(';
                i = end;
            } else {
                return false;              // $, @, ?, #, and anything else
            }
        }
        return brackets.isEmpty();
    }

    private static boolean inKeyPosition(Deque<Character> brackets, char previous) {
        return !brackets.isEmpty() && brackets.peek() == '{' && (previous == '{' || previous == ',');
    }

    private static boolean nextIs(String s, int from, String chars) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i < s.length() && chars.indexOf(s.charAt(i)) >= 0;
    }

    private static boolean identStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static int identEnd(String s, int from) {
        int i = from;
        while (i < s.length() && (identStart(s.charAt(i)) || Character.isDigit(s.charAt(i)))) {
            i++;
        }
        return i;
    }

    /** The index after the string literal starting at {@code from}, or -1 if it interpolates or is unterminated. */
    private static int stringEnd(String s, int from) {
        for (int i = from + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '(') {
                    return -1;
                }
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        return -1;
    }
}
