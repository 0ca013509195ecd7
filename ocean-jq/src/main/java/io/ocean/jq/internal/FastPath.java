package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The two shapes most mapping leaves have, run without jackson-jq: a field path ({@code .user.login}) and a plain
 * string literal ({@code "githubPullRequest"}). Each answers only where its result is certain — a path through
 * objects and nulls — and gives up (null) everywhere else, an error above all, so the compiled program runs and
 * answers as it always did. Immutable, so shared by every thread.
 */
final class FastPath {

    /** {@code .name} segments with nothing else, not even spaces; keywords are left to the parser. */
    private static final Pattern PATH = Pattern.compile("(\\.[A-Za-z_][A-Za-z0-9_]*)+");
    /** A double-quoted literal with no escape and no interpolation. */
    private static final Pattern LITERAL = Pattern.compile("\"[^\"\\\\]*\"");
    private static final Set<String> KEYWORDS = Set.of("def", "if", "then", "elif", "else", "end", "as", "reduce",
            "foreach", "try", "catch", "label", "import", "include", "and", "or", "not", "__loc__");

    private final String[] fields;
    private final JsonNode constant;

    private FastPath(String[] fields, JsonNode constant) {
        this.fields = fields;
        this.constant = constant;
    }

    /** The fast form of an expression that compiled, or null when it has none. */
    static FastPath of(String expression) {
        String e = expression.strip();
        if (LITERAL.matcher(e).matches()) {
            return new FastPath(null, TextNode.valueOf(e.substring(1, e.length() - 1)));
        }
        if (!PATH.matcher(e).matches()) {
            return null;
        }
        String[] fields = e.substring(1).split("\\.");
        for (String field : fields) {
            if (KEYWORDS.contains(field)) {
                return null;
            }
        }
        return new FastPath(fields, null);
    }

    /** The expression's one output on this input, or null when the compiled program must answer. */
    JsonNode apply(JsonNode input) {
        if (constant != null) {
            return constant;
        }
        JsonNode value = input;
        for (String field : fields) {
            if (value.isObject()) {
                value = value.get(field);
                if (value == null) {
                    value = NullNode.getInstance();
                }
            } else if (!value.isNull()) {
                return null;   // jq's error ("Cannot index ..."), worded by the compiled program
            }
        }
        return value;
    }
}
