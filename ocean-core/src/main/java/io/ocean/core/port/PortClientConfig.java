package io.ocean.core.port;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and as whom the {@link PortClient} talks to Port, and how hard it tries:
 * {@code PortClientConfig.custom().clientId(id).clientSecret(secret).integration("github", "1.0.0", "my-github").build()}.
 * {@link #toString()} never shows the secret.
 *
 * @param baseUrl               Port's API, without {@code /v1}
 * @param clientId              the client id
 * @param clientSecret          the client secret
 * @param integrationType       the integration's type, first part of the User-Agent
 * @param integrationVersion    the integration's version
 * @param integrationIdentifier the integration's identifier in Port
 * @param maxConcurrentRequests requests in flight at once, for the whole client
 * @param requestTimeout        the limit of one request
 * @param maxAttempts           attempts of one request, the first included
 * @param initialBackoff        the first retry delay; it doubles per attempt
 * @param maxBackoff            the largest retry delay
 */
public record PortClientConfig(URI baseUrl, String clientId, String clientSecret, String integrationType,
                               String integrationVersion, String integrationIdentifier, int maxConcurrentRequests,
                               Duration requestTimeout, int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** Port's EU API. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.port.io");
    /** Port's US API. */
    public static final URI US_BASE_URL = URI.create("https://api.us.port.io");
    /** Default requests in flight at once. */
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 8;
    /** Default limit of one request. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** Default attempts of one request. */
    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    /** Default first retry delay. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(300);
    /** Default largest retry delay. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);

    /** Checks every field and names the one that is wrong. */
    public PortClientConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        require(clientId, "clientId");
        require(clientSecret, "clientSecret");
        require(integrationType, "integrationType");
        require(integrationVersion, "integrationVersion");
        require(integrationIdentifier, "integrationIdentifier");
        if (maxConcurrentRequests <= 0) {
            throw new IllegalArgumentException("maxConcurrentRequests must be > 0, got " + maxConcurrentRequests);
        }
        if (maxAttempts <= 0) {
            throw new IllegalArgumentException("maxAttempts must be > 0, got " + maxAttempts);
        }
        positive(requestTimeout, "requestTimeout");
        positive(initialBackoff, "initialBackoff");
        positive(maxBackoff, "maxBackoff");
        String text = baseUrl.toString();
        if (text.endsWith("/")) {
            baseUrl = URI.create(text.substring(0, text.length() - 1));
        }
    }

    /** A builder with the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    /** The User-Agent Port records as each entity's {@code $datasource}. */
    public String userAgent() {
        return "port-ocean/" + integrationType + "/" + integrationVersion + "/" + integrationIdentifier + "/exporter";
    }

    @Override
    public String toString() {
        return "PortClientConfig[baseUrl=" + baseUrl + ", clientId=" + clientId + ", clientSecret=***, integration="
                + integrationType + "/" + integrationVersion + "/" + integrationIdentifier + "]";
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be set");
        }
    }

    private static void positive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    /** Builds a {@link PortClientConfig}; bad values fail at {@link #build()}. */
    public static final class Builder {
        private URI baseUrl = DEFAULT_BASE_URL;
        private String clientId;
        private String clientSecret;
        private String integrationType = "custom";
        private String integrationVersion = "0.0.0";
        private String integrationIdentifier;
        private int maxConcurrentRequests = DEFAULT_MAX_CONCURRENT_REQUESTS;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;

        private Builder() {
        }

        /** Port's API base URL. */
        public Builder baseUrl(String url) {
            this.baseUrl = URI.create(url);
            return this;
        }

        /** The client id. */
        public Builder clientId(String id) {
            this.clientId = id;
            return this;
        }

        /** The client secret. */
        public Builder clientSecret(String secret) {
            this.clientSecret = secret;
            return this;
        }

        /** The integration's type, version and identifier, as sent in the User-Agent. */
        public Builder integration(String type, String version, String identifier) {
            this.integrationType = type;
            this.integrationVersion = version;
            this.integrationIdentifier = identifier;
            return this;
        }

        /** Requests in flight at once. */
        public Builder maxConcurrentRequests(int max) {
            this.maxConcurrentRequests = max;
            return this;
        }

        /** The limit of one request. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** Attempts of one request, the first included. */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        /** The first and the largest retry delay. */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** The config. */
        public PortClientConfig build() {
            return new PortClientConfig(baseUrl, clientId, clientSecret, integrationType, integrationVersion,
                    integrationIdentifier, maxConcurrentRequests, requestTimeout, maxAttempts, initialBackoff,
                    maxBackoff);
        }
    }
}
