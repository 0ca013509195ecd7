package io.ocean.jq.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * jq 1.7 syntax jackson-jq's parser lacks, rewritten into forms it has, and programs jq 1.7.1 rejects that jackson-jq
 * would run, rejected with jq's message:
 * <ul>
 *   <li>{@code .a.[]} becomes {@code .a[]};</li>
 *   <li>variables named like keywords ({@code $label}, {@code $if}) get a name jackson-jq accepts;</li>
 *   <li>in object construction, {@code {$x}} becomes {@code {"x": $x}}, {@code {$x: v}} becomes {@code {($x): v}}
 *       and a keyword key {@code {as}} becomes {@code {"as": .as}};</li>
 *   <li>{@code {(0): 1}}, {@code break $x} without {@code label $x}, and modules ({@code import}, {@code include},
 *       {@code module}) fail to compile.</li>
 * </ul>
 */
final class JqSyntax {

    private static final Set<String> KEYWORDS = Set.of("def", "as", "if", "then", "elif", "else", "end", "and", "or",
            "reduce", "foreach", "try", "catch", "label", "import", "include", "module", "__loc__");

    private JqSyntax() {
    }

    /** Throws {@link JqSyntaxError} with jq's message for what jq 1.7.1 refuses to compile. */
    static void check(String source, List<JqToken> tokens) {
        checkModules(source, tokens);
        Set<String> labels = new HashSet<>();
        Deque<String> brackets = new ArrayDeque<>();
        for (int i = 0; i < tokens.size(); i++) {
            JqToken token = tokens.get(i);
            if (token.is("label")) {
                JqToken name = next(tokens, i);
                if (name != null && name.kind() == JqToken.Kind.VARIABLE) {
                    labels.add(name.text());
                }
            }
            if (token.kind() == JqToken.Kind.PUNCT) {
                switch (token.text()) {
                    case "(", "[", "{" -> brackets.push(token.text());
                    case ")", "]", "}" -> {
                        if (!brackets.isEmpty()) {
                            brackets.pop();
                        }
                    }
                    default -> { }
                }
            }
            if (token.is("(") && brackets.size() >= 2 && isObjectKeyStart(tokens, i, brackets)) {
                int number = JqTokens.nextIndex(tokens, i);
                int close = number < 0 ? -1 : JqTokens.nextIndex(tokens, number);
                int colon = close < 0 ? -1 : JqTokens.nextIndex(tokens, close);
                if (colon >= 0 && tokens.get(number).kind() == JqToken.Kind.NUMBER && tokens.get(close).is(")")
                        && tokens.get(colon).is(":")) {
                    throw new JqSyntaxError("Cannot use number (" + tokens.get(number).text() + ") as object key"
                            + at(source, token.start()));
                }
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is("break")) {
                JqToken name = next(tokens, i);
                if (name != null && name.kind() == JqToken.Kind.VARIABLE && !labels.contains(name.text())) {
                    throw new JqSyntaxError("$*label-" + name.text().substring(1) + " is not defined"
                            + at(source, tokens.get(i).start()));
                }
            }
        }
    }

    /** Rewrites the jq 1.7 forms listed above. */
    static String modernize(List<JqToken> tokens) {
        StringBuilder out = new StringBuilder();
        Deque<String> brackets = new ArrayDeque<>();
        for (int i = 0; i < tokens.size(); i++) {
            JqToken token = tokens.get(i);
            if (token.kind() == JqToken.Kind.PUNCT) {
                switch (token.text()) {
                    // a destructuring pattern ('. as {$a, $b: [$c]}') is no object construction: marked "p"
                    case "(", "[", "{" -> brackets.push(isPattern(tokens, i, brackets) ? "p" : token.text());
                    case ")", "]", "}" -> {
                        if (!brackets.isEmpty()) {
                            brackets.pop();
                        }
                    }
                    default -> { }
                }
            }
            if (token.is(".") && i > 0 && i + 1 < tokens.size() && tokens.get(i + 1).is("[")
                    && endsTerm(tokens.get(i - 1))) {
                continue; // .a.[] is .a[]
            }
            boolean keyPosition = "{".equals(brackets.peek()) && token.kind() != JqToken.Kind.PUNCT
                    && isKeyPosition(tokens, i);
            if (keyPosition && token.kind() == JqToken.Kind.VARIABLE) {
                JqToken after = next(tokens, i);
                String name = token.text().substring(1);
                if (after != null && (after.is(",") || after.is("}"))) {
                    out.append('"').append(name).append("\": ").append(variable(token.text()));
                    continue;
                }
                if (after != null && after.is(":")) {
                    out.append('(').append(variable(token.text())).append(')');
                    continue;
                }
            }
            if (keyPosition && token.kind() == JqToken.Kind.IDENT && KEYWORDS.contains(token.text())) {
                JqToken after = next(tokens, i);
                if (after != null && (after.is(",") || after.is("}"))) {
                    out.append('"').append(token.text()).append("\": .").append(token.text());
                    continue;
                }
            }
            out.append(token.kind() == JqToken.Kind.VARIABLE ? variable(token.text()) : token.text());
        }
        return out.toString();
    }

