package io.ocean.jq.internal;

import java.util.List;
import java.util.Set;

/**
 * Rewrites {@code lhs |= rhs} into {@code _modify(lhs; rhs)} (defined in {@code builtins.jq} as jq 1.7.1 defines
 * it), because jackson-jq's own {@code |=} throws on an update with no output where jq deletes the path
 * ({@code .[] |= select(...)}, {@code |= empty}). The operands are found by jq's precedence: {@code |=} binds
 * tighter than {@code |}, {@code ,} and {@code //}, looser than {@code or}, {@code and} and the rest.
 */
final class JqUpdates {

    /** Tokens that end an operand of {@code |=} at its own depth. */
    private static final Set<String> STOPS = Set.of("|", ",", "//", ";", ":", "=", "|=", "+=", "-=", "*=", "/=",
            "%=", "//=", "?//", "then", "elif", "else", "catch", "as", "def");

    private JqUpdates() {
    }

    static String rewrite(String source) {
        if (!source.contains("|=")) {
            return source;
        }
        String current = source;
        while (true) {
            List<JqToken> tokens = JqTokenizer.tokenize(current);
            int op = -1;
            for (int i = 0; i < tokens.size(); i++) {
                if (tokens.get(i).is("|=")) {
                    op = i;
                    break;
                }
            }
            if (op < 0) {
                return current;
            }
            int start = lhsStart(tokens, op);
            int end = rhsEnd(tokens, op);
            StringBuilder out = new StringBuilder();
            append(out, tokens, 0, start);
            out.append("_modify(");
            append(out, tokens, start, op);
            out.append("; ");
            append(out, tokens, op + 1, end);
            out.append(')');
            append(out, tokens, end, tokens.size());
            current = out.toString();
        }
    }

    private static int lhsStart(List<JqToken> tokens, int op) {
        int depth = 0;
        for (int i = op - 1; i >= 0; i--) {
            JqToken token = tokens.get(i);
            if (isField(tokens, i)) {
                continue;
            }
            if (closes(token)) {
                depth++;
            } else if (opens(token)) {
                if (depth == 0) {
                    return i + 1;
                }
                depth--;
            } else if (depth == 0 && stops(token)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static int rhsEnd(List<JqToken> tokens, int op) {
        int depth = 0;
        for (int i = op + 1; i < tokens.size(); i++) {
            JqToken token = tokens.get(i);
            if (isField(tokens, i)) {
                continue;
            }
            if (opens(token)) {
                depth++;
            } else if (closes(token)) {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if (depth == 0 && stops(token) && !token.is("as") && !token.is("catch")) {
                return i;
            }
        }
        return tokens.size();
    }

    /** A keyword used as a field name ({@code .end}, {@code {if: 1}}) is no keyword. */
    private static boolean isField(List<JqToken> tokens, int i) {
        if (tokens.get(i).kind() != JqToken.Kind.IDENT) {
            return false;
        }
        if (i > 0 && tokens.get(i - 1).is(".")) {
            return true;
        }
        for (int j = i + 1; j < tokens.size(); j++) {
            if (tokens.get(j).kind() != JqToken.Kind.SPACE) {
                return tokens.get(j).is(":");
            }
        }
        return false;
    }

    private static boolean stops(JqToken token) {
        return (token.kind() == JqToken.Kind.PUNCT || token.kind() == JqToken.Kind.IDENT)
                && STOPS.contains(token.text());
    }

    private static boolean opens(JqToken token) {
        return token.is("(") || token.is("[") || token.is("{") || token.is("if");
    }

    private static boolean closes(JqToken token) {
        return token.is(")") || token.is("]") || token.is("}") || token.is("end");
    }

    private static void append(StringBuilder out, List<JqToken> tokens, int from, int to) {
        for (int i = from; i < to; i++) {
            out.append(tokens.get(i).text());
        }
    }
}
