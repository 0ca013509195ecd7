package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The outcome of running a program on one input: its first output (null when it had none), or why it failed.
 *
 * @param value    the first output, or null
 * @param error    why it failed, or null
 * @param timedOut whether it failed by exceeding the deadline
 */
public record JqEvaluation(JsonNode value, String error, boolean timedOut) {

    static JqEvaluation of(JsonNode value) {
        return new JqEvaluation(value, null, false);
    }

    static JqEvaluation failed(String error) {
        return new JqEvaluation(null, error, false);
    }

    static JqEvaluation timeout(String error) {
        return new JqEvaluation(null, error, true);
    }

    /** Whether it failed. */
    public boolean failed() {
        return error != null;
    }
}
