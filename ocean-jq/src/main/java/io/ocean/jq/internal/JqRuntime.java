package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.Scope;

/**
 * Compiles expressions once and caches them by their text, and holds the scope they run in: the shared builtins,
 * plus {@code env} and {@code $ENV}, which are {@code {}} unless environment access is allowed.
 */
public final class JqRuntime {

    private final Scope scope;
    private final Map<String, JqProgram> programs = new ConcurrentHashMap<>();

    /** A runtime; {@code allowEnvironment} exposes the process environment to {@code env} and {@code $ENV}. */
    public JqRuntime(boolean allowEnvironment) {
        ObjectNode env = JsonNodeFactory.instance.objectNode();
        if (allowEnvironment) {
            System.getenv().forEach(env::put);
        }
        scope = Scope.newChildScope(JqBuiltins.root());
        Function envFunction = (s, args, in, path, output, version) -> output.emit(env, null);
        scope.addFunction("env", 0, envFunction);
        scope.setValue("ENV", env);
    }

    /** The compiled program of an expression, compiled on first use. Compile errors are kept, not thrown. */
    public JqProgram program(String expression) {
        return programs.computeIfAbsent(expression, JqProgram::compile);
    }

    /** The scope programs run in (as the parent of each run's own scope). */
    public Scope scope() {
        return scope;
    }

    /** Runs an expression and returns its first output. */
    public JqEvaluation first(String expression, JsonNode input, long deadlineNanos) {
        return program(expression).first(input, scope, deadlineNanos);
    }

    /** How many distinct expressions are compiled. */
    public int compiledCount() {
        return programs.size();
    }
}
