package io.ocean.http.internal;

import io.ocean.http.ApiRequest;
import io.ocean.http.HttpApiException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Paths with {@code {...}} placeholders filled by encoded arguments, and the full URL of a request. */
public final class UrlTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}/]*}");

    private UrlTemplate() {
    }

    /** The path with each placeholder replaced, in order, by an argument, URL-encoded. */
    public static String fill(String path, Object... args) {
        Matcher matcher = PLACEHOLDER.matcher(path);
        StringBuilder out = new StringBuilder();
        int used = 0;
        while (matcher.find()) {
            if (used == args.length) {
                throw new IllegalArgumentException("path " + path + " has more placeholders than the "
                        + args.length + " argument(s)");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(encode(String.valueOf(args[used++]))));
        }
        matcher.appendTail(out);
        if (used != args.length) {
            throw new IllegalArgumentException("path " + path + " has " + used + " placeholder(s) for "
                    + args.length + " argument(s)");
        }
        return out.toString();
    }

    /**
     * The URL of a request: its path under the base URL, or its absolute URL when it is on the base URL's host (a
     * next page); its extra query appended.
     */
    public static URI build(URI base, ApiRequest request) {
        String path = request.path();
        String url;
        if (path.startsWith("http://") || path.startsWith("https://")) {
            URI absolute = URI.create(path);
            if (!absolute.getScheme().equals(base.getScheme()) || !absolute.getAuthority().equals(base.getAuthority())) {
                throw new HttpApiException(request.method(), Redaction.url(absolute),
                        "not on " + base.getScheme() + "://" + base.getAuthority()
                                + "; credentials are not sent to another host", null);
            }
            url = path;
        } else {
            url = base + (path.startsWith("/") || path.isEmpty() ? "" : "/") + path;
        }
        if (!request.query().isEmpty()) {
            StringBuilder query = new StringBuilder();
            for (Map.Entry<String, String> parameter : request.query().entrySet()) {
                query.append(query.length() == 0 ? "" : "&").append(encode(parameter.getKey())).append('=')
                        .append(encode(parameter.getValue()));
            }
            url = url + (url.contains("?") ? "&" : "?") + query;
        }
        return URI.create(url);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
