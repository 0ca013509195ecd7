package io.ocean.jq;

import io.ocean.core.OceanException;

/** A jq program that did not compile ({@link JqCompileException}) or failed on an input ({@link JqEvaluationException}). */
public class JqException extends OceanException {

    private final String program;

    /** An exception about {@code program} with jq's message. */
    public JqException(String program, String message) {
        super(message);
        this.program = program;
    }

    /** The program as written. */
    public String program() {
        return program;
    }
}
