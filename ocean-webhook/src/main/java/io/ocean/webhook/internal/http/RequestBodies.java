package io.ocean.webhook.internal.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.ocean.core.internal.Json;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a request body into a JSON object by its content type: JSON ({@code application/json},
 * {@code *}{@code /*+json}, or no type at all), or a form with a {@code payload} field as GitHub sends it.
 * A refusal carries a fixed message per error code: the parser's own words quote the body (a token, a value) and
 * name its internals, so they go to the debug log only, as a position without the text.
 */
public final class RequestBodies {

    private static final Logger log = LoggerFactory.getLogger(RequestBodies.class);

    private static final ObjectReader STRICT = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String FORM = "application/x-www-form-urlencoded";

    private RequestBodies() {
    }

    /**
     * Parses the body.
     *
     * @throws BodyRejectedException 415 for a type we do not read, 400 for a body that is not a JSON object
     */
    public static JsonNode parse(String contentType, byte[] body) throws BodyRejectedException {
        String mediaType = mediaType(contentType);
        if (mediaType.isEmpty() || mediaType.equals("application/json") || isJsonSuffix(mediaType)) {
            return parseJsonObject(body, "the body");
        }
        if (mediaType.equals(FORM)) {
            return parseJsonObject(formPayload(body, charset(contentType)), "the form field 'payload'");
        }
        log.debug("Content-Type {} is not accepted", mediaType);
        throw new BodyRejectedException(415, "unsupported_media_type",
                "the Content-Type is not accepted; send application/json or a form with a payload field");
    }

    /**
     * A parser for bodies already accepted once with this content type, for events whose parsed payload may be
     * dropped and parsed again.
     */
    public static java.util.function.Function<byte[], JsonNode> reparser(String contentType) {
        return raw -> {
            try {
                return parse(contentType, raw);
            } catch (BodyRejectedException e) {
                throw new IllegalStateException("a body accepted once no longer parses: " + e.getMessage(), e);
            }
        };
    }

    private static JsonNode parseJsonObject(byte[] json, String what) throws BodyRejectedException {
        JsonNode node;
        try {
            node = STRICT.readTree(json);
        } catch (JacksonException e) {
            // the location, never the message: "Unrecognized token 'secretTOKEN'" quotes the body
            log.debug("{} is not valid JSON at {} ({})", what, location(e), e.getClass().getSimpleName());
            throw new BodyRejectedException(400, "malformed_json", what + " is not valid JSON");
        } catch (java.io.IOException e) {
            log.debug("{} could not be read ({})", what, e.getClass().getSimpleName());
            throw new BodyRejectedException(400, "malformed_json", what + " is not valid JSON");
        }
        if (node == null || node.isMissingNode()) {
            throw new BodyRejectedException(400, "empty_body", what + " is empty");
        }
        if (!node.isObject()) {
            log.debug("{} is a JSON {}, not an object", what, node.getNodeType());
            throw new BodyRejectedException(400, "not_an_object", what + " must be a JSON object");
        }
        return node;
    }

    private static byte[] formPayload(byte[] body, Charset charset) throws BodyRejectedException {
        String form = new String(body, charset);
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), charset);
            if (name.equals("payload")) {
                return decode(eq < 0 ? "" : pair.substring(eq + 1), charset).getBytes(StandardCharsets.UTF_8);
            }
        }
        throw new BodyRejectedException(400, "missing_payload", "the form body has no 'payload' field");
    }

    private static String decode(String text, Charset charset) throws BodyRejectedException {
        try {
            return URLDecoder.decode(text, charset);
        } catch (IllegalArgumentException e) {
            // URLDecoder's message quotes the bad escape and what follows it
            log.debug("the form body has a bad %-escape");
            throw new BodyRejectedException(400, "malformed_form", "the form body is not URL-encoded");
        }
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? "an unknown position"
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isJsonSuffix(String mediaType) {
        int slash = mediaType.indexOf('/');
        return slash > 0 && mediaType.endsWith("+json") && mediaType.length() > slash + "+json".length() + 1;
    }

    private static Charset charset(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] nameValue = parameter.trim().split("=", 2);
            if (nameValue.length == 2 && nameValue[0].trim().equalsIgnoreCase("charset")) {
                try {
                    return Charset.forName(nameValue[1].trim().replace("\"", ""));
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
