package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import net.thisptr.jackson.jq.internal.operators.BinaryOperator;

/**
 * jq 1.7.1's arithmetic where jackson-jq's differs, in front of jackson-jq's operators (which do the rest):
 * numbers beyond 2^53 are computed as doubles, as jq does; {@code n * "s"} repeats (null below 0 or for nan);
 * {@code %} with nan is nan; {@code ==} between two integers is exact (jq keeps integer literals exact).
 */
final class JqOperators {

    private static final double EXACT = 9007199254740992.0;

    private JqOperators() {
    }

    static BinaryOperator fix(BinaryOperator operator) {
        if (operator instanceof Fixed) {
            return operator;
        }
        return switch (operator.image()) {
            case "+", "-", "/" -> new Fixed(operator, JqOperators::arithmetic);
            case "*" -> new Fixed(operator, JqOperators::multiply);
            case "%" -> new Fixed(operator, JqOperators::modulo);
            case "==" -> new Fixed(operator, (op, l, r) -> exactEquals(l, r));
            case "!=" -> new Fixed(operator, (op, l, r) -> {
                JsonNode equal = exactEquals(l, r);
                return equal == null ? null : BooleanNode.valueOf(!equal.asBoolean());
            });
            default -> operator;
        };
    }

    /** A special case: the answer, or null to let jackson-jq's operator answer. */
    private interface Special {
        JsonNode apply(BinaryOperator operator, JsonNode lhs, JsonNode rhs) throws JsonQueryException;
    }

    private record Fixed(BinaryOperator original, Special special) implements BinaryOperator {
        @Override
        public JsonNode apply(ObjectMapper mapper, JsonNode lhs, JsonNode rhs) throws JsonQueryException {
            JsonNode answer = special.apply(original, lhs, rhs);
            return answer != null ? answer : original.apply(mapper, lhs, rhs);
        }

        @Override
        public String image() {
            return original.image();
        }
    }

    private static JsonNode arithmetic(BinaryOperator operator, JsonNode lhs, JsonNode rhs) {
        if (!lhs.isNumber() || !rhs.isNumber() || (!beyondExact(lhs) && !beyondExact(rhs))) {
            return null;
        }
        double l = lhs.doubleValue();
        double r = rhs.doubleValue();
        return switch (operator.image()) {
            case "+" -> DoubleNode.valueOf(l + r);
            case "-" -> DoubleNode.valueOf(l - r);
            case "*" -> DoubleNode.valueOf(l * r);
            default -> r == 0 ? null : DoubleNode.valueOf(l / r);
        };
    }

    private static JsonNode multiply(BinaryOperator operator, JsonNode lhs, JsonNode rhs) {
        if (lhs.isNumber() && rhs.isTextual()) {
            return repeat(rhs.textValue(), lhs.doubleValue());
        }
        if (lhs.isTextual() && rhs.isNumber()) {
            return repeat(lhs.textValue(), rhs.doubleValue());
        }
        return arithmetic(operator, lhs, rhs);
    }

    private static JsonNode repeat(String s, double times) {
        if (Double.isNaN(times) || times < 0) {
            return NullNode.getInstance();
        }
        int n = times >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) times;
        return TextNode.valueOf(s.repeat(n));
    }

    private static JsonNode modulo(BinaryOperator operator, JsonNode lhs, JsonNode rhs) {
        if (lhs.isNumber() && rhs.isNumber() && (Double.isNaN(lhs.doubleValue()) || Double.isNaN(rhs.doubleValue()))) {
            return DoubleNode.valueOf(Double.NaN);
        }
        return null;
    }

    private static JsonNode exactEquals(JsonNode lhs, JsonNode rhs) {
        if (lhs.isIntegralNumber() && rhs.isIntegralNumber() && (beyondExact(lhs) || beyondExact(rhs))) {
            return BooleanNode.valueOf(lhs.bigIntegerValue().equals(rhs.bigIntegerValue()));
        }
        return null;
    }

    private static boolean beyondExact(JsonNode n) {
        return n.isBigInteger() || n.isBigDecimal() || (n.isIntegralNumber() && Math.abs(n.doubleValue()) > EXACT)
                || (n.isLong() && Math.abs(n.longValue()) > (long) EXACT);
    }
}
