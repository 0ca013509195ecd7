package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.jq.MappingError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one {@code map} call: the deadline of the item under way, the expressions that timed out (skipped
 * for the rest of the batch), and the errors collected. Not shared between threads.
 */
final class MappingBatch {

    /**
     * The logger, created on first use: a mapping that never fails never starts the logging backend, which in a
     * short-lived process is a third of a second of start-up (Logback reads its XML configuration).
     */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger("io.ocean.jq.JqEntityMapper");
    }

    private final JqRuntime runtime;
    private final long itemTimeoutNanos;
    private final String kind;
    private final OnceLog onceLog;
    private final Set<String> timedOut = new HashSet<>();
    private final List<MappingError> errors = new ArrayList<>();
    private long deadline;

    MappingBatch(JqRuntime runtime, Duration itemTimeout, String kind, OnceLog onceLog) {
        this.runtime = runtime;
        this.itemTimeoutNanos = itemTimeout.toNanos();
        this.kind = kind;
        this.onceLog = onceLog;
    }

    /** Starts the clock of the next item. */
    void startItem() {
        deadline = System.nanoTime() + itemTimeoutNanos;
    }

    /** The first output of the expression on the input, numbers normalised; null on no output or on error. */
    JsonNode eval(String field, String expression, JsonNode input) {
        JqEvaluation result = evaluate(field, expression, input);
        return result.failed() ? null : Numbers.normalize(result.value());
    }

    /**
     * The first output, which must exist and be of the kind {@code check} accepts; anything else is recorded as an
     * error and gives null.
     */
    JsonNode evalRequired(String field, String expression, JsonNode input, java.util.function.Predicate<JsonNode> check,
                          String expected) {
        JqEvaluation result = evaluate(field, expression, input);
        if (result.failed()) {
            return null;
        }
        if (result.value() == null || !check.test(result.value())) {
            error(field, expression, "must yield " + expected + ", got "
                    + (result.value() == null ? "no output" : Args.describe(result.value())));
            return null;
        }
        return result.value();
    }

    private JqEvaluation evaluate(String field, String expression, JsonNode input) {
        if (timedOut.contains(expression)) {
            error(field, expression, "skipped: it timed out earlier in this batch");
            return JqEvaluation.failed("skipped");
        }
        JqEvaluation result = runtime.first(expression, input, deadline);
        if (result.timedOut()) {
            timedOut.add(expression);
        }
        if (result.failed()) {
            error(field, expression, result.error());
        }
        return result;
    }

    /** Records an error and logs it the first time this (kind, field, expression) fails. */
    void error(String field, String expression, String message) {
        errors.add(new MappingError(field, expression, message));
        if (onceLog.first(kind + '\0' + field + '\0' + expression)) {
            Log.LOG.warn("mapping of kind {} failed for {} ({}): {} (logged once per expression)", kind, field,
                    expression, message);
        }
    }

    /** Logs why an item produced no entity, once per (kind, reason). */
    void skip(String reason) {
        if (onceLog.first(kind + "\0skip\0" + reason)) {
            Log.LOG.info("an item of kind {} produced no entity: {} (logged once per reason)", kind, reason);
        }
    }

    List<MappingError> errors() {
        return errors;
    }
}
