package io.ocean.jq.internal;

import java.util.ArrayList;
import java.util.List;

/** Splits a jq program into tokens, enough to rewrite it safely: strings, numbers, names, variables, brackets. */
final class JqTokenizer {

    private JqTokenizer() {
    }

    static List<JqToken> tokenize(String source) {
        List<JqToken> tokens = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            int start = i;
            JqToken.Kind kind;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(source.charAt(i))) {
                    i++;
                }
                kind = JqToken.Kind.SPACE;
            } else if (c == '#') {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
                kind = JqToken.Kind.SPACE;
            } else if (c == '"') {
                i = endOfString(source, i);
                kind = JqToken.Kind.STRING;
            } else if (c == '\'') {
                i = endOfSingleQuoted(source, i);
                kind = JqToken.Kind.SINGLE_QUOTED;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(source.charAt(i + 1)))) {
                i = endOfNumber(source, i);
                kind = JqToken.Kind.NUMBER;
            } else if (isNameStart(c)) {
                i = endOfName(source, i);
                kind = JqToken.Kind.IDENT;
            } else if (c == '$' && i + 1 < n && isNameStart(source.charAt(i + 1))) {
                i = endOfName(source, i + 1);
                kind = JqToken.Kind.VARIABLE;
            } else if (c == '@' && i + 1 < n && isNameStart(source.charAt(i + 1))) {
                i = endOfName(source, i + 1);
                kind = JqToken.Kind.FORMAT;
            } else {
                i = endOfPunct(source, i);
                kind = JqToken.Kind.PUNCT;
            }
            tokens.add(new JqToken(kind, source.substring(start, i), start));
        }
        return tokens;
    }

    /** The offset after a double-quoted string starting at {@code i}, skipping nested interpolations. */
    static int endOfString(String s, int i) {
        int n = s.length();
        i++;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < n && s.charAt(i + 1) == '(') {
                i = endOfInterpolation(s, i + 2);
            } else if (c == '\\') {
                i += 2;
            } else {
                i++;
            }
        }
        return n;
    }

    /** The offset after the {@code )} closing an interpolation whose code starts at {@code i}. */
    static int endOfInterpolation(String s, int i) {
        int depth = 1;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"') {
                i = endOfString(s, i);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return n;
    }

    private static int endOfSingleQuoted(String s, int i) {
        int n = s.length();
        i++;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < n) {
                i += 2;
            } else if (c == '\'') {
                return i + 1;
            } else {
                i++;
            }
        }
        return n;
    }

    private static int endOfNumber(String s, int i) {
        int n = s.length();
        while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            if (j < n && Character.isDigit(s.charAt(j))) {
                i = j;
                while (i < n && Character.isDigit(s.charAt(i))) {
                    i++;
                }
            }
        }
        return i;
    }

    private static int endOfName(String s, int i) {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '_') {
                i++;
            } else if (c == ':' && i + 2 < n && s.charAt(i + 1) == ':' && isNameStart(s.charAt(i + 2))) {
                i += 2;
            } else {
                break;
            }
        }
        return i;
    }

    private static int endOfPunct(String s, int i) {
        for (String op : new String[] {"?//=", "?//", "//=", "|=", "+=", "-=", "*=", "/=", "%=", "==", "!=", "<=",
                ">=", "//", "..", "?"}) {
            if (s.startsWith(op, i)) {
                return i + op.length();
            }
        }
        return i + 1;
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }
}
