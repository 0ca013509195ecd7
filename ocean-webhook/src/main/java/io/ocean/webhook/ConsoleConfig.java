package io.ocean.webhook;

/**
 * The built-in console under {@code /ocean/}: recent events, dead letters with replay, entities and health, and
 * the JSON API under it. Off by default: {@code cfg.console.enabled = true} (or {@code OCEAN__CONSOLE__ENABLED=true}).
 */
public final class ConsoleConfig {

    /** The shortest token accepted, so that it cannot be guessed in a few tries. */
    public static final int MIN_TOKEN_LENGTH = 16;

    /** The largest payload budget: one array holds it. */
    public static final long MAX_PAYLOAD_BYTES = 1L << 30;

    /** Serves the console and records recent events for it; when false nothing is recorded and nothing served. */
    public boolean enabled = false;

    /**
     * When set, every console request needs it ({@code Authorization: Bearer}, or the session cookie of the login
     * page); when not, only loopback clients are answered. At least {@value #MIN_TOKEN_LENGTH} characters; never
     * logged nor shown.
     */
    public String token = null;

    /** How many recent events the console keeps per path. */
    public int recentEvents = 1_000;

    /**
     * How many bytes of raw payloads the recent events keep in all, in one array allocated when the console starts;
     * the newest overwrite the oldest, and a payload larger than a sixteenth of it is not kept (the event says so).
     */
    public long payloadBytes = 16L * 1024 * 1024;

    void validate() {
        if (recentEvents <= 0) {
            throw new IllegalArgumentException("console.recentEvents must be > 0, got " + recentEvents);
        }
        if (payloadBytes < 0 || payloadBytes > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("console.payloadBytes must be between 0 and " + MAX_PAYLOAD_BYTES
                    + ", got " + payloadBytes);
        }
        // the message never quotes the token
        if (token != null && token.strip().length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("console.token must be at least " + MIN_TOKEN_LENGTH
                    + " characters (leave it unset for loopback only)");
        }
    }
}
