package io.ocean.webhook.internal.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.EventHeaders;
import io.ocean.core.internal.Json;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Headers as the console shows them: signatures, tokens, secrets, credentials and cookies replaced by a mask, so
 * that what a sender proved itself with never reaches a page.
 */
final class HeaderMasking {

    /** What a masked value reads as. */
    static final String MASK = "••••• (masked)";

    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(signature|token|secret|authorization|cookie|api[-_]?key|password|hmac|credential|auth).*");

    private HeaderMasking() {
    }

    static boolean masked(String name) {
        return SECRET.matcher(name).matches();
    }

    static ObjectNode toJson(EventHeaders headers) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        if (headers == null) {
            return json;
        }
        for (String name : headers.names()) {
            ArrayNode values = json.putArray(name);
            List<String> all = headers.all(name);
            all.forEach(value -> values.add(masked(name) ? MASK : value));
        }
        return json;
    }
}
