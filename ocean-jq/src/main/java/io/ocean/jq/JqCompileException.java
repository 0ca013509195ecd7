package io.ocean.jq;

/** Thrown by {@link Jq#compile} when the program is not valid jq (or uses a feature Ocean does not run). */
public final class JqCompileException extends JqException {

    /** The program and why it does not compile. */
    public JqCompileException(String program, String message) {
        super(program, message);
    }
}
