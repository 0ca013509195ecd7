package io.ocean.webhook;

import java.time.Duration;

/**
 * Port credentials and how Ocean talks to Port. With {@code clientId} and {@code clientSecret} set, entities go to
 * Port; without them, to the local catalog.
 */
public final class PortConfig {

    /** Port's API; {@code https://api.us.port.io} for the US region. */
    public String baseUrl = "https://api.port.io";

    /** The client id; with the secret, it turns Port on. */
    public String clientId;

    /** The client secret; never logged. */
    public String clientSecret;

    /** Requests to Port in flight at once, for the whole integration. */
    public int maxConcurrentRequests = 8;

    /** The limit of one request to Port. */
    public Duration requestTimeout = Duration.ofSeconds(60);

    /** How long the port app config read from Port is used before it is read again (in the background). */
    public int appConfigCacheSeconds = 60;

    /** How long upserts of events that finish close together wait to share a bulk request. */
    public int batchWindowMillis = 20;

    /** Whether credentials are set. */
    public boolean enabled() {
        return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank();
    }

    void validate() {
        if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("port.baseUrl must be an http(s) URL, got " + baseUrl);
        }
        if ((clientId == null || clientId.isBlank()) != (clientSecret == null || clientSecret.isBlank())) {
            throw new IllegalArgumentException("port.clientId and port.clientSecret must be set together");
        }
        if (maxConcurrentRequests <= 0) {
            throw new IllegalArgumentException("port.maxConcurrentRequests must be > 0, got " + maxConcurrentRequests);
        }
        if (requestTimeout == null || requestTimeout.isZero() || requestTimeout.isNegative()) {
            throw new IllegalArgumentException("port.requestTimeout must be > 0, got " + requestTimeout);
        }
        if (appConfigCacheSeconds <= 0) {
            throw new IllegalArgumentException("port.appConfigCacheSeconds must be > 0, got " + appConfigCacheSeconds);
        }
        if (batchWindowMillis < 0) {
            throw new IllegalArgumentException("port.batchWindowMillis must be >= 0, got " + batchWindowMillis);
        }
    }
}
