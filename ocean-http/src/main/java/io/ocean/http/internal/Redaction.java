package io.ocean.http.internal;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * A URL as logs and exceptions show it: the values of query parameters that look like credentials
 * ({@code private_token}, {@code access_token}, {@code api_key}, {@code signature}, ...) replaced by {@code ***}.
 */
public final class Redaction {

    private static final Pattern SECRET = Pattern.compile(
            "(?i)([?&][^=&]*(token|key|secret|password|signature|sig|auth)[^=&]*=)[^&]*");

    private Redaction() {
    }

    /** The URL with secret-looking query values hidden. */
    public static String url(URI uri) {
        String text = uri.toString();
        int at = text.indexOf('@');
        if (uri.getUserInfo() != null && at > 0) {
            text = uri.getScheme() + "://***@" + text.substring(at + 1);
        }
        return SECRET.matcher(text).replaceAll("$1***");
    }
}
