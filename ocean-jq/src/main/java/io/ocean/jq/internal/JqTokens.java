package io.ocean.jq.internal;

import java.util.List;

/** Steps over a token list, skipping white space; shared by the source rewrites that look at neighbours. */
final class JqTokens {

    private JqTokens() {
    }

    /** The index of the first token after {@code i} that is not white space, or -1. */
    static int nextIndex(List<JqToken> tokens, int i) {
        for (int j = i + 1; j < tokens.size(); j++) {
            if (tokens.get(j).kind() != JqToken.Kind.SPACE) {
                return j;
            }
        }
        return -1;
    }

    /** The last token before {@code i} that is not white space, or null. */
    static JqToken previous(List<JqToken> tokens, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (tokens.get(j).kind() != JqToken.Kind.SPACE) {
                return tokens.get(j);
            }
        }
        return null;
    }
}
