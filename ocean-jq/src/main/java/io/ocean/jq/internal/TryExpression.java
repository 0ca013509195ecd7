package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import net.thisptr.jackson.jq.Expression;
import net.thisptr.jackson.jq.PathOutput;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.exception.JsonQueryBreakException;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import net.thisptr.jackson.jq.path.Path;

/**
 * {@code try body catch handler} and {@code body?} as jq 1.7.1 runs them: only errors raised by the body itself are
 * caught, not those raised downstream by whatever consumes its outputs ({@code first(.?, .?)}, a {@code break}
 * passing through); {@code break} and the deadline are never caught; {@code error(null)} reaches the handler as
 * {@code null}.
 */
final class TryExpression implements Expression {

    /** Carries an error raised downstream of one try's outputs past that try, untouched. */
    private static final class Downstream extends RuntimeException {
        final transient Object owner;
        final JsonQueryException error;

        Downstream(Object owner, JsonQueryException error) {
            super(null, null, false, false);
            this.owner = owner;
            this.error = error;
        }
    }

    private final Expression body;
    private final Expression handler;

    TryExpression(Expression body, Expression handler) {
        this.body = body;
        this.handler = handler;
    }

    @Override
    public void apply(Scope scope, JsonNode in, Path path, PathOutput output, boolean requirePath)
            throws JsonQueryException {
        Object run = new Object();
        try {
            body.apply(scope, in, path, (value, valuePath) -> {
                try {
                    output.emit(value, valuePath);
                } catch (JsonQueryException downstream) {
                    throw new Downstream(run, downstream);
                }
            }, requirePath);
        } catch (Downstream d) {
            if (d.owner == run) {
                throw d.error;
            }
            throw d;
        } catch (JsonQueryBreakException | Deadline.Exceeded e) {
            throw e;
        } catch (JsonQueryException e) {
            if (handler != null) {
                JsonNode error = e.getMessageAsJsonNode();
                handler.apply(scope, error == null ? NullNode.getInstance() : error, null, output, requirePath);
            }
        }
    }

    @Override
    public String toString() {
        return handler == null ? "(" + body + ")?" : "try (" + body + ") catch (" + handler + ")";
    }
}
