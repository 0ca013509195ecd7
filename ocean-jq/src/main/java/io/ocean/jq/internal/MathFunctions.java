package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/** C math builtins of jq 1.7.1 that jackson-jq lacks: trunc, nearbyint, logb, significand, pow10, frexp, ldexp, scalb, drem. */
final class MathFunctions {

    private MathFunctions() {
    }

    static Function unary(String name, DoubleUnaryOperator f) {
        return (scope, args, in, path, output, version) ->
                output.emit(DoubleNode.valueOf(f.applyAsDouble(number(name, in))), null);
    }

    /** {@code name(a; b)} of jq, both arguments evaluated against the input. */
    static Function binary(String name, DoubleBinaryOperator f) {
        return (scope, args, in, path, output, version) -> {
            for (JsonNode b : Args.values(args.get(1), scope, in)) {
                for (JsonNode a : Args.values(args.get(0), scope, in)) {
                    output.emit(DoubleNode.valueOf(f.applyAsDouble(number(name, a), number(name, b))), null);
                }
            }
        };
    }

    /** {@code frexp}: {@code [mantissa, exponent]} with the mantissa in [0.5, 1). */
    static final Function FREXP = (scope, args, in, path, output, version) -> {
        double x = number("frexp", in);
        int exponent = x == 0 || Double.isNaN(x) || Double.isInfinite(x) ? 0 : Math.getExponent(x) + 1;
        double mantissa = exponent == 0 ? x : x / Math.pow(2, exponent);
        if (exponent != 0 && Math.abs(mantissa) < 0.5) { // subnormals
            while (Math.abs(mantissa) < 0.5) {
                mantissa *= 2;
                exponent--;
            }
        }
        output.emit(JsonNodeFactory.instance.arrayNode().add(mantissa).add(exponent), null);
    };

    static double logb(double x) {
        return x == 0 ? Double.NEGATIVE_INFINITY : Double.isInfinite(x) ? Double.POSITIVE_INFINITY
                : Double.isNaN(x) ? x : Math.getExponent(x);
    }

    static double significand(double x) {
        return x == 0 || Double.isNaN(x) || Double.isInfinite(x) ? x : x / Math.pow(2, Math.getExponent(x));
    }

    private static double number(String name, JsonNode value) throws JsonQueryException {
        if (!value.isNumber()) {
            throw new JsonQueryException(Args.describe(value) + " number required");
        }
        return value.doubleValue();
    }
}
