package io.ocean.webhook.internal.store;

import io.ocean.webhook.internal.http.BodyRejectedException;
import io.ocean.webhook.internal.http.RequestBodies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.internal.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event as one JSON object for the state files: trace id, path, time, headers, and the raw body in base64.
 * The payload is not stored; it is parsed again from the raw body by its content type, exactly as it was received.
 */
public final class EventCodec {

    private EventCodec() {
    }

    /** The event as JSON. */
    public static ObjectNode toJson(WebhookEvent event) {
        ObjectNode json = Json.MAPPER.createObjectNode()
                .put("traceId", event.traceId())
                .put("path", event.path())
                .put("receivedAt", event.receivedAt().toString());
        ObjectNode headers = json.putObject("headers");
        event.headers().asMap().forEach((name, values) -> values.forEach(v -> headers.withArray(name).add(v)));
        json.put("body", Base64.getEncoder().encodeToString(event.rawBody()));
        return json;
    }

    /**
     * The event back from JSON.
     *
     * @throws IllegalArgumentException when the JSON is not an event or its body no longer parses
     */
    public static WebhookEvent fromJson(JsonNode json) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        json.path("headers").fields().forEachRemaining(field -> {
            List<String> values = new ArrayList<>();
            field.getValue().forEach(v -> values.add(v.asText()));
            headers.put(field.getKey(), values);
        });
        EventHeaders eventHeaders = EventHeaders.of(headers);
        byte[] body = Base64.getDecoder().decode(json.path("body").asText(""));
        JsonNode payload;
        try {
            payload = RequestBodies.parse(eventHeaders.get("content-type"), body);
        } catch (BodyRejectedException e) {
            throw new IllegalArgumentException("stored event body no longer parses: " + e.getMessage(), e);
        }
        return WebhookEvent.reparsable(text(json, "traceId"), text(json, "path"), payload, eventHeaders, body,
                Instant.parse(text(json, "receivedAt")), RequestBodies.reparser(eventHeaders.get("content-type")));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("stored event has no " + field);
        }
        return value.asText();
    }
}
