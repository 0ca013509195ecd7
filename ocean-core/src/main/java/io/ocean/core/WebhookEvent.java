package io.ocean.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.ref.SoftReference;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * One webhook delivery as it was received: the parsed payload, the exact bytes, the headers, and the trace id
 * that every log line about it carries.
 */
public final class WebhookEvent {

    private final String traceId;
    private final String path;
    private final JsonNode payload;
    private final Function<byte[], JsonNode> parser;
    private volatile SoftReference<JsonNode> parsed;
    private final EventHeaders headers;
    private final byte[] rawBody;
    private final Instant receivedAt;

    /**
     * Creates an event. The payload must be a JSON object; the raw body is copied.
     *
     * @throws IllegalArgumentException when the payload is not a JSON object
     */
    public WebhookEvent(String traceId, String path, JsonNode payload, EventHeaders headers, byte[] rawBody,
                        Instant receivedAt) {
        this(traceId, path, payload, null, headers, rawBody, receivedAt);
    }

    private WebhookEvent(String traceId, String path, JsonNode payload, Function<byte[], JsonNode> parser,
                         EventHeaders headers, byte[] rawBody, Instant receivedAt) {
        this.traceId = Objects.requireNonNull(traceId, "traceId");
        this.path = Objects.requireNonNull(path, "path");
        Objects.requireNonNull(payload, "payload");
        if (!payload.isObject()) {
            throw new IllegalArgumentException("payload must be a JSON object, got " + payload.getNodeType());
        }
        this.parser = parser;
        this.payload = parser == null ? payload : null;
        this.parsed = parser == null ? null : new SoftReference<>(payload);
        this.headers = Objects.requireNonNull(headers, "headers");
        this.rawBody = Objects.requireNonNull(rawBody, "rawBody").clone();
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /**
     * An event whose parsed payload the garbage collector may drop under memory pressure: {@link #payload()} then
     * parses {@code rawBody} again with {@code parser}. The runtime creates queued events this way, so that what a
     * full queue holds is bounded by its raw bytes.
     */
    public static WebhookEvent reparsable(String traceId, String path, JsonNode payload, EventHeaders headers,
                                          byte[] rawBody, Instant receivedAt, Function<byte[], JsonNode> parser) {
        return new WebhookEvent(traceId, path, payload, Objects.requireNonNull(parser, "parser"), headers, rawBody,
                receivedAt);
    }

    /** An event received now with a fresh trace id; handy in processor unit tests. */
    public static WebhookEvent of(String path, JsonNode payload, EventHeaders headers, byte[] rawBody) {
        return new WebhookEvent(newTraceId(), path, payload, headers, rawBody, Instant.now());
    }

    /** A new unique trace id. */
    public static String newTraceId() {
        return UUID.randomUUID().toString();
    }

    /** The unique id of this delivery, carried by every log line about it (MDC {@code traceId}). */
    public String traceId() {
        return traceId;
    }

    /** The registered path the event arrived on, such as {@code /webhook}. */
    public String path() {
        return path;
    }

    /** The parsed body, always a JSON object. Treat it as read-only: it is shared by every processor. */
    public JsonNode payload() {
        if (payload != null) {
            return payload;
        }
        JsonNode cached = parsed.get();
        if (cached == null) {
            cached = parser.apply(rawBody);
            parsed = new SoftReference<>(cached);
        }
        return cached;
    }

    /** The request headers. */
    public EventHeaders headers() {
        return headers;
    }

    /** A copy of the exact bytes received, what signatures are computed over. */
    public byte[] rawBody() {
        return rawBody.clone();
    }

    /** The size of the raw body in bytes, without copying it. */
    public int rawBodyLength() {
        return rawBody.length;
    }

    /** When the server received the event. */
    public Instant receivedAt() {
        return receivedAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookEvent event
                && traceId.equals(event.traceId)
                && path.equals(event.path)
                && Arrays.equals(rawBody, event.rawBody)
                && headers.equals(event.headers)
                && receivedAt.equals(event.receivedAt);
    }

    @Override
    public int hashCode() {
        return traceId.hashCode();
    }

    @Override
    public String toString() {
        return "WebhookEvent[traceId=" + traceId + ", path=" + path + ", bytes=" + rawBody.length + "]";
    }
}
