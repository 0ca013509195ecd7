package io.ocean.webhook.internal.http;

/** A request body the edge refuses, with the status and short code to answer. */
public final class BodyRejectedException extends Exception {

    private final int status;
    private final String code;

    /** Creates the rejection; the message goes back to the sender. */
    public BodyRejectedException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status to answer. */
    public int status() {
        return status;
    }

    /** The short error code for the body. */
    public String code() {
        return code;
    }
}
