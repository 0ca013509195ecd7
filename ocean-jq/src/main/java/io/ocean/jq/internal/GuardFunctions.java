package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.util.List;
import net.thisptr.jackson.jq.Expression;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.PathOutput;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Version;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import net.thisptr.jackson.jq.path.Path;

/** Functions that check the evaluation deadline: {@code range} and the {@code _ocean_tick} used by the loop defs. */
final class GuardFunctions {

    private GuardFunctions() {
    }

    /** {@code _ocean_tick}: passes its input through after checking the deadline. */
    static final Function TICK = (scope, args, in, path, output, version) -> {
        Deadline.check();
        output.emit(in, path);
    };

    /** {@code range($upto)}, {@code range($from; $upto)}, {@code range($from; $upto; $by)}, as in jq 1.7. */
    static final class Range implements Function {
        @Override
        public void apply(Scope scope, List<Expression> args, JsonNode in, Path path, PathOutput output, Version version)
                throws JsonQueryException {
            switch (args.size()) {
                case 1 -> {
                    for (JsonNode upto : Args.values(args.get(0), scope, in)) {
                        emitRange(LongNode.valueOf(0), upto, LongNode.valueOf(1), output);
                    }
                }
                case 2 -> {
                    for (JsonNode from : Args.values(args.get(0), scope, in)) {
                        for (JsonNode upto : Args.values(args.get(1), scope, in)) {
                            emitRange(from, upto, LongNode.valueOf(1), output);
                        }
                    }
                }
                default -> {
                    for (JsonNode from : Args.values(args.get(0), scope, in)) {
                        for (JsonNode upto : Args.values(args.get(1), scope, in)) {
                            for (JsonNode by : Args.values(args.get(2), scope, in)) {
                                emitRange(from, upto, by, output);
                            }
                        }
                    }
                }
            }
        }

        private static void emitRange(JsonNode from, JsonNode upto, JsonNode by, PathOutput output)
                throws JsonQueryException {
            if (!from.isNumber() || !upto.isNumber() || !by.isNumber()) {
                throw new JsonQueryException("Range bounds must be numeric");
            }
            double start = from.asDouble();
            double end = upto.asDouble();
            double step = by.asDouble();
            if (step > 0) {
                for (double x = start; x < end; x += step) {
                    Deadline.check();
                    output.emit(number(x), null);
                }
            } else if (step < 0) {
                for (double x = start; x > end; x += step) {
                    Deadline.check();
                    output.emit(number(x), null);
                }
            } else if (start < end) {
                // jq 1.7 emits the start forever when $by is 0; the deadline ends it
                while (true) {
                    Deadline.check();
                    output.emit(number(start), null);
                }
            }
        }
    }

    static JsonNode number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 9.007199254740992E15) {
            return LongNode.valueOf((long) value);
        }
        return DoubleNode.valueOf(value);
    }
}
