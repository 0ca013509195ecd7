package io.ocean.core.port.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.ocean.core.port.PortApiException;
import java.net.http.HttpHeaders;

/**
 * One answer from Port.
 *
 * @param status  the HTTP status
 * @param body    the parsed body, or a missing node when it was not JSON
 * @param headers the response headers
 */
public record PortResponse(int status, JsonNode body, HttpHeaders headers) {

    /** Whether the status is 2xx. */
    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** Port's error code, or null. */
    public String error() {
        return text("error");
    }

    /** Port's message, or null. */
    public String message() {
        return text("message");
    }

    /** The exception that describes this answer, with Port's error, message and trace id. */
    public PortApiException toException() {
        return new PortApiException(status, error(), message(),
                headers == null ? null : headers.firstValue("x-trace-id").orElse(null));
    }

    /** This response if 2xx, else its exception. */
    public PortResponse orThrow() {
        if (!ok()) {
            throw toException();
        }
        return this;
    }

    private String text(String field) {
        JsonNode value = body == null ? MissingNode.getInstance() : body.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
