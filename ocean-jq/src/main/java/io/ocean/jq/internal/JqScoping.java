package io.ocean.jq.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives every redefinition of a function its own name, so that a call reaches the definition in force where it is
 * written, as in jq ({@code def f: 1; def g: f; def f: 2; g} is 1). jackson-jq looks functions up by name when they
 * run, so without this {@code g} would call the later {@code f}. Scopes follow jq's grammar: a definition is visible
 * in its own body and in the rest of the expression it starts, up to the closing bracket, {@code ;},
 * {@code then}/{@code elif}/{@code else}/{@code end} or {@code catch} of what encloses it.
 */
final class JqScoping {

    private static final Set<String> KEYWORDS = Set.of("def", "if", "then", "elif", "else", "end", "as", "reduce",
            "foreach", "try", "catch", "label", "import", "include", "and", "or", "__loc__", "module");
    private static final Set<String> REST_ENDS = Set.of(";", "then", "elif", "else", "catch");

    /** A scope: a definition's parameters and body ({@code body}), or the rest after its {@code ;}. */
    private static final class Frame {
        final int depth;
        final Map<String, String> names = new HashMap<>();
        final boolean body;

        Frame(int depth, boolean body) {
            this.depth = depth;
            this.body = body;
        }
    }

    private JqScoping() {
    }

    static String rewrite(List<JqToken> tokens) {
        int defs = 0;
        for (JqToken token : tokens) {
            if (token.is("def")) {
                defs++;
            }
        }
        if (defs == 0) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        Deque<Frame> frames = new ArrayDeque<>();
        Deque<String> brackets = new ArrayDeque<>();
        int depth = 0;
        int renamed = 0;
        tokens:
        for (int i = 0; i < tokens.size(); i++) {
            JqToken token = tokens.get(i);
            boolean keyword = token.kind() == JqToken.Kind.IDENT && !isField(tokens, i, brackets);
            if (token.kind() == JqToken.Kind.PUNCT || keyword) {
                String t = token.text();
                if (t.equals(";") || REST_ENDS.contains(t) && keyword) {
                    while (!frames.isEmpty() && frames.peek().depth == depth) {
                        Frame top = frames.peek();
                        if (top.body) {
                            if (t.equals(";")) {
                                frames.pop(); // the body ends here; the rest of the expression begins
                                out.append(";(");
                                continue tokens;
                            }
                            break;
                        }
                        frames.pop();
                        out.append("))");
                    }
                } else if (t.equals(")") || t.equals("]") || t.equals("}") || (keyword && t.equals("end"))) {
                    while (!frames.isEmpty() && frames.peek().depth >= depth) {
                        if (!frames.pop().body) {
                            out.append("))");
                        }
                    }
                    depth--;
                    if (!brackets.isEmpty()) {
                        brackets.pop();
                    }
                } else if (t.equals("(") || t.equals("[") || t.equals("{") || (keyword && t.equals("if"))) {
                    depth++;
                    brackets.push(t);
                }
            }
            if (keyword && token.text().equals("def")) {
                int j = i;
                StringBuilder header = new StringBuilder(token.text());
                j = next(tokens, j, header);
                if (j < 0 || tokens.get(j).kind() != JqToken.Kind.IDENT) {
                    out.append(token.text());
                    continue;
                }
                String name = tokens.get(j).text();
                List<String> params = new java.util.ArrayList<>();
                int afterName = j;
                int k = JqTokens.nextIndex(tokens, j);
                if (k >= 0 && tokens.get(k).is("(")) {
                    int p = k + 1;
                    for (; p < tokens.size() && !tokens.get(p).is(")"); p++) {
                        JqToken param = tokens.get(p);
                        if (param.kind() == JqToken.Kind.IDENT) {
                            params.add(param.text());
                        } else if (param.kind() == JqToken.Kind.VARIABLE) {
                            params.add(param.text().substring(1));
                        }
                    }
                    afterName = Math.min(p, tokens.size() - 1);
                }
                String key = name + "/" + params.size();
                String unique = name;
                if (lookup(frames, key) != null) {
                    unique = name + "_ocean" + (++renamed);
                }
                Frame definition = new Frame(depth, false);
                definition.names.put(key, unique);
                Frame body = new Frame(depth, true);
                for (String param : params) {
                    body.names.put(param + "/0", param);
                }
                // the definition is visible in its own body (recursion) and in the rest
                frames.push(definition);
                frames.push(body);
                // jackson-jq parses 'def f: 4; 1 + f' as '(def f: 4; 1) + f': a definition and the rest after it go
                // in parentheses, '(def f: 4; (1 + f))'
                out.append('(').append(header, 0, header.length() - tokens.get(j).text().length()).append(unique);
                for (int p = j + 1; p <= afterName; p++) {
                    out.append(tokens.get(p).text());
                }
                i = afterName;
                continue;
            }
            if (keyword && !KEYWORDS.contains(token.text()) && !isKey(tokens, i, brackets)) {
                String key = token.text() + "/" + arity(tokens, i);
                String unique = lookup(frames, key);
                if (unique != null && !unique.equals(token.text())) {
                    out.append(unique);
                    continue;
                }
            }
            out.append(token.text());
        }
        for (Frame frame : frames) {
            if (!frame.body) {
                out.append("))");
            }
        }
        return out.toString();
    }

    private static String lookup(Deque<Frame> frames, String key) {
        for (Frame frame : frames) {
            String name = frame.names.get(key);
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    private static int arity(List<JqToken> tokens, int i) {
        int open = JqTokens.nextIndex(tokens, i);
        if (open < 0 || !tokens.get(open).is("(") || open != i + 1) {
            return 0;
        }
        int depth = 0;
        int arity = 1;
        for (int j = open; j < tokens.size(); j++) {
            JqToken t = tokens.get(j);
            if (t.is("(") || t.is("[") || t.is("{") || t.is("if")) {
                depth++;
            } else if (t.is(")") || t.is("]") || t.is("}") || t.is("end")) {
                if (--depth == 0) {
                    return arity;
                }
            } else if (depth == 1 && t.is(";")) {
                arity++;
            }
        }
        return arity;
    }

    /** A name used as a field ({@code .end}) or an object key ({@code {if: 1}}, {@code {f}}). */
    private static boolean isField(List<JqToken> tokens, int i, Deque<String> brackets) {
        return i > 0 && tokens.get(i - 1).is(".") || isKey(tokens, i, brackets);
    }

    private static boolean isKey(List<JqToken> tokens, int i, Deque<String> brackets) {
        if (!"{".equals(brackets.peek())) {
            return false;
        }
        JqToken before = JqTokens.previous(tokens, i);
        if (before == null || !(before.is("{") || before.is(","))) {
            return false;
        }
        int after = JqTokens.nextIndex(tokens, i);
        return after < 0 || tokens.get(after).is(":") || tokens.get(after).is(",") || tokens.get(after).is("}");
    }

    private static int next(List<JqToken> tokens, int i, StringBuilder skipped) {
        for (int j = i + 1; j < tokens.size(); j++) {
            skipped.append(tokens.get(j).text());
            if (tokens.get(j).kind() != JqToken.Kind.SPACE) {
                return j;
            }
        }
        return -1;
    }
}
