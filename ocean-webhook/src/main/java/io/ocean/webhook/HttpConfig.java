package io.ocean.webhook;

/** The embedded HTTP server: {@code cfg.http.port = 0} for a random port. */
public final class HttpConfig {

    /** The default largest accepted request body: 5 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 5L * 1024 * 1024;

    /** The port to listen on; 0 picks a free one ({@link Ocean#port()} tells which). */
    public int port = 8000;

    /** The interface to bind. */
    public String host = "0.0.0.0";

    /** Bodies larger than this are answered 413 without being read. */
    public long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

    void validate() {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("http.port must be between 0 and 65535, got " + port);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("http.host must not be blank");
        }
        if (maxBodyBytes <= 0 || maxBodyBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("http.maxBodyBytes must be > 0 and < 2 GiB, got " + maxBodyBytes);
        }
    }
}
