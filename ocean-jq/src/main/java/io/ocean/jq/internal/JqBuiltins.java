package io.ocean.jq.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Version;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import net.thisptr.jackson.jq.internal.IsolatedScopeQuery;
import net.thisptr.jackson.jq.internal.JsonQueryFunction;
import net.thisptr.jackson.jq.internal.javacc.ExpressionParser;

/**
 * The root scope every program runs in: jackson-jq's jq 1.7 builtins, then ours (Java functions and the jq defs in
 * {@code builtins.jq}), which replace or complete them. Built once per JVM; read-only afterwards.
 */
final class JqBuiltins {

    /** The jq version jackson-jq emulates. */
    static final Version VERSION = Versions.JQ_1_7;

    private static final Pattern DEF = Pattern.compile("^def ([A-Za-z_][A-Za-z0-9_]*)(?:\\(([^)]*)\\))?: (.*);$");

    private static final Scope ROOT = build();

    private JqBuiltins() {
    }

    /** The shared root scope. Run programs in a child of it, never in it. */
    static Scope root() {
        return ROOT;
    }

    private static Scope build() {
        Scope root = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(VERSION, root);
        root.addFunction("_ocean_tick", 0, GuardFunctions.TICK);
        root.addFunction("_ocean_bignum", 1, StringFunctions.BIGNUM);
        root.addFunction("_modify", 2, UpdateFunctions.MODIFY);
        root.addFunction("error", 0, CoreFunctions.ERROR);
        root.addFunction("error", 1, CoreFunctions.ERROR);
        root.addFunction("has", 1, CoreFunctions.has(root.getFunction("has", 1)));
        root.addFunction("bsearch", 1, CoreFunctions.BSEARCH);
        root.addFunction("getpath", 1, CoreFunctions.getpath(root.getFunction("getpath", 1)));
        root.addFunction("fabs", 0, CoreFunctions.FABS);
        root.addFunction("builtins", 0, CoreFunctions.BUILTINS);
        root.addFunction("debug", 0, CoreFunctions.DEBUG);
        root.addFunction("implode", 0, CoreFunctions.IMPLODE);
        root.addFunction("fromjson", 0, CoreFunctions.fromjson(root.getFunction("fromjson", 0)));
        root.addFunction("tojson", 0, CoreFunctions.printing(root.getFunction("tojson", 0)));
        root.addFunction("tostring", 0, CoreFunctions.printing(root.getFunction("tostring", 0)));
        root.addFunction("@uri", 0, CoreFunctions.URI);
        root.addFunction("_match_impl", 3, RegexFunctions.MATCH_IMPL);
        root.addFunction("gamma", 0, MathFunctions.unary("gamma", MathFunctions::lgamma));
        root.addFunction("lgamma", 0, MathFunctions.unary("lgamma", MathFunctions::lgamma));
        root.addFunction("tgamma", 0, MathFunctions.unary("tgamma", MathFunctions::gamma));
        root.addFunction("lgamma_r", 0, MathFunctions.LGAMMA_R);
        root.addFunction("trunc", 0, MathFunctions.unary("trunc", x -> x < 0 ? Math.ceil(x) : Math.floor(x)));
        root.addFunction("nearbyint", 0, MathFunctions.unary("nearbyint", Math::rint));
        root.addFunction("logb", 0, MathFunctions.unary("logb", MathFunctions::logb));
        root.addFunction("significand", 0, MathFunctions.unary("significand", MathFunctions::significand));
        root.addFunction("pow10", 0, MathFunctions.unary("pow10", x -> Math.pow(10, x)));
        root.addFunction("frexp", 0, MathFunctions.FREXP);
        root.addFunction("ldexp", 2, MathFunctions.binary("ldexp", (a, b) -> a * Math.pow(2, (int) b)));
        root.addFunction("scalb", 2, MathFunctions.binary("scalb", (a, b) -> a * Math.pow(2, b)));
        root.addFunction("drem", 2, MathFunctions.binary("drem", Math::IEEEremainder));
        GuardFunctions.Range range = new GuardFunctions.Range();
        root.addFunction("range", 1, range);
        root.addFunction("range", 2, range);
        root.addFunction("range", 3, range);
        root.addFunction("trim", 0, StringFunctions.trim("trim", true, true));
        root.addFunction("ltrim", 0, StringFunctions.trim("ltrim", true, false));
        root.addFunction("rtrim", 0, StringFunctions.trim("rtrim", false, true));
        root.addFunction("ascii", 0, StringFunctions.ASCII);
        root.addFunction("@base32", 0, StringFunctions.BASE32_ENCODE);
        root.addFunction("@base32d", 0, StringFunctions.BASE32_DECODE);
        root.addFunction("gmtime", 0, DateFunctions.GMTIME);
        root.addFunction("localtime", 0, DateFunctions.LOCALTIME);
        root.addFunction("mktime", 0, DateFunctions.MKTIME);
        root.addFunction("strptime", 1, DateFunctions.STRPTIME);
        root.addFunction("strftime", 1, DateFunctions.STRFTIME);
        root.addFunction("strflocaltime", 1, DateFunctions.STRFLOCALTIME);
        for (String line : definitions()) {
            define(root, line);
        }
        // jackson-jq's builtins written in jq (first, any, ...) get jq 1.7.1's try and operators too
        for (Scope s = root; s != null; s = s.getParentScope()) {
            s.getLocalFunctions().values().forEach(JqTree::fixFunction);
        }
        return root;
    }

    private static void define(Scope root, String line) {
        Matcher def = DEF.matcher(line);
        if (!def.matches()) {
            throw new IllegalStateException("builtins.jq: not a one-line definition: " + line);
        }
        List<String> params = new ArrayList<>();
        if (def.group(2) != null) {
            for (String param : def.group(2).split(";")) {
                params.add(param.trim());
            }
        }
        try {
            root.addFunction(def.group(1), params.size(), new JsonQueryFunction(def.group(1), params,
                    new IsolatedScopeQuery(ExpressionParser.compile(def.group(3), VERSION)), root));
        } catch (JsonQueryException e) {
            throw new IllegalStateException("builtins.jq: cannot compile " + line, e);
        }
    }

    private static List<String> definitions() {
        try (InputStream in = JqBuiltins.class.getResourceAsStream("builtins.jq")) {
            if (in == null) {
                throw new IllegalStateException("builtins.jq is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read builtins.jq", e);
        }
    }
}
