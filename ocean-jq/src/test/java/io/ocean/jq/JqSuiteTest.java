package io.ocean.jq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * jq 1.7.1's own test suite ({@code src/test/resources/jq-1.7.1/jq.test}, verbatim, MIT) through the public
 * {@link Jq} API, with jq's pass rules: the expected outputs come first and in order, compared as JSON values; an
 * error after them is allowed, an extra output is not; a {@code %%FAIL} program must not compile (and fail with
 * jq's message unless {@code IGNORE MSG}). The cases that still fail are in {@code known-failures.txt} with the
 * reason for each: a listed case that passes fails the build too, so the list only shrinks.
 */
class JqSuiteTest {

    private static final String DIR = "/jq-1.7.1/";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    /** jq's jv_equal on numbers: exact for two integers, as doubles otherwise. */
    private static final Comparator<JsonNode> JQ_EQUAL = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            if (a.isIntegralNumber() && b.isIntegralNumber()) {
                return a.bigIntegerValue().compareTo(b.bigIntegerValue());
            }
            return a.doubleValue() == b.doubleValue() ? 0 : 1;
        }
        return a.equals(b) ? 0 : 1;
    };

    static List<JqSuiteCase> cases() throws IOException {
        return JqSuiteCase.read(DIR + "jq.test");
    }

    /** Line of the program in jq.test → why it still fails. */
    static Map<Integer, String> knownFailures() throws IOException {
        Map<Integer, String> failures = new LinkedHashMap<>();
        try (InputStream in = JqSuiteTest.class.getResourceAsStream(DIR + "known-failures.txt")) {
            if (in == null) {
                return failures;
            }
            for (String line : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 3);
                if (parts.length < 3 || parts[2].isBlank()) {
                    throw new IOException("known-failures.txt: want line<TAB>program<TAB>reason, got: " + line);
                }
                failures.put(Integer.parseInt(parts[0].trim()), parts[2].trim());
            }
        }
        return failures;
    }

    static Stream<Arguments> suite() throws IOException {
        Map<Integer, String> known = knownFailures();
        return cases().stream().map(c -> Arguments.of(c, known.get(c.line())));
    }

    @Test
    void theSuiteIsJq171sWith447Cases() throws IOException {
        assertThat(cases()).hasSize(447);
    }

    @Test
    void everyKnownFailureNamesACaseOfTheSuite() throws IOException {
        Map<Integer, JqSuiteCase> byLine = new LinkedHashMap<>();
        cases().forEach(c -> byLine.put(c.line(), c));
        try (InputStream in = JqSuiteTest.class.getResourceAsStream(DIR + "known-failures.txt")) {
            assertThat(in).as("known-failures.txt").isNotNull();
            for (String line : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 3);
                JqSuiteCase c = byLine.get(Integer.parseInt(parts[0].trim()));
                assertThat(c).as("known-failures.txt names line %s, where no case starts", parts[0]).isNotNull();
                assertThat(c.program()).as("known-failures.txt line %s", parts[0]).isEqualTo(parts[1]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suite")
    void passesAsInJq171(JqSuiteCase c, String knownFailure) {
        String failure = failure(c);
        if (knownFailure != null) {
            assertThat(failure).as("%s is listed in known-failures.txt (%s) but now passes: remove it", c, knownFailure)
                    .isNotNull();
        } else if (failure != null) {
            fail(c + " — " + failure);
        }
    }

    /** Why the case fails, or null when it passes by jq's rules. */
    static String failure(JqSuiteCase c) {
        Jq jq;
        try {
            jq = Jq.compile(c.program());
        } catch (JqCompileException e) {
            if (!c.mustFail()) {
                return "does not compile: " + e.getMessage();
            }
            String message = "jq: error: " + e.getMessage();
            return !c.checkMessage() || message.equals(c.expected().get(0)) ? null
                    : "fails to compile with \"" + message + "\", jq 1.7.1 with \"" + c.expected().get(0) + "\"";
        }
        if (c.mustFail()) {
            return "compiles, jq 1.7.1 fails with: " + c.expected().get(0);
        }
        JsonNode input;
        try {
            input = parse(c.input());
        } catch (IOException e) {
            return "cannot read the input " + c.input() + ": " + e.getMessage();
        }
        List<JsonNode> outputs;
        JqEvaluationException error = null;
        try {
            outputs = jq.apply(input);
        } catch (JqEvaluationException e) {
            outputs = e.outputs();
            error = e;
        }
        for (int i = 0; i < c.expected().size(); i++) {
            JsonNode expected;
            try {
                expected = parse(c.expected().get(i));
            } catch (IOException e) {
                return "cannot read the expected output " + c.expected().get(i);
            }
            if (i >= outputs.size()) {
                return "output " + (i + 1) + " should be " + c.expected().get(i) + ", got "
                        + (error != null ? "error: " + error.getMessage() : "no more outputs") + "; outputs " + outputs;
            }
            if (!outputs.get(i).equals(JQ_EQUAL, expected)) {
                return "output " + (i + 1) + " should be " + c.expected().get(i) + ", got " + outputs.get(i)
                        + "; outputs " + outputs;
            }
        }
        if (outputs.size() > c.expected().size()) {
            return "superfluous output " + outputs.get(c.expected().size()) + "; outputs " + outputs;
        }
        return null;
    }

    /** jq reads {@code nan}, {@code NaN} and {@code -NaN} outside strings; Jackson reads {@code NaN} only. */
    private static String jqNumbers(String json) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < json.length()) {
                    out.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (json.regionMatches(true, i, "-nan", 0, 4)) {
                out.append("NaN");
                i += 3;
            } else if (json.regionMatches(true, i, "nan", 0, 3)) {
                out.append("NaN");
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static JsonNode parse(String json) throws IOException {
        String text = jqNumbers(json.startsWith("\uFEFF") ? json.substring(1) : json);
        JsonNode node = JSON.readTree(text);
        if (node == null || node.isMissingNode()) {
            throw new IOException("no JSON value in: " + json);
        }
        return node;
    }
}
