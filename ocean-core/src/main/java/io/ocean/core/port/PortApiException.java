package io.ocean.core.port;

import io.ocean.core.OceanException;

/** Port answered with an error: its status, Port's {@code error} and {@code message}, and its {@code x-trace-id}. */
public class PortApiException extends OceanException {

    private final int status;
    private final String error;
    private final String portMessage;
    private final String traceId;

    /** Creates the exception; status 0 means no answer at all (connection failure or timeout). */
    public PortApiException(int status, String error, String message, String traceId) {
        super("Port answered " + status + (error == null ? "" : " " + error) + (message == null ? "" : ": " + message)
                + (traceId == null ? "" : " (x-trace-id " + traceId + ")"));
        this.status = status;
        this.error = error;
        this.portMessage = message;
        this.traceId = traceId;
    }

    /** Creates the exception for a request that got no answer. */
    public PortApiException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.error = "connection_error";
        this.portMessage = message;
        this.traceId = null;
    }

    /** The HTTP status, or 0 when Port could not be reached. */
    public int status() {
        return status;
    }

    /** Port's error code, such as {@code not_found}. */
    public String error() {
        return error;
    }

    /** Port's message. */
    public String portMessage() {
        return portMessage;
    }

    /** Port's {@code x-trace-id}, for Port's support. */
    public String traceId() {
        return traceId;
    }
}
