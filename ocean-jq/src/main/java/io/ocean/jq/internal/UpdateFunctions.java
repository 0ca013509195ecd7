package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import net.thisptr.jackson.jq.Expression;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.internal.functions.DelPathsFunction;
import net.thisptr.jackson.jq.path.RootPath;

/**
 * {@code _modify(paths; update)}, what {@code lhs |= rhs} becomes (see {@link JqUpdates}), as jq 1.7.1 defines it:
 * each path gets the first output of {@code update} on its current value, and a path whose update has no output is
 * deleted (all of them at the end, as {@code delpaths} does).
 */
final class UpdateFunctions {

    private static final Function DELPATHS = new DelPathsFunction();

    private UpdateFunctions() {
    }

    /** Ends the update at its first output; a plain RuntimeException so that jq's {@code try} does not catch it. */
    private static final class FirstOutput extends RuntimeException {
        final transient JsonNode value;

        FirstOutput(JsonNode value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    static final Function MODIFY = (scope, args, in, path, output, version) -> {
        Expression paths = args.get(0);
        Expression update = args.get(1);
        JsonNode[] result = {in};
        ArrayNode[] deletions = {null};
        paths.apply(scope, in, RootPath.getInstance(), (lval, lpath) -> {
            boolean[] deleted = {false};
            result[0] = lpath.mutate(result[0], current -> {
                JsonNode first = first(update, scope, current == null ? JsonNodeFactory.instance.nullNode() : current);
                if (first == null) {
                    deleted[0] = true;
                    return current;
                }
                return first;
            });
            if (deleted[0]) {
                if (deletions[0] == null) {
                    deletions[0] = JsonNodeFactory.instance.arrayNode();
                }
                ArrayNode p = deletions[0].addArray();
                lpath.toJsonNode(p);
            }
        }, true);
        if (deletions[0] == null) {
            output.emit(result[0], null);
            return;
        }
        ArrayNode toDelete = deletions[0];
        Expression constant = (s, input, ipath, out, requirePath) -> out.emit(toDelete, null);
        DELPATHS.apply(scope, List.of(constant), result[0], null, (value, p) -> output.emit(value, null), version);
    };

    private static JsonNode first(Expression update, net.thisptr.jackson.jq.Scope scope, JsonNode value)
            throws net.thisptr.jackson.jq.exception.JsonQueryException {
        try {
            update.apply(scope, value, out -> {
                throw new FirstOutput(out);
            });
            return null;
        } catch (FirstOutput first) {
            return first.value;
        }
    }
}
