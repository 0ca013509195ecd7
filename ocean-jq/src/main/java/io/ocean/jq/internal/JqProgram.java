package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * One compiled mapping expression, shared by every thread. Every run is guarded: whatever jackson-jq throws,
 * a stack overflow included, becomes a failed {@link JqEvaluation}; the runtime stays usable.
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

    private final String expression;
    private final JsonQuery query;
    private final String compileError;

    private JqProgram(String expression, JsonQuery query, String compileError) {
        this.expression = expression;
        this.query = query;
        this.compileError = compileError;
    }

    static JqProgram compile(String expression) {
        try {
            return new JqProgram(expression, JsonQuery.compile(JqRewriter.rewrite(expression), JqBuiltins.VERSION), null);
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

    /** The first output on this input; null when there is none. */
    public JqEvaluation first(JsonNode input, Scope scope, long deadlineNanos) {
        try {
            run(input, scope, deadlineNanos, out -> {
                throw new FirstOutput(out);
            });
            return JqEvaluation.of(null);
        } catch (FirstOutput first) {
            return JqEvaluation.of(first.value);
        } catch (JqFailure e) {
            return e.timedOut() ? JqEvaluation.timeout(e.getMessage()) : JqEvaluation.failed(e.getMessage());
        }
    }

    /** Every output on this input, or the failure. */
    public List<JsonNode> all(JsonNode input, Scope scope, long deadlineNanos) throws JqFailure {
        List<JsonNode> outputs = new ArrayList<>();
        run(input, scope, deadlineNanos, outputs::add);
        return outputs;
    }

    /** Runs the program under the deadline; whatever jackson-jq throws becomes a {@link JqFailure}. */
    private void run(JsonNode input, Scope scope, long deadlineNanos, net.thisptr.jackson.jq.Output output)
            throws JqFailure {
        if (compileError != null) {
            throw new JqFailure(compileError, false);
        }
        Deadline.set(deadlineNanos);
        try {
            query.apply(Scope.newChildScope(scope), input, output);
        } catch (FirstOutput first) {
            throw first;
        } catch (Deadline.Exceeded e) {
            throw new JqFailure("timed out", true);
        } catch (JsonQueryException e) {
            throw new JqFailure(message(e), false);
        } catch (StackOverflowError e) {
            throw new JqFailure("stack overflow (recursion too deep)", false);
        } catch (OutOfMemoryError e) {
            throw new JqFailure("out of memory", false);
        } catch (RuntimeException | LinkageError e) {
            throw new JqFailure(e.toString(), false);
        } finally {
            Deadline.clear();
        }
    }

    private static String message(JsonQueryException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** A run that failed, for callers that want every output. */
    public static final class JqFailure extends Exception {
        private final boolean timedOut;

        JqFailure(String message, boolean timedOut) {
            super(message, null, false, false);
            this.timedOut = timedOut;
        }

        /** Whether the deadline ended it. */
        public boolean timedOut() {
            return timedOut;
        }
    }
}
