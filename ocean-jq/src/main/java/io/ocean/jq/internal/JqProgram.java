package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * One compiled program, shared by every thread. Every run is guarded: whatever jackson-jq throws, a stack overflow
 * included, becomes a {@link JqFailure}; the runtime stays usable.
 */
public final class JqProgram {

    /** Stops a run at its first output, cheaply. */
    private static final class FirstOutput extends RuntimeException {
        final transient JsonNode value;

        FirstOutput(JsonNode value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    /**
     * The outputs of a run, in order, and the failure that ended it, if any.
     *
     * @param outputs the outputs produced
     * @param failure why the run stopped early, or null
     */
    public record Run(List<JsonNode> outputs, JqFailure failure) {
    }

    private final String expression;
    private final JsonQuery query;
    private final String compileError;
    /** The expression run without jackson-jq where its shape allows it (a field path, a literal), or null. */
    private final FastPath fast;

    private JqProgram(String expression, JsonQuery query, String compileError) {
        this.expression = expression;
        this.query = query;
        this.compileError = compileError;
        this.fast = compileError == null ? FastPath.of(expression) : null;
    }

    /** Compiles an expression; a compile error is kept in {@link #compileError()}, not thrown. */
    public static JqProgram compile(String expression) {
        try {
            return new JqProgram(expression,
                    JqTree.fix(JsonQuery.compile(JqRewriter.rewrite(expression), JqBuiltins.VERSION)), null);
        } catch (JqSyntaxError e) {
            return new JqProgram(expression, null, e.getMessage());
        } catch (JsonQueryException e) {
            return new JqProgram(expression, null, "cannot compile: " + message(e));
        } catch (RuntimeException | StackOverflowError e) {
            return new JqProgram(expression, null, "cannot compile: " + e);
        }
    }

    /** The expression as written. */
    public String expression() {
        return expression;
    }

    /** Why it did not compile, or null. */
    public String compileError() {
        return compileError;
    }

    /** The first output on this input, or null when there is none. */
    public JsonNode first(JsonNode input, Scope scope, long deadlineNanos) throws JqFailure {
        JsonNode quick = fast == null ? null : fast.apply(input);
        if (quick != null) {
            return quick;
        }
        try {
            run(input, scope, deadlineNanos, out -> {
                throw new FirstOutput(out);
            });
            return null;
        } catch (FirstOutput first) {
            return first.value;
        }
    }

    /** Every output on this input, and the failure that ended the run if one did. */
    public Run all(JsonNode input, Scope scope, long deadlineNanos) {
        List<JsonNode> outputs = new ArrayList<>();
        JsonNode quick = fast == null ? null : fast.apply(input);
        if (quick != null) {
            outputs.add(quick);
            return new Run(outputs, null);
        }
        try {
            run(input, scope, deadlineNanos, outputs::add);
            return new Run(outputs, null);
        } catch (JqFailure e) {
            return new Run(outputs, e);
        }
    }

    /** Runs the program under the deadline; whatever jackson-jq throws becomes a {@link JqFailure}. */
    private void run(JsonNode input, Scope scope, long deadlineNanos, net.thisptr.jackson.jq.Output output)
            throws JqFailure {
        if (compileError != null) {
            throw new JqFailure(compileError, null, false);
        }
        long outer = Deadline.enter(deadlineNanos);
        try {
            query.apply(Scope.newChildScope(scope), input, output);
        } catch (FirstOutput first) {
            throw first;
        } catch (Deadline.Exceeded e) {
            throw new JqFailure("timed out", null, true);
        } catch (JsonQueryException e) {
            throw new JqFailure(message(e), e.getMessageAsJsonNode(), false);
        } catch (StackOverflowError e) {
            throw new JqFailure("stack overflow (recursion too deep)", null, false);
        } catch (OutOfMemoryError e) {
            throw new JqFailure("out of memory", null, false);
        } catch (RuntimeException | LinkageError e) {
            throw new JqFailure(e.toString(), null, false);
        } finally {
            Deadline.restore(outer);
        }
    }

    private static String message(JsonQueryException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** A run that failed. */
    public static final class JqFailure extends Exception {
        private final transient JsonNode value;
        private final boolean timedOut;

        JqFailure(String message, JsonNode value, boolean timedOut) {
            super(message, null, false, false);
            this.value = value == null ? TextNode.valueOf(message) : value;
            this.timedOut = timedOut;
        }

        /** The error value, as {@code catch} would see it. */
        public JsonNode value() {
            return value;
        }

        /** Whether the deadline ended it. */
        public boolean timedOut() {
            return timedOut;
        }
    }
}
