package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.jq.Jq;
import io.ocean.jq.JqCompileException;
import io.ocean.jq.JqEvaluationException;
import io.ocean.jq.JqOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mapper's programs: each expression compiled once with the public {@link Jq} API and cached by its text,
 * compile errors included (they are reported per item, not thrown).
 */
public final class JqRuntime {

    /** An expression compiled, or why it did not compile. */
    private record Compiled(Jq jq, String error) {
    }

    private final JqOptions options;
    private final Map<String, Compiled> programs = new ConcurrentHashMap<>();

    /** A runtime; {@code allowEnvironment} exposes the process environment to {@code env} and {@code $ENV}. */
    public JqRuntime(boolean allowEnvironment, Duration timeout) {
        this.options = new JqOptions(allowEnvironment, timeout);
    }

    private Compiled compiled(String expression) {
        return programs.computeIfAbsent(expression, e -> {
            try {
                return new Compiled(Jq.compile(e, options), null);
            } catch (JqCompileException failure) {
                return new Compiled(null, failure.getMessage());
            }
        });
    }

    /**
     * Runs an expression under the caller's deadline (the item's, shared by all its fields) and returns its first
     * output.
     */
    public JqEvaluation first(String expression, JsonNode input, long deadlineNanos) {
        Compiled compiled = compiled(expression);
        if (compiled.error() != null) {
            return JqEvaluation.failed(compiled.error());
        }
        long outer = Deadline.enter(deadlineNanos);
        try {
            return JqEvaluation.of(compiled.jq().first(input).orElse(null));
        } catch (JqEvaluationException e) {
            return e.timedOut() ? JqEvaluation.timeout(e.getMessage()) : JqEvaluation.failed(e.getMessage());
        } finally {
            Deadline.restore(outer);
        }
    }

    /** How many distinct expressions are compiled. */
    public int compiledCount() {
        return programs.size();
    }
}
