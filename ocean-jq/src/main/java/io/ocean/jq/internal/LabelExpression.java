package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import net.thisptr.jackson.jq.Expression;
import net.thisptr.jackson.jq.PathOutput;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.exception.JsonQueryBreakException;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import net.thisptr.jackson.jq.path.Path;

/**
 * {@code label $name | body} as jq runs it: each run of the label is its own target, bound in the scope of its
 * body, so a {@code break} reaches the label it names lexically. jackson-jq matches labels by name at run time,
 * so nested uses of one builtin ({@code first(first(...))}, {@code isempty} over {@code first}) broke each other.
 */
final class LabelExpression implements Expression {

    /** A break towards one run of a label; cheap, as {@code first} and {@code limit} break on every use. */
    static final class LabelBreak extends JsonQueryBreakException {
        final transient JsonNode target;

        LabelBreak(String name, JsonNode target) {
            super(name);
            this.target = target;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** {@code break $name}: ends the run of the label it names. */
    static final class Break implements Expression {
        private final String name;

        Break(String name) {
            this.name = name;
        }

        @Override
        public void apply(Scope scope, JsonNode in, Path path, PathOutput output, boolean requirePath)
                throws JsonQueryException {
            JsonNode target = scope.getValue(variable(name));
            if (target == null) {
                throw new JsonQueryException("$*label-" + name + " is not defined");
            }
            throw new LabelBreak(name, target);
        }

        @Override
        public String toString() {
            return "break $" + name;
        }
    }

    private final String name;
    private final Expression body;

    LabelExpression(String name, Expression body) {
        this.name = name;
        this.body = body;
    }

    @Override
    public void apply(Scope scope, JsonNode in, Path path, PathOutput output, boolean requirePath)
            throws JsonQueryException {
        Scope labelled = Scope.newChildScope(scope);
        JsonNode target = new TextNode(name);
        labelled.setValue(variable(name), target);
        try {
            body.apply(labelled, in, path, output, requirePath);
        } catch (LabelBreak b) {
            if (b.target != target) {
                throw b;
            }
        }
    }

    private static String variable(String name) {
        return "*label-" + name;
    }

    @Override
    public String toString() {
        return "label $" + name + " | " + body;
    }
}
