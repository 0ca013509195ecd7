package io.ocean.jq.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import net.thisptr.jackson.jq.Expression;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Version;
import net.thisptr.jackson.jq.internal.operators.BinaryOperator;
import net.thisptr.jackson.jq.internal.tree.BreakExpression;
import net.thisptr.jackson.jq.internal.tree.LabelPipeComponent;
import net.thisptr.jackson.jq.internal.tree.PipeComponent;
import net.thisptr.jackson.jq.internal.tree.PipedQuery;
import net.thisptr.jackson.jq.internal.tree.ThisObject;
import net.thisptr.jackson.jq.internal.tree.TransformPipeComponent;
import net.thisptr.jackson.jq.internal.tree.TryCatch;
import net.thisptr.jackson.jq.internal.tree.fieldaccess.BracketFieldAccess;
import net.thisptr.jackson.jq.internal.tree.binaryop.SimpleBinaryOperatorExpression;

/**
 * Fixes jackson-jq's compiled trees where its semantics differ from jq 1.7.1 and neither a rewrite of the program
 * nor a builtin can reach: {@code try} (which must not catch errors raised downstream of its body, nor {@code break})
 * becomes {@link TryExpression}, and the arithmetic and equality operators get {@link JqOperators} in front of
 * theirs. Runs once per compiled program (and once over the builtins), before the tree is shared; reflection is
 * confined to this class.
 */
final class JqTree {

    private static final String JACKSON_JQ = "net.thisptr.jackson.jq.";
    private static final Map<Class<?>, List<Field>> FIELDS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Field QUERY_EXPRESSION = field(JsonQuery.class, "expr");
    private static final Field TRY_BODY = field(TryCatch.class, "tryExpr");
    private static final Field TRY_HANDLER = field(TryCatch.class, "catchExpr");
    private static final Field BREAK_NAME = field(BreakExpression.class, "name");
    private static final Field PIPE_COMPONENTS = field(PipedQuery.class, "components");
    private static final Field BRACKET_START = field(BracketFieldAccess.class, "startExpr");
    private static final Field BRACKET_END = field(BracketFieldAccess.class, "endExpr");
    private static final Field BRACKET_RANGE = field(BracketFieldAccess.class, "isRange");
    private static final Field OPERATOR = field(SimpleBinaryOperatorExpression.class, "operator");

    private JqTree() {
    }

    /** Fixes a compiled program in place. */
    static JsonQuery fix(JsonQuery query) {
        try {
            Expression root = (Expression) QUERY_EXPRESSION.get(query);
            Expression fixed = (Expression) visit(root, new IdentityHashMap<>());
            if (fixed != root) {
                QUERY_EXPRESSION.set(query, fixed);
            }
            return query;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot adjust jackson-jq's tree", e);
        }
    }

    /** Fixes one expression (a builtin's body) and returns what replaces it. */
    static Expression fix(Expression expression) {
        try {
            return (Expression) visit(expression, new IdentityHashMap<>());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot adjust jackson-jq's tree", e);
        }
    }

    /** Fixes the body of a builtin defined in jq, in place. */
    static void fixFunction(Object function) {
        try {
            visit(function, new IdentityHashMap<>());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot adjust jackson-jq's tree", e);
        }
    }

    private static Object visit(Object node, IdentityHashMap<Object, Object> seen) throws IllegalAccessException {
        if (node == null) {
            return null;
        }
        Object done = seen.get(node);
        if (done != null) {
            return done;
        }
        if (node instanceof List<?> list) {
            seen.put(node, node);
            List<Object> copy = null;
            for (int i = 0; i < list.size(); i++) {
                Object element = list.get(i);
                Object fixed = visit(element, seen);
                if (fixed != element && copy == null) {
                    copy = new ArrayList<>(list);
                }
                if (copy != null) {
                    copy.set(i, fixed);
                }
            }
            if (copy != null) {
                seen.put(node, copy);
                return copy;
            }
            return node;
        }
        if (node instanceof Object[] array) {
            seen.put(node, node);
            for (int i = 0; i < array.length; i++) {
                Object fixed = visit(array[i], seen);
                if (fixed != array[i]) {
                    array[i] = fixed;
                }
            }
            return node;
        }
        Class<?> type = node.getClass();
        if (!type.getName().startsWith(JACKSON_JQ) || node instanceof Scope || node instanceof Version) {
            return node;
        }
        seen.put(node, node);
        for (Field field : fields(type)) {
            Object value = field.get(node);
            Object fixed = visit(value, seen);
            if (fixed != value) {
                field.set(node, fixed);
            }
        }
        Object replacement = replace(node);
        seen.put(node, replacement);
        return replacement;
    }

    private static Object replace(Object node) throws IllegalAccessException {
        if (node instanceof BreakExpression) {
            return new LabelExpression.Break((String) BREAK_NAME.get(node));
        }
        if (node instanceof PipedQuery piped) {
            return labelled(piped);
        }
        if (node instanceof BracketFieldAccess access) {
            boolean range = BRACKET_RANGE.getBoolean(access);
            Object start = BRACKET_START.get(access);
            if (start != null) {
                BRACKET_START.set(access, new IndexAccess.Index((Expression) start, range));
            }
            Object end = BRACKET_END.get(access);
            if (end != null) {
                BRACKET_END.set(access, new IndexAccess.Index((Expression) end, range));
            }
            return new IndexAccess(access);
        }
        if (node instanceof TryCatch tryCatch) {
            return new TryExpression((Expression) TRY_BODY.get(tryCatch), (Expression) TRY_HANDLER.get(tryCatch));
        }
        if (node instanceof SimpleBinaryOperatorExpression binary) {
            BinaryOperator operator = (BinaryOperator) OPERATOR.get(binary);
            BinaryOperator fixed = JqOperators.fix(operator);
            if (fixed != operator) {
                OPERATOR.set(binary, fixed);
            }
        }
        return node;
    }

    /** {@code a | label $x | b | c} becomes {@code a | LabelExpression(x, b | c)}. */
    @SuppressWarnings("unchecked")
    private static Object labelled(PipedQuery piped) throws IllegalAccessException {
        List<PipeComponent> components = (List<PipeComponent>) PIPE_COMPONENTS.get(piped);
        int label = -1;
        for (int i = 0; i < components.size(); i++) {
            if (components.get(i) instanceof LabelPipeComponent) {
                label = i;
                break;
            }
        }
        if (label < 0) {
            return piped;
        }
        List<PipeComponent> rest = components.subList(label + 1, components.size());
        Object body = rest.isEmpty() ? new ThisObject() : labelled(new PipedQuery(new ArrayList<>(rest)));
        List<PipeComponent> head = new ArrayList<>(components.subList(0, label));
        head.add(new TransformPipeComponent(new LabelExpression(((LabelPipeComponent) components.get(label)).name,
                (Expression) body)));
        return new PipedQuery(head);
    }

    private static List<Field> fields(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = t; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()
                            && f.getType() != String.class) {
                        f.setAccessible(true);
                        fields.add(f);
                    }
                }
            }
            return fields;
        });
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError("jackson-jq changed: no field " + type.getName() + "." + name);
        }
    }
}
