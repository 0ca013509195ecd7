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

    /** The console's own listener, bound to 127.0.0.1 only: the default port. */
    public static final int DEFAULT_PORT = 8001;

    /**
     * The port of the console's own listener, which binds 127.0.0.1 only, so a reverse proxy or port forward in
     * front of the webhook port never reaches it; 0 picks a free one ({@code Ocean#consolePort()} tells which).
     * Ignored when {@link #onMainListener} is set.
     */
    public int port = DEFAULT_PORT;

    /**
     * Serves the console on the webhook listener ({@code http.host}:{@code http.port}) instead of its own. Then a
     * {@link #token} is required whenever {@code http.host} is not a loopback address: a same-host reverse proxy
     * reaches that listener from 127.0.0.1, so the loopback rule alone would let everyone in.
     */
    public boolean onMainListener = false;

    /** How many dead letters a bulk replay puts back per second, so that it does not flood the queues. */
    public int replaysPerSecond = 50;

    /** How many recent events the console keeps per path. */
    public int recentEvents = 1_000;

    /**
     * How many bytes of raw payloads the recent events keep in all, in one array allocated when the console starts;
     * the newest overwrite the oldest, and a payload larger than a sixteenth of it is not kept (the event says so).
     */
    public long payloadBytes = 16L * 1024 * 1024;

    void validate() {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("console.port must be between 0 and 65535, got " + port);
        }
        if (replaysPerSecond <= 0 || replaysPerSecond > 1_000) {
            throw new IllegalArgumentException("console.replaysPerSecond must be from 1 to 1000, got "
                    + replaysPerSecond);
        }
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

    /** The rule that ties the console to {@code http.host}: see {@link #onMainListener}. */
    void validate(String httpHost) {
        if (enabled && onMainListener && token == null && !isLoopback(httpHost)) {
            throw new IllegalArgumentException("console.token is required when console.onMainListener is set and "
                    + "http.host (" + httpHost + ") is not a loopback address: a reverse proxy on this host would "
                    + "open the console to everyone; set console.token, bind http.host to 127.0.0.1, or leave the "
                    + "console on its own listener (console.port)");
        }
    }

    private static boolean isLoopback(String host) {
        String h = host.strip();
        return h.equals("localhost") || h.equals("::1") || h.equals("[::1]")
                || h.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
    }
}
