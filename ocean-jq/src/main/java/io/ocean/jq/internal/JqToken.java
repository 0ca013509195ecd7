package io.ocean.jq.internal;

/**
 * One token of a jq program, as {@link JqTokenizer} splits it.
 *
 * @param kind  what it is
 * @param text  the exact source text
 * @param start its offset in the source
 */
record JqToken(Kind kind, String text, int start) {

    /** The kinds of token the rewriter needs to tell apart. */
    enum Kind {
        /** A double-quoted string literal, interpolations included. */
        STRING,
        /** A single-quoted string literal (not jq; the Python framework accepts it). */
        SINGLE_QUOTED,
        /** A number literal. */
        NUMBER,
        /** A name or keyword: {@code if}, {@code as}, {@code map}, {@code foo::bar}. */
        IDENT,
        /** A variable: {@code $x}, {@code $__loc__}. */
        VARIABLE,
        /** A format: {@code @base64}. */
        FORMAT,
        /** Anything else: operators and brackets. */
        PUNCT,
        /** Spaces and comments. */
        SPACE
    }

    int end() {
        return start + text.length();
    }

    boolean is(String keyword) {
        return (kind == Kind.IDENT || kind == Kind.PUNCT) && text.equals(keyword);
    }
}
