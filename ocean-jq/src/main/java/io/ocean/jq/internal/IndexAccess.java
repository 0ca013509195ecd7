package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import net.thisptr.jackson.jq.Expression;
import net.thisptr.jackson.jq.PathOutput;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import net.thisptr.jackson.jq.path.ArrayIndexPath;
import net.thisptr.jackson.jq.path.ArrayRangeIndexPath;
import net.thisptr.jackson.jq.path.Path;

/**
 * {@code .[i]} and {@code .[i:j]} as jq 1.7.1 reads their numbers: a fractional index is floored ({@code .[1.5]} is
 * {@code .[1]}), a nan slice bound is an open end, assigning at a nan index fails, and assigning to a string slice
 * fails with jq's message. Wraps jackson-jq's bracket access; see {@link JqTree}.
 */
final class IndexAccess implements Expression {

    /** The index (or slice bound) expression, its numbers adjusted as above. */
    static final class Index implements Expression {
        private final Expression index;
        private final boolean sliceBound;

        Index(Expression index, boolean sliceBound) {
            this.index = index;
            this.sliceBound = sliceBound;
        }

        @Override
        public void apply(Scope scope, JsonNode in, Path path, PathOutput output, boolean requirePath)
                throws JsonQueryException {
            index.apply(scope, in, path, (value, valuePath) -> output.emit(adjust(value), valuePath), requirePath);
        }

        private JsonNode adjust(JsonNode value) {
            if (!value.isFloatingPointNumber()) {
                return value;
            }
            double d = value.doubleValue();
            if (Double.isNaN(d)) {
                return sliceBound ? NullNode.getInstance() : value;
            }
            if (!sliceBound && d != Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
                return LongNode.valueOf((long) Math.floor(d));
            }
            return value;
        }

        @Override
        public String toString() {
            return index.toString();
        }
    }

    private final Expression access;

    IndexAccess(Expression access) {
        this.access = access;
    }

    @Override
    public void apply(Scope scope, JsonNode in, Path path, PathOutput output, boolean requirePath)
            throws JsonQueryException {
        if (!requirePath) {
            access.apply(scope, in, path, output, false);
            return;
        }
        access.apply(scope, in, path, (value, valuePath) -> output.emit(value, checked(valuePath)), true);
    }

    private static Path checked(Path path) {
        if (path instanceof ArrayIndexPath index && index.index.isNumber() && Double.isNaN(index.index.doubleValue())) {
            return new Refused(path, "Cannot set array element at NaN index");
        }
        if (path instanceof ArrayRangeIndexPath) {
            return new StringSlice(path);
        }
        return path;
    }

    /** A path that can be read but not assigned to. */
    private record Refused(Path path, String message) implements Path {
        @Override
        public void toJsonNode(ArrayNode out) throws JsonQueryException {
            path.toJsonNode(out);
        }

        @Override
        public void get(JsonNode in, Path p, PathOutput output, boolean requirePath) throws JsonQueryException {
            path.get(in, p, output, requirePath);
        }

        @Override
        public JsonNode mutate(JsonNode in, Mutation mutation, boolean makeParent) throws JsonQueryException {
            throw new JsonQueryException(message);
        }
    }

    /** A slice path whose update of a string fails with jq's words. */
    private record StringSlice(Path path) implements Path {
        @Override
        public void toJsonNode(ArrayNode out) throws JsonQueryException {
            path.toJsonNode(out);
        }

        @Override
        public void get(JsonNode in, Path p, PathOutput output, boolean requirePath) throws JsonQueryException {
            path.get(in, p, output, requirePath);
        }

        @Override
        public JsonNode mutate(JsonNode in, Mutation mutation, boolean makeParent) throws JsonQueryException {
            try {
                return path.mutate(in, mutation, makeParent);
            } catch (JsonQueryException e) {
                if (e.getMessage() != null && e.getMessage().endsWith("of string")) {
                    throw new JsonQueryException("Cannot update string slices");
                }
                throw e;
            }
        }
    }

    @Override
    public String toString() {
        return access.toString();
    }
}
