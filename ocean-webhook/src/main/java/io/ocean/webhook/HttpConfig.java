package io.ocean.webhook;

/**
 * The embedded HTTP server: {@code cfg.http.port = 0} for a random port. Request bodies are read without holding a
 * thread, and a body that arrives too slowly is cut off, so that slow senders cannot starve real deliveries
 * (docs/configuration.md, "Slow bodies").
 */
public final class HttpConfig {

    /** The default largest accepted request body: 5 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 5L * 1024 * 1024;

    /** The default slowest accepted body, averaged after its first second: 256 bytes per second. */
    public static final long DEFAULT_MIN_REQUEST_BYTES_PER_SECOND = 256;

    /** The default time a whole body may take to arrive: 10 s, the time GitHub waits for an answer. */
    public static final long DEFAULT_BODY_READ_TIMEOUT_MILLIS = 10_000;

    /** The default number of unfinished bodies that may wait for more data at once: 64. */
    public static final int DEFAULT_MAX_CONCURRENT_BODY_READS = 64;

    /** The port to listen on; 0 picks a free one ({@link Ocean#port()} tells which). */
    public int port = 8000;

    /** The interface to bind. */
    public String host = "0.0.0.0";

    /** Bodies larger than this are answered 413 without being read. */
    public long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

    /**
     * A body whose average rate, after its first second, falls below this many bytes per second is answered 408
     * and its connection closed; 0 turns the check off.
     */
    public long minRequestBytesPerSecond = DEFAULT_MIN_REQUEST_BYTES_PER_SECOND;

    /** A body not complete this many milliseconds after its headers is answered 408 and its connection closed. */
    public long bodyReadTimeoutMillis = DEFAULT_BODY_READ_TIMEOUT_MILLIS;

    /**
     * How many bodies may wait for more data at once once they are older than a second or larger than 64 KiB;
     * past it such a body is answered 503 with {@code Retry-After} at once. Bodies that arrive whole need no slot.
     */
    public int maxConcurrentBodyReads = DEFAULT_MAX_CONCURRENT_BODY_READS;

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
        if (minRequestBytesPerSecond < 0) {
            throw new IllegalArgumentException("http.minRequestBytesPerSecond must be >= 0 (0 turns the check off),"
                    + " got " + minRequestBytesPerSecond);
        }
        if (bodyReadTimeoutMillis <= 0) {
            throw new IllegalArgumentException("http.bodyReadTimeoutMillis must be > 0, got " + bodyReadTimeoutMillis);
        }
        if (maxConcurrentBodyReads <= 0) {
            throw new IllegalArgumentException("http.maxConcurrentBodyReads must be > 0, got "
                    + maxConcurrentBodyReads);
        }
    }
}
