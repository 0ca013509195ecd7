package io.ocean.jq.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rewrites a mapping expression into jq that jackson-jq compiles, where the two differ:
 * <ul>
 *   <li>single-quoted string literals become double-quoted, as the Python framework accepts them;</li>
 *   <li>{@code if} without {@code else} (jq 1.7) gets {@code else .};</li>
 *   <li>{@code $__loc__} becomes its object, {@code {"file":"<top-level>","line":N}};</li>
 *   <li>integer literals beyond a long become {@code _ocean_bignum("...")}, keeping their precision;</li>
 *   <li>destructuring alternatives ({@code . as [$a] ?// $a | ...}) become try/catch over each pattern, with every
 *       variable of every pattern bound to null first, as jq does.</li>
 * </ul>
 * Strings are left alone, except for the code inside their interpolations.
 */
final class JqRewriter {

    private static final AtomicInteger ALTERNATIVES = new AtomicInteger();

    private JqRewriter() {
    }

    static String rewrite(String source) {
        List<JqToken> tokens = JqTokenizer.tokenize(source);
        JqSyntax.check(source, tokens);
        String scoped = JqScoping.rewrite(tokens);
        return scoped == null ? transform(tokens, source) : transform(JqTokenizer.tokenize(scoped), scoped);
    }

    private static String transform(List<JqToken> tokens, String source) {
        String modern = JqSyntax.modernize(tokens);
        return rewriteTokens(JqUpdates.rewrite(rewriteAlternatives(modern)), source);
    }

    private static String rewriteTokens(String source, String original) {
        List<JqToken> tokens = JqTokenizer.tokenize(source);
        StringBuilder out = new StringBuilder(source.length() + 16);
        Deque<boolean[]> ifs = new ArrayDeque<>();
        for (int i = 0; i < tokens.size(); i++) {
            JqToken token = tokens.get(i);
            switch (token.kind()) {
                case SINGLE_QUOTED -> out.append(doubleQuoted(token.text()));
                case STRING -> out.append(rewriteInterpolations(token.text(), original));
                case NUMBER -> out.append(bigInteger(token.text()));
                case VARIABLE -> out.append(token.text().equals("$__loc__")
                        ? "{\"file\":\"<top-level>\",\"line\":" + lineOf(source, token.start()) + "}" : token.text());
                case IDENT -> {
                    if (!isFieldName(tokens, i)) {
                        switch (token.text()) {
                            case "if" -> ifs.push(new boolean[] {false});
                            case "else" -> {
                                if (!ifs.isEmpty()) {
                                    ifs.peek()[0] = true;
                                }
                            }
                            case "end" -> {
                                if (!ifs.isEmpty() && !ifs.pop()[0]) {
                                    out.append("else . ");
                                }
                            }
                            default -> { }
                        }
                    }
                    out.append(token.text());
                }
                default -> out.append(token.text());
            }
        }
        return out.toString();
    }

    private static String rewriteInterpolations(String literal, String original) {
        StringBuilder out = new StringBuilder(literal.length());
        int i = 0;
        while (i < literal.length()) {
            char c = literal.charAt(i);
            if (c == '\\' && i + 1 < literal.length() && literal.charAt(i + 1) == '(') {
                int close = JqTokenizer.endOfInterpolation(literal, i + 2);
                String code = literal.substring(i + 2, Math.max(i + 2, close - 1));
                out.append("\\(").append(transform(JqTokenizer.tokenize(code), code)).append(')');
                i = close;
            } else if (c == '\\' && i + 1 < literal.length()) {
                out.append(c).append(literal.charAt(i + 1));
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String doubleQuoted(String singleQuoted) {
        String body = singleQuoted.substring(1, singleQuoted.endsWith("'") && singleQuoted.length() > 1
                ? singleQuoted.length() - 1 : singleQuoted.length());
        StringBuilder out = new StringBuilder(body.length() + 2).append('"');
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char next = body.charAt(++i);
                if (next == '\'') {
                    out.append('\'');
                } else {
                    out.append('\\').append(next);
                }
            } else if (c == '"') {
                out.append("\\\"");
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String bigInteger(String number) {
        if (number.chars().allMatch(Character::isDigit) && number.length() >= 19) {
            try {
                Long.parseLong(number);
            } catch (NumberFormatException beyondLong) {
                return "_ocean_bignum(\"" + number + "\")";
            }
        }
        return number;
    }

    /** A keyword used as a field name: {@code .end}, {@code {if: 1}}. */
    private static boolean isFieldName(List<JqToken> tokens, int i) {
        if (i > 0 && tokens.get(i - 1).is(".")) {
            return true;
        }
        for (int j = i + 1; j < tokens.size(); j++) {
            JqToken next = tokens.get(j);
            if (next.kind() != JqToken.Kind.SPACE) {
                return next.is(":");
            }
        }
        return false;
    }

    private static int lineOf(String source, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Rewrites the first {@code as P1 ?// P2 ... | BODY} and, recursively, the rest. */
    static String rewriteAlternatives(String source) {
        if (!source.contains("?//")) {
            return source;
        }
        List<JqToken> tokens = JqTokenizer.tokenize(source);
        int firstAlt = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is("?//")) {
                firstAlt = i;
                break;
            }
        }
        if (firstAlt < 0) {
            return source;
        }
        int as = findAs(tokens, firstAlt);
        if (as < 0) {
            return source;
        }
        List<String> patterns = new java.util.ArrayList<>();
        int patternStart = as + 1;
        int pipe = -1;
        int depth = 0;
        for (int i = as + 1; i < tokens.size(); i++) {
            JqToken token = tokens.get(i);
            depth += depthChange(token);
            if (depth == 0 && token.is("?//")) {
                patterns.add(text(tokens, patternStart, i));
                patternStart = i + 1;
            } else if (depth == 0 && token.is("|")) {
                patterns.add(text(tokens, patternStart, i));
                pipe = i;
                break;
            }
        }
        if (pipe < 0) {
            return source;
        }
        int bodyEnd = endOfBody(tokens, pipe + 1);
        String body = rewriteAlternatives(text(tokens, pipe + 1, bodyEnd));
        Set<String> variables = new LinkedHashSet<>();
        for (String pattern : patterns) {
            JqTokenizer.tokenize(pattern).stream().filter(t -> t.kind() == JqToken.Kind.VARIABLE)
                    .forEach(t -> variables.add(t.text()));
        }
        int n = ALTERNATIVES.incrementAndGet();
        String alt = "$__ocean_alt" + n;
        String in = "$__ocean_in" + n;
        StringBuilder rewritten = new StringBuilder(text(tokens, 0, as)).append("as ").append(alt).append(" | (. as ")
                .append(in);
        variables.forEach(v -> rewritten.append(" | null as ").append(v));
        rewritten.append(" | ");
        for (int p = 0; p < patterns.size(); p++) {
            String attempt = alt + " as " + patterns.get(p).trim() + " | " + body;
            if (p < patterns.size() - 1) {
                rewritten.append("try (").append(attempt).append(") catch (").append(in).append(" | ");
            } else {
                rewritten.append(attempt);
            }
        }
        rewritten.append(")".repeat(patterns.size() - 1)).append(")");
        return rewritten + rewriteAlternatives(text(tokens, bodyEnd, tokens.size()));
    }

    private static int findAs(List<JqToken> tokens, int from) {
        int depth = 0;
        for (int i = from - 1; i >= 0; i--) {
            JqToken token = tokens.get(i);
            depth -= depthChange(token);
            if (depth == 0 && token.is("as")) {
                return i;
            }
            if (depth < 0) {
                return -1;
            }
        }
        return -1;
    }

    private static int endOfBody(List<JqToken> tokens, int from) {
        int depth = 0;
        for (int i = from; i < tokens.size(); i++) {
            JqToken token = tokens.get(i);
            if (depth == 0 && (token.is(";") || token.is("then") || token.is("elif") || token.is("else")
                    || (token.is("end")))) {
                return i;
            }
            depth += depthChange(token);
            if (depth < 0) {
                return i;
            }
        }
        return tokens.size();
    }

    private static int depthChange(JqToken token) {
        if (token.kind() == JqToken.Kind.PUNCT) {
            return switch (token.text()) {
                case "(", "[", "{" -> 1;
                case ")", "]", "}" -> -1;
                default -> 0;
            };
        }
        if (token.kind() == JqToken.Kind.IDENT) {
            return switch (token.text()) {
                case "if" -> 1;
                case "end" -> -1;
                default -> 0;
            };
        }
        return 0;
    }

    private static String text(List<JqToken> tokens, int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            out.append(tokens.get(i).text());
        }
        return out.toString();
    }
}