    private static boolean isPattern(List<JqToken> tokens, int i, Deque<String> brackets) {
        JqToken before = JqTokens.previous(tokens, i);
        return tokens.get(i).is("(") ? false : before != null && (before.is("as") || before.is("?//")
                || ("p".equals(brackets.peek()) && (before.is(":") || before.is(",") || before.is("["))));
    }

    /** A variable named like a keyword gets a name jackson-jq parses; {@code $__loc__} is left to the rewriter. */
    private static String variable(String name) {
        String bare = name.substring(1);
        return KEYWORDS.contains(bare) && !bare.equals("__loc__") ? "$__ocean_kw_" + bare : name;
    }

    private static boolean endsTerm(JqToken previous) {
        return previous.kind() == JqToken.Kind.IDENT || previous.kind() == JqToken.Kind.STRING
                || previous.kind() == JqToken.Kind.VARIABLE || previous.is("]") || previous.is(")")
                || previous.is("?");
    }

    /** Whether token i starts an object key: right after {@code {} or a {@code ,} of the object itself. */
    private static boolean isKeyPosition(List<JqToken> tokens, int i) {
        JqToken before = JqTokens.previous(tokens, i);
        return before != null && (before.is("{") || before.is(","));
    }

    private static boolean isObjectKeyStart(List<JqToken> tokens, int i, Deque<String> brackets) {
        // the '(' itself was pushed: the object is the bracket below it
        String top = brackets.pop();
        boolean inObject = "{".equals(brackets.peek());
        brackets.push(top);
        return inObject && isKeyPosition(tokens, i);
    }

    private static void checkModules(String source, List<JqToken> tokens) {
        int i = JqTokens.nextIndex(tokens, -1);
        if (i < 0) {
            return;
        }
        JqToken first = tokens.get(i);
        if (first.is("module")) {
            checkMetadata(source, tokens, JqTokens.nextIndex(tokens, i));
            throw new JqSyntaxError("modules are not supported: Ocean runs jq without a module loader"
                    + at(source, first.start()));
        }
        if (first.is("import") || first.is("include")) {
            int path = JqTokens.nextIndex(tokens, i);
            if (path >= 0 && tokens.get(path).kind() == JqToken.Kind.STRING) {
                String literal = tokens.get(path).text();
                if (literal.contains("\\(")) {
                    throw new JqSyntaxError("Import path must be constant" + at(source, first.start()));
                }
                int bad = invalidEscape(literal);
                if (bad >= 0) {
                    throw new JqSyntaxError("Invalid escape at line 1, column " + literal.length()
                            + " (while parsing '" + literal + "')" + at(source, first.start()));
                }
                int after = JqTokens.nextIndex(tokens, path);
                if (after >= 0 && !tokens.get(after).is("as") && !tokens.get(after).is(";")) {
                    checkMetadata(source, tokens, after);
                }
            }
            throw new JqSyntaxError("import and include are not supported: Ocean runs jq without a module loader"
                    + at(source, first.start()));
        }
    }

    private static void checkMetadata(String source, List<JqToken> tokens, int start) {
        if (start < 0) {
            return;
        }
        JqToken meta = tokens.get(start);
        if (meta.is("{")) {
            return;
        }
        boolean constant = meta.is("[") || meta.kind() == JqToken.Kind.NUMBER || meta.kind() == JqToken.Kind.STRING
                || meta.is("true") || meta.is("false") || meta.is("null");
        throw new JqSyntaxError((constant ? "Module metadata must be an object" : "Module metadata must be constant")
                + at(source, meta.start()));
    }

    private static int invalidEscape(String literal) {
        for (int i = 1; i < literal.length() - 1; i++) {
            if (literal.charAt(i) == '\\') {
                char c = literal.charAt(i + 1);
                if ("\"\\/bfnrtu(".indexOf(c) < 0) {
                    return i;
                }
                i++;
            }
        }
        return -1;
    }

    /** jq's " at <top-level>, line N:" suffix. */
    static String at(String source, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return " at <top-level>, line " + line + ":";
    }

    private static JqToken next(List<JqToken> tokens, int i) {
        int j = JqTokens.nextIndex(tokens, i);
        return j < 0 ? null : tokens.get(j);
    }
}
