package io.ocean.webhook.internal.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.internal.Json;

/**
 * What the HTTP edge answers the sender: a status and a small JSON body
 * ({@code {"status":"ok","traceId":...}} or {@code {"status":"error","error":...,"message":...,"traceId":...}}).
 */
public record Answer(int status, String outcome, String error, String message, String traceId, Integer retryAfterSeconds) {

    private static final JsonStringEncoder QUOTER = JsonStringEncoder.getInstance();

    /** 200: the event was queued. */
    public static Answer queued(String traceId) {
        return new Answer(200, "ok", null, null, traceId, null);
    }

    /** 200: no processor of the path wanted the event. */
    public static Answer ignored(String traceId) {
        return new Answer(200, "ignored", null, null, traceId, null);
    }

    /** 200: the delivery was queued already, as the event with {@code firstTraceId}. */
    public static Answer duplicate(String firstTraceId) {
        return new Answer(200, "duplicate", null, null, firstTraceId, null);
    }

    /** An error status with a short code and a message for the sender. */
    public static Answer error(int status, String error, String message, String traceId) {
        return new Answer(status, "error", error, message, traceId, null);
    }

    /** 503 with {@code Retry-After}: the queue is full or the server is shutting down. */
    public static Answer unavailable(String error, String message, String traceId, int retryAfterSeconds) {
        return new Answer(503, "error", error, message, traceId, retryAfterSeconds);
    }

    /** The JSON body. */
    public byte[] body() {
        if (error == null) {
            // The answer to every accepted event: built by hand (no tree, no serializer) and quoted by Jackson.
            StringBuilder body = new StringBuilder(64).append("{\"status\":\"");
            QUOTER.quoteAsString(outcome, body);
            body.append("\",\"traceId\":\"");
            QUOTER.quoteAsString(traceId, body);
            return body.append("\"}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        ObjectNode body = Json.MAPPER.createObjectNode().put("status", outcome)
                .put("error", error).put("message", message).put("traceId", traceId);
        return body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
