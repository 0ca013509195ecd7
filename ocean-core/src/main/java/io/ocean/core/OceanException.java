package io.ocean.core;

/**
 * The unchecked root of every exception Ocean throws; subclasses carry the data a caller needs to react.
 */
public class OceanException extends RuntimeException {

    /** Creates an exception with a message that says what went wrong and where. */
    public OceanException(String message) {
        super(message);
    }

    /** Creates an exception that keeps the cause that led to it. */
    public OceanException(String message, Throwable cause) {
        super(message, cause);
    }
}
