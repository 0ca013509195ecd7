package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.Scope;

/**
 * The scopes programs run in: the shared builtins plus {@code env}, {@code $ENV} (the process environment, or
 * {@code {}} when it is not allowed) and {@code $ARGS}. Two shared parents, built once; a run with variables gets a
 * child of one of them.
 */
public final class JqScopes {

    private static final Scope WITHOUT_ENVIRONMENT = environmentScope(false);
    private static volatile Scope withEnvironment;

    private JqScopes() {
    }

    /** The scope of one run: the shared parent, plus the variables as {@code $name} and in {@code $ARGS.named}. */
    public static Scope forRun(boolean allowEnvironment, Map<String, ? extends JsonNode> variables) {
        Scope parent = allowEnvironment ? withEnvironment() : WITHOUT_ENVIRONMENT;
        if (variables.isEmpty()) {
            return parent;
        }
        Scope scope = Scope.newChildScope(parent);
        ObjectNode named = JsonNodeFactory.instance.objectNode();
        variables.forEach((name, value) -> {
            JsonNode v = value == null ? JsonNodeFactory.instance.nullNode() : value;
            scope.setValue(name, v);
            named.set(name, v);
        });
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.putArray("positional");
        args.set("named", named);
        scope.setValue("ARGS", args);
        return scope;
    }

    /** The deadline ({@link System#nanoTime()} based) that is {@code timeout} from now, saturating. */
    public static long deadlineAfter(Duration timeout) {
        // beyond a century there is no deadline: nanoTime arithmetic stays exact below 2^62 ns
        if (timeout.compareTo(Duration.ofDays(36_500)) > 0) {
            return Long.MAX_VALUE;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        return deadline == Long.MAX_VALUE ? deadline - 1 : deadline;
    }

    private static Scope withEnvironment() {
        Scope scope = withEnvironment;
        if (scope == null) {
            synchronized (JqScopes.class) {
                if (withEnvironment == null) {
                    withEnvironment = environmentScope(true);
                }
                scope = withEnvironment;
            }
        }
        return scope;
    }

    private static Scope environmentScope(boolean allowEnvironment) {
        ObjectNode env = JsonNodeFactory.instance.objectNode();
        if (allowEnvironment) {
            System.getenv().forEach(env::put);
        }
        Scope scope = Scope.newChildScope(JqBuiltins.root());
        Function envFunction = (s, args, in, path, output, version) -> output.emit(env, null);
        scope.addFunction("env", 0, envFunction);
        scope.setValue("ENV", env);
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.putArray("positional");
        args.putObject("named");
        scope.setValue("ARGS", args);
        return scope;
    }
}
