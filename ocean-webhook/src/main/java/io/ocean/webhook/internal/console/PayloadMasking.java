package io.ocean.webhook.internal.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Payloads as the console shows them: the values of fields named like a credential (Slack's form {@code token},
 * an {@code api_key}, a {@code client_secret}, a {@code password}) are masked, in JSON at any depth and in form
 * bodies, because some senders put a shared secret in the body itself.
 */
final class PayloadMasking {

    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(token|secret|password|passwd|api[-_]?key|private[-_]?key|credential|signature).*");

    private PayloadMasking() {
    }

    /**
     * Puts the body into {@code detail}, masked: as {@code payload} when it is JSON, else as {@code payloadText}
     * (form fields masked when {@code contentType} says it is a form).
     */
    static void put(ObjectNode detail, byte[] raw, String contentType) {
        JsonNode parsed = io.ocean.core.internal.Json.readOrMissing(raw);
        if (parsed.isMissingNode()) {
            detail.put("payloadText", text(new String(raw, StandardCharsets.UTF_8), contentType));
        } else {
            detail.set("payload", json(parsed));
        }
    }

    /** A masked copy of the JSON payload. */
    static JsonNode json(JsonNode payload) {
        JsonNode copy = payload.deepCopy();
        mask(copy);
        return copy;
    }

    /** A form body ({@code a=1&token=...}) with credential fields masked; other text as it is. */
    static String text(String body, String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return body;
        }
        StringBuilder out = new StringBuilder();
        for (String pair : body.split("&", -1)) {
            if (out.length() > 0) {
                out.append('&');
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
            out.append(equals >= 0 && SECRET.matcher(name).matches()
                    ? pair.substring(0, equals + 1) + HeaderMasking.MASK : pair);
        }
        return out.toString();
    }

    private static void mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (field.getValue().isValueNode() && !field.getValue().isNull()
                        && SECRET.matcher(field.getKey()).matches()) {
                    field.setValue(TextNode.valueOf(HeaderMasking.MASK));
                } else {
                    mask(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(PayloadMasking::mask);
        }
    }
}
