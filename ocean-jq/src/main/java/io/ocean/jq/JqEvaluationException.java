package io.ocean.jq;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Thrown when a run raises an error nobody caught, ran out of time or recursed too deep. As in jq, the outputs
 * produced before the error are not lost: they are in {@link #outputs()}, in order.
 */
public final class JqEvaluationException extends JqException {

    private final transient List<JsonNode> outputs;
    private final transient JsonNode error;
    private final boolean timedOut;

    /**
     * An uncaught error.
     *
     * @param program  the program
     * @param message  jq's message
     * @param error    the error value, as {@code try ... catch .} would see it
     * @param outputs  the outputs produced before the error
     * @param timedOut whether the deadline stopped the run
     */
    public JqEvaluationException(String program, String message, JsonNode error, List<JsonNode> outputs,
                                 boolean timedOut) {
        super(program, message);
        this.error = error;
        this.outputs = List.copyOf(outputs);
        this.timedOut = timedOut;
    }

    /** The outputs produced before the error, in order (empty when it failed first). */
    public List<JsonNode> outputs() {
        return outputs;
    }

    /** The error value, as {@code try ... catch .} would see it: usually the message string. */
    public JsonNode error() {
        return error;
    }

    /** Whether the run was stopped by its deadline ({@link JqOptions#timeout()}). */
    public boolean timedOut() {
        return timedOut;
    }
}
