package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/** C math builtins of jq 1.7.1 that jackson-jq lacks: gamma, lgamma, tgamma, lgamma_r, trunc, nearbyint, logb, significand, pow10, frexp, ldexp, scalb, drem. */
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

    /** Lanczos approximation (g = 7, nine terms), about 15 significant digits. */
    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
        9.9843695780195716e-6, 1.5056327351493116e-7};

    /** {@code tgamma}: the gamma function. */
    static double gamma(double x) {
        if (x == Math.rint(x) && x <= 0) {
            return Double.NaN;
        }
        if (x == Math.rint(x) && x <= 171) {
            return factorial((int) x - 1); // exact where C is: tgamma(5) is 24
        }
        if (x < 0.5) {
            return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + 7.5;
        return Math.sqrt(2 * Math.PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * sum;
    }

    /** {@code lgamma} (and {@code gamma}, which is lgamma in C): the log of the absolute value of gamma. */
    static double lgamma(double x) {
        if (x == Math.rint(x) && x <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (x == Math.rint(x) && x <= 171) {
            return Math.log(factorial((int) x - 1));
        }
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    private static double factorial(int n) {
        double product = 1;
        for (int i = 2; i <= n; i++) {
            product *= i;
        }
        return product;
    }

    /** {@code lgamma_r}: {@code [lgamma, sign of gamma]}. */
    static final Function LGAMMA_R = (scope, args, in, path, output, version) -> {
        double x = number("lgamma_r", in);
        double sign = x > 0 || x == Math.rint(x) || ((long) Math.floor(-x)) % 2 == 1 ? 1 : -1;
        output.emit(JsonNodeFactory.instance.arrayNode().add(lgamma(x)).add(sign), null);
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
