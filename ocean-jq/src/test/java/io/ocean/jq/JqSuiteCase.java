package io.ocean.jq;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One case of jq 1.7.1's {@code jq.test}, read as jq's own {@code src/jq_test.c} reads it: a program line, an input
 * line, then expected outputs up to a blank or comment line; or {@code %%FAIL}, a program that must not compile, and
 * the error message expected (unless {@code %%FAIL IGNORE MSG}).
 *
 * @param line         the line of the program in jq.test (what the known-failures file names a case by)
 * @param program      the program
 * @param mustFail     whether it must fail to compile
 * @param checkMessage whether the compile error message is compared
 * @param input        the input line (null for a %%FAIL case)
 * @param expected     the expected output lines, or the expected error message for a %%FAIL case
 */
record JqSuiteCase(int line, String program, boolean mustFail, boolean checkMessage, String input,
                   List<String> expected) {

    @Override
    public String toString() {
        return "line " + line + ": " + program;
    }

    /** Reads every case of a jq.test file on the classpath. */
    static List<JqSuiteCase> read(String resource) throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in = JqSuiteCase.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the test classpath");
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().forEach(lines::add);
        }
        List<JqSuiteCase> cases = new ArrayList<>();
        boolean mustFail = false;
        boolean checkMessage = false;
        int i = 0;
        while (i < lines.size()) {
            String program = lines.get(i++);
            if (skip(program)) {
                continue;
            }
            if (program.startsWith("%%FAIL")) {
                mustFail = true;
                checkMessage = !program.contains("IGNORE MSG");
                continue;
            }
            int line = i;
            if (mustFail) {
                String message = i < lines.size() ? lines.get(i++) : "";
                cases.add(new JqSuiteCase(line, program, true, checkMessage, null, List.of(message)));
                mustFail = false;
                checkMessage = false;
                continue;
            }
            String input = i < lines.size() ? lines.get(i++) : "";
            List<String> expected = new ArrayList<>();
            while (i < lines.size() && !skip(lines.get(i))) {
                expected.add(lines.get(i++));
            }
            cases.add(new JqSuiteCase(line, program, false, false, input, List.copyOf(expected)));
        }
        return cases;
    }

    /** jq_test.c's skipline: blank, or a comment after optional whitespace. */
    private static boolean skip(String line) {
        String trimmed = line.stripLeading();
        return trimmed.isEmpty() || trimmed.startsWith("#");
    }
}
