package io.ocean.jq;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.jq.internal.JqProgram;
import io.ocean.jq.internal.JqScopes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A compiled jq program, run on JSON values with jq 1.7.1's semantics (its own test suite is part of the build).
 * Compile once, share across threads; every run is bounded by {@link JqOptions#timeout()} and by a recursion guard,
 * and reads the process environment only when {@link JqOptions#allowEnvironmentVariables()} says so.
 *
 * <pre>{@code
 * Jq open = Jq.compile("[.[] | select(.state == $state) | .number]");
 * List<JsonNode> outputs = open.apply(pullRequests, Map.of("state", TextNode.valueOf("open")));
 * }</pre>
 *
 * <p>There is no input stream: {@code input}, {@code inputs}, {@code $__prog_args} and modules ({@code import},
 * {@code include}) are not available.
 */
public final class Jq {

    private final String program;
    private final JqOptions options;
    private final JqProgram compiled;

    private Jq(String program, JqOptions options, JqProgram compiled) {
        this.program = program;
        this.options = options;
        this.compiled = compiled;
    }

    /** Compiles a program with {@link JqOptions#DEFAULTS}; throws {@link JqCompileException} when it is not valid jq. */
    public static Jq compile(String program) {
        return compile(program, JqOptions.DEFAULTS);
    }

    /** Compiles a program to run with the given options; throws {@link JqCompileException} when it is not valid jq. */
    public static Jq compile(String program, JqOptions options) {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(options, "options");
        JqProgram compiled = JqProgram.compile(program);
        if (compiled.compileError() != null) {
            throw new JqCompileException(program, compiled.compileError());
        }
        return new Jq(program, options, compiled);
    }

    /**
     * Every output of the program on this input, in order. When the run fails, the {@link JqEvaluationException}
     * carries the outputs produced before the error.
     */
    public List<JsonNode> apply(JsonNode input) {
        return apply(input, Map.of());
    }

    /**
     * Every output, in order, with {@code variables} bound as {@code $name} (and in {@code $ARGS.named}), like
     * jq's {@code --argjson name value}.
     */
    public List<JsonNode> apply(JsonNode input, Map<String, ? extends JsonNode> variables) {
        check(input, variables);
        JqProgram.Run run = compiled.all(input, JqScopes.forRun(options.allowEnvironmentVariables(), variables),
                deadline());
        if (run.failure() != null) {
            throw failure(run.failure(), run.outputs());
        }
        return run.outputs();
    }

    /** The first output, if any; the run stops there. Throws {@link JqEvaluationException} if it fails before. */
    public Optional<JsonNode> first(JsonNode input) {
        return first(input, Map.of());
    }

    /** The first output with {@code variables} bound as {@code $name}, if any; the run stops there. */
    public Optional<JsonNode> first(JsonNode input, Map<String, ? extends JsonNode> variables) {
        check(input, variables);
        try {
            return Optional.ofNullable(compiled.first(input,
                    JqScopes.forRun(options.allowEnvironmentVariables(), variables), deadline()));
        } catch (JqProgram.JqFailure e) {
            throw failure(e, List.of());
        }
    }

    /** The program as written. */
    public String program() {
        return program;
    }

    /** The options it runs with. */
    public JqOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "Jq[" + program + "]";
    }

    private static void check(JsonNode input, Map<String, ? extends JsonNode> variables) {
        Objects.requireNonNull(input, "input must not be null; use NullNode.getInstance() for JSON null");
        Objects.requireNonNull(variables, "variables");
    }

    private long deadline() {
        return JqScopes.deadlineAfter(options.timeout());
    }

    private JqEvaluationException failure(JqProgram.JqFailure failure, List<JsonNode> outputs) {
        return new JqEvaluationException(program, failure.getMessage(), failure.value(), outputs, failure.timedOut());
    }
}
