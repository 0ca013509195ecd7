package io.ocean.webhook;

/** Checks and normalises the paths users register. */
final class Paths {

    /** The prefix every integration route is served under. */
    static final String PREFIX = "/integration";

    private Paths() {
    }

    /** {@code "webhook"} and {@code "/webhook/"} both become {@code "/webhook"}. */
    static String normalize(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path must not be blank");
        }
        String trimmed = path.trim();
        String withSlash = trimmed.startsWith("/") ? trimmed : "/" + trimmed;
        String normalized = withSlash.length() > 1 && withSlash.endsWith("/")
                ? withSlash.substring(0, withSlash.length() - 1) : withSlash;
        if (normalized.equals("/")) {
            throw new IllegalArgumentException("path must name a route below " + PREFIX + ", got '" + path + "'");
        }
        return normalized;
    }
}
