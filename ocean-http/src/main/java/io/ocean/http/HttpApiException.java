package io.ocean.http;

import io.ocean.core.OceanException;

/**
 * A request that failed for good: retrying it will not help (401, 403, another 4xx, an unreadable body). Not a
 * {@link io.ocean.core.RetryableException}, so the event runtime keeps the event as a dead letter.
 *
 * @see GoneException
 * @see TransientHttpException
 */
public class HttpApiException extends OceanException {

    private final int status;
    private final String method;
    private final String url;

    /**
     * Creates the failure of {@code method url} with the response's status.
     *
     * @param url the URL with secrets in its query redacted
     */
    public HttpApiException(int status, String method, String url, String message) {
        super(method + " " + url + " answered " + status + (message == null || message.isEmpty() ? "" : ": " + message));
        this.status = status;
        this.method = method;
        this.url = url;
    }

    /** Creates a failure that is not a status, such as a body that is not JSON. */
    public HttpApiException(String method, String url, String message, Throwable cause) {
        super(method + " " + url + ": " + message, cause);
        this.status = 0;
        this.method = method;
        this.url = url;
    }

    /** The HTTP status, or 0 when the failure is not one. */
    public int status() {
        return status;
    }

    /** The request's method. */
    public String method() {
        return method;
    }

    /** The request's URL, secrets in its query redacted. */
    public String url() {
        return url;
    }
}
