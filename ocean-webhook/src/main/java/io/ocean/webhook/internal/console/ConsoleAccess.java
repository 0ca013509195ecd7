package io.ocean.webhook.internal.console;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may use the console. Without a token: loopback clients only, judged by the TCP peer address (never by
 * {@code X-Forwarded-For}, which anyone can send), and a request that a proxy forwarded or that names a non-local
 * host (DNS rebinding) counts as not local; everyone else gets a 404 as if there were no console. With a token:
 * {@code Authorization: Bearer <token>} or the session cookie set by the login page, compared in constant time;
 * anything else is a 401 that says nothing more. State-changing requests must also come from the console's own
 * origin: with an {@code Origin} header naming it, unless they carry the bearer token.
 */
final class ConsoleAccess {

    /** What to do with a request. */
    enum Verdict { ALLOW, NOT_FOUND, UNAUTHORIZED, FORBIDDEN }

    /** The session cookie's name. */
    static final String COOKIE = "ocean_console";

    private static final List<String> FORWARDING_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Real-IP",
            "X-Forwarded-Host");

    private final byte[] tokenDigest;
    private final String session;

    /** Access with {@code token}, or loopback only when it is null. */
    ConsoleAccess(String token) {
        this.tokenDigest = token == null ? null : sha256(token.strip());
        this.session = token == null ? null : sessionOf(token.strip());
    }

    boolean tokenRequired() {
        return tokenDigest != null;
    }

    /** The verdict on a request; {@code stateChanging} adds the origin check. */
    Verdict check(Context ctx, boolean stateChanging) {
        // only the bearer token exempts a request from showing its origin: a loopback client without one may be a
        // browser driven by any page, or a proxy on this host
        boolean byBearer = false;
        if (tokenDigest == null) {
            if (!isLocal(ctx.req().getRemoteAddr(), ctx.header("Host"), forwarded(ctx))) {
                return Verdict.NOT_FOUND;
            }
        } else if (bearerMatches(ctx.header("Authorization"))) {
            byBearer = true; // a script: it need not send an Origin
        } else if (!sessionMatches(ctx.cookie(COOKIE))) {
            return Verdict.UNAUTHORIZED;
        }
        if (stateChanging && !sameOrigin(ctx.header("Origin"), ctx.header("Host"), ctx.header("Sec-Fetch-Site"),
                !byBearer)) {
            return Verdict.FORBIDDEN;
        }
        return Verdict.ALLOW;
    }

    /** Whether the token typed on the login page is right (constant time). */
    boolean tokenMatches(String candidate) {
        return tokenDigest != null && candidate != null
                && MessageDigest.isEqual(tokenDigest, sha256(candidate.strip()));
    }

    /** The session cookie's value: derived from the token, so it is not the token and changes with it. */
    String sessionValue() {
        return session;
    }

    /**
     * The loopback rule: the peer address (a literal IP from the socket, so no name lookup) is a loopback address,
     * no proxy forwarded the request, and the Host header, when present, names the loopback too.
     */
    static boolean isLocal(String remoteAddress, String hostHeader, boolean forwarded) {
        if (forwarded || remoteAddress == null || !isLoopbackLiteral(remoteAddress)) {
            return false;
        }
        if (hostHeader == null || hostHeader.isBlank()) {
            return true;
        }
        String host = hostOf(hostHeader);
        return host.equals("localhost") || host.endsWith(".localhost") || isLoopbackLiteral(host);
    }

    /**
     * The origin rule for state-changing requests: an {@code Origin} that is present must be the console's own
     * (same host and port as {@code Host}); a browser's {@code Sec-Fetch-Site} must not be cross-site; and a request
     * authenticated by the cookie must carry an {@code Origin} (a script with the bearer token need not).
     */
    static boolean sameOrigin(String origin, String hostHeader, String fetchSite, boolean byCookie) {
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return false;
        }
        if (origin == null) {
            return !byCookie;
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null || hostHeader == null) {
                return false;
            }
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return authority.equalsIgnoreCase(hostHeader.trim()) || (uri.getPort() < 0
                    && (uri.getHost() + ":" + ("https".equals(uri.getScheme()) ? 443 : 80))
                            .equalsIgnoreCase(hostHeader.trim()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean forwarded(Context ctx) {
        for (String name : FORWARDING_HEADERS) {
            if (ctx.header(name) != null) {
                return true;
            }
        }
        return false;
    }

    private boolean bearerMatches(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(tokenDigest, sha256(authorization.substring(7).strip()));
    }

    private boolean sessionMatches(String cookie) {
        return cookie != null && MessageDigest.isEqual(session.getBytes(StandardCharsets.US_ASCII),
                cookie.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hostOf(String hostHeader) {
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(1, end);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static boolean isLoopbackLiteral(String address) {
        String literal = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        // only IP literals: a name would need a lookup, and a name is not what a socket reports
        if (!literal.matches("[0-9.]+") && !literal.matches("[0-9a-fA-F:.%a-zA-Z]*:[0-9a-fA-F:.%a-zA-Z]*")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sessionOf(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal("ocean-console-session-v1".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
